import type { LogEvent } from '../../../ports/logs.js';
import { fnv1a32, seededRandom } from '../../shared/hash.js';
import { isFaultKind, type FaultWindow } from './faults.js';
import { chooseTemplate, DB_FAULT_PROFILES, DB_NORMAL_TEMPLATES, FAULT_PROFILES, NORMAL_TEMPLATES, uuid, type GenLine, type LineTemplate, type Rand } from './templates.js';

/** How a service writes its logs: Powertools JSON (Lambda), Spring-style text (ECS), syslog-ish text (EC2), PostgreSQL (RDS). */
export type LogFormat = 'json' | 'java' | 'plain' | 'postgres';

export interface GenerateLogsInput {
  service: string;
  resourceArn: string;
  fromMs: number;
  /** Exclusive. */
  toMs: number;
  faults?: FaultWindow[];
  seed?: number;
  /** Mean application events per minute (default 120); stack-trace lines come on top. */
  ratePerMinute?: number;
  /** Default: chosen from the resource type in the ARN. */
  format?: LogFormat;
  /** Default: {@link logGroupFor}(resourceArn). */
  logGroup?: string;
}

/** The conventional CloudWatch log group of a resource (what `Logs.logGroupsFor` returns in the sandbox). */
export function logGroupFor(resourceArn: string): string {
  const parts = resourceArn.split(':');
  const service = parts[2] ?? '';
  const resource = parts.slice(5).join(':');
  const last = resource.split(/[/:]/).filter(Boolean).pop() ?? resource;
  switch (service) {
    case 'lambda':
      return `/aws/lambda/${resource.replace(/^function:/, '').split(':')[0]}`;
    case 'ecs':
      return `/ecs/${last}`;
    case 'rds':
      return `/aws/rds/${resource.startsWith('cluster:') ? 'cluster' : 'instance'}/${last}/postgresql`;
    default:
      return `/aiops/${service || 'app'}/${last || 'app'}`;
  }
}

export function formatFor(resourceArn: string): LogFormat {
  const service = resourceArn.split(':')[2] ?? '';
  if (service === 'lambda') return 'json';
  if (service === 'ecs') return 'java';
  if (service === 'rds') return 'postgres';
  return 'plain';
}

const sum = (ts: readonly LineTemplate[]): number => ts.reduce((s, t) => s + t.weight, 0);

/**
 * Generates realistic application logs for one resource, deterministically for a seed: normal
 * traffic with a little background noise, and while a fault is active a share of lines taken by
 * that fault's templates (timeouts for CPU saturation, a new TypeError/NullPointerException after
 * a bad deploy, ECONNREFUSED on a database failover, ThrottlingException, OutOfMemoryError…).
 *
 * @example
 * generateLogs({ service: 'checkout', resourceArn: 'arn:aws:lambda:eu-west-1:123456789012:function:checkout',
 *   fromMs: 0, toMs: 3_600_000, faults: [{ kind: 'throttling', startMs: 1_800_000, endMs: 2_400_000 }], seed: 7 });
 */
export function generateLogs(input: GenerateLogsInput): LogEvent[] {
  const format = input.format ?? formatFor(input.resourceArn);
  const logGroup = input.logGroup ?? logGroupFor(input.resourceArn);
  const r: Rand = seededRandom(((input.seed ?? 1) ^ fnv1a32(`${input.service}|${input.resourceArn}`)) >>> 0);
  const meanGapMs = 60_000 / Math.max(0.001, input.ratePerMinute ?? 120);
  const normal = format === 'postgres' ? DB_NORMAL_TEMPLATES : NORMAL_TEMPLATES;
  const normalWeight = sum(normal);
  const faults = (input.faults ?? []).filter((f) => isFaultKind(f.kind));
  const streams = Array.from({ length: 3 }, () => uuid(r).replace(/-/g, ''));
  const out: LogEvent[] = [];
  let t = input.fromMs + Math.floor(-Math.log(1 - r()) * meanGapMs);
  let n = 0;
  while (t < input.toMs) {
    let line: GenLine | undefined;
    for (const f of faults) {
      if (t < f.startMs || t >= f.endMs) continue;
      const profile = format === 'postgres' ? DB_FAULT_PROFILES[f.kind as keyof typeof DB_FAULT_PROFILES] : FAULT_PROFILES[f.kind as keyof typeof FAULT_PROFILES];
      if (profile && r() < profile.share) {
        line = chooseTemplate(r, profile.templates, sum(profile.templates)).render(r, input.service);
        break;
      }
    }
    line ??= chooseTemplate(r, normal, normalWeight).render(r, input.service);
    const stream = streams[n % 3] as string;
    render(out, line, { t, format, logGroup, stream, service: input.service, r });
    n++;
    t += Math.max(1, Math.floor(-Math.log(1 - r()) * meanGapMs));
  }
  return out;
}

interface RenderCtx {
  t: number;
  format: LogFormat;
  logGroup: string;
  stream: string;
  service: string;
  r: Rand;
}

function render(out: LogEvent[], line: GenLine, c: RenderCtx): void {
  const iso = new Date(c.t).toISOString();
  const push = (message: string): void => {
    out.push({ timestamp: c.t, logGroup: c.logGroup, logStream: streamName(c), message });
  };
  if (line.platform) {
    push(`${iso}\t${uuid(c.r)}\t${line.message}`);
    return;
  }
  switch (c.format) {
    case 'json': {
      const doc: Record<string, unknown> = { level: line.level, message: line.message, timestamp: iso, service: c.service, function_request_id: uuid(c.r), xray_trace_id: `1-${Math.floor(c.t / 1000).toString(16)}-${uuid(c.r).replace(/-/g, '').slice(0, 24)}` };
      if (line.error) doc.error = { name: line.error.name, message: line.error.message, stack: [`${line.error.name}: ${line.error.message}`, ...line.error.frames.map((f) => `    ${f}`)].join('\n') };
      push(JSON.stringify(doc));
      // Lambda writes a REPORT line per invocation; emitting one every few events keeps the mix realistic.
      if (c.r() < 0.1) push(`REPORT RequestId: ${uuid(c.r)}\tDuration: ${(c.r() * 900).toFixed(2)} ms\tBilled Duration: ${Math.ceil(c.r() * 900)} ms\tMemory Size: 512 MB\tMax Memory Used: ${Math.floor(90 + c.r() * 80)} MB`);
      return;
    }
    case 'java': {
      const thread = `http-nio-8080-exec-${1 + Math.floor(c.r() * 20)}`;
      push(`${iso.replace('T', ' ').replace('Z', '')}  ${line.level.padStart(5)} 1 --- [${thread}] c.m.${c.service.replace(/-/g, '')}.Service : ${line.message}`);
      // Without a multi-line pattern the CloudWatch agent ships each stack-trace line as its own event.
      if (line.error) {
        push(`${line.error.name}: ${line.error.message}`);
        for (const f of line.error.frames) push(`\t${f}`);
      }
      return;
    }
    case 'postgres':
      push(`${iso.replace('T', ' ').slice(0, 19)} UTC:10.0.1.${10 + Math.floor(c.r() * 20)}(${40000 + Math.floor(c.r() * 20000)}):app@orders:[${1000 + Math.floor(c.r() * 9000)}]:${line.message}`);
      return;
    default: {
      const head = `${iso} ${line.level} ${c.service}[${2000 + Math.floor(c.r() * 50)}]: ${line.message}`;
      push(line.error ? `${head}\n${line.error.name}: ${line.error.message}\n${line.error.frames.map((f) => `    ${f}`).join('\n')}` : head);
    }
  }
}

function streamName(c: RenderCtx): string {
  if (c.format === 'json') return `${new Date(c.t).toISOString().slice(0, 10).replace(/-/g, '/')}/[$LATEST]${c.stream}`;
  if (c.format === 'java') return `ecs/${c.service}/${c.stream}`;
  return c.stream.slice(0, 12);
}
