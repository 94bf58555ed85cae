import type { SignalInput, SignalState } from './signal.js';
import { arnParts, parseAlarmName, resourceArnFromDimensions } from './cloudwatchResource.js';

/** CloudWatch writes `2019-10-01T13:56:40.987+0000`; we store ISO 8601 UTC. */
export function toIso(ts: string): string {
  const fixed = ts.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const ms = Date.parse(fixed);
  return Number.isNaN(ms) ? ts : new Date(ms).toISOString();
}

export const isoTimestamp = (s: string): boolean => !Number.isNaN(Date.parse(s.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')));

/** ALARM fires, OK resolves; INSUFFICIENT_DATA changes nothing (missing data is not recovery). */
export function alarmState(value: string): SignalState {
  if (value === 'ALARM') return 'firing';
  if (value === 'OK') return 'resolved';
  return 'info';
}

export interface AlarmChange {
  alarmName: string;
  alarmArn: string;
  stateValue: string;
  stateTime: string;
  reason?: string;
  description?: string;
  namespace?: string;
  metricName?: string;
  dimensions?: Record<string, string>;
  threshold?: number;
  value?: number;
  composite?: boolean;
  alarmRule?: string;
  account?: string;
  region?: string;
}

/**
 * One alarm state change → one Signal, whatever the delivery path (EventBridge or SNS). The source
 * id is alarm ARN + new state + state-change time, identical on both paths, so an alarm routed
 * through both never counts twice.
 */
export function alarmSignal(c: AlarmChange, raw: unknown): Omit<SignalInput, 'id'> {
  const fromArn = arnParts(c.alarmArn);
  const region = c.region || fromArn.region;
  const account = c.account || fromArn.account;
  const time = toIso(c.stateTime);
  const parts = parseAlarmName(c.alarmName);
  const target = c.namespace && c.dimensions && !c.composite ? resourceArnFromDimensions(c.namespace, c.dimensions, region, account, c.alarmArn) : { arn: c.alarmArn, type: 'AWS::CloudWatch::CompositeAlarm' };
  const labels: Record<string, string> = { alarmName: c.alarmName, alarmState: c.stateValue };
  if (parts.environment) labels.environment = parts.environment;
  if (parts.service) labels.service = parts.service;
  if (c.composite) labels.composite = 'true';
  for (const [k, v] of Object.entries(c.dimensions ?? {})) labels[`dim_${k}`] = v;
  const metric = c.namespace && c.metricName ? `${c.namespace} ${c.metricName}` : undefined;
  return {
    sourceId: `${c.alarmArn}|${c.stateValue}|${time}`,
    source: 'cloudwatch-alarm',
    kind: 'metric-alarm',
    resourceArn: target.arn,
    ...(target.type ? { resourceType: target.type } : {}),
    ...(metric ? { metric } : {}),
    rule: c.alarmName,
    state: alarmState(c.stateValue),
    ...(parts.level ? { level: parts.level } : {}),
    ...(c.value !== undefined ? { value: c.value } : {}),
    ...(c.threshold !== undefined ? { threshold: c.threshold } : {}),
    title: `${c.alarmName} is ${c.stateValue}`,
    ...(c.reason || c.description ? { description: [c.description, c.reason].filter(Boolean).join(' — ') } : {}),
    labels,
    time,
    ...(account ? { account } : {}),
    ...(region ? { region } : {}),
    raw,
  };
}

/** `reasonData` is a JSON string with `recentDatapoints` and `threshold`; absent or odd → nothing. */
export function reasonDataValues(reasonData: string | undefined): { value?: number; threshold?: number } {
  if (!reasonData) return {};
  try {
    const d = JSON.parse(reasonData) as { recentDatapoints?: unknown; threshold?: unknown };
    const out: { value?: number; threshold?: number } = {};
    if (Array.isArray(d.recentDatapoints) && d.recentDatapoints.length) {
      const v = d.recentDatapoints[d.recentDatapoints.length - 1];
      if (typeof v === 'number') out.value = v;
    }
    if (typeof d.threshold === 'number') out.threshold = d.threshold;
    return out;
  } catch {
    return {};
  }
}
