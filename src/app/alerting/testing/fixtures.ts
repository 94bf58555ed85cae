/** Builders for realistic raw payloads in tests (the shapes of test/fixtures/events/). */
export interface AlarmEventOptions {
  name: string;
  state?: 'ALARM' | 'OK' | 'INSUFFICIENT_DATA';
  at: string;
  namespace?: string;
  metric?: string;
  dimensions?: Record<string, string>;
  value?: number;
  threshold?: number;
  eventId?: string;
  account?: string;
  region?: string;
}

/** An EventBridge "CloudWatch Alarm State Change" event for a metric alarm. */
export function alarmEvent(o: AlarmEventOptions): Record<string, unknown> {
  const account = o.account ?? '123456789012';
  const region = o.region ?? 'us-east-1';
  const state = o.state ?? 'ALARM';
  return {
    version: '0',
    id: o.eventId ?? `evt-${o.name}-${state}-${o.at}`,
    'detail-type': 'CloudWatch Alarm State Change',
    source: 'aws.cloudwatch',
    account,
    time: o.at,
    region,
    resources: [`arn:aws:cloudwatch:${region}:${account}:alarm:${o.name}`],
    detail: {
      alarmName: o.name,
      state: {
        value: state,
        reason: `Threshold Crossed: datapoint ${o.value ?? 0} vs threshold ${o.threshold ?? 0}`,
        reasonData: JSON.stringify({ version: '1.0', recentDatapoints: [o.value ?? 0], threshold: o.threshold ?? 0 }),
        timestamp: o.at,
      },
      previousState: { value: state === 'ALARM' ? 'OK' : 'ALARM', timestamp: o.at },
      configuration: {
        metrics: [{ id: 'm1', metricStat: { metric: { namespace: o.namespace ?? 'AWS/Lambda', name: o.metric ?? 'Errors', dimensions: o.dimensions ?? { FunctionName: 'checkout-api' } }, period: 60, stat: 'Sum' }, returnData: true }],
      },
    },
  };
}

export function webhookEvent(o: { id: string; title: string; resource: string; at: string; status?: 'firing' | 'resolved'; level?: string; service?: string; environment?: string; labels?: Record<string, string> }): Record<string, unknown> {
  return { id: o.id, title: o.title, resource: o.resource, time: o.at, status: o.status ?? 'firing', ...(o.level ? { level: o.level } : {}), ...(o.service ? { service: o.service } : {}), ...(o.environment ? { environment: o.environment } : {}), labels: o.labels ?? {} };
}
