import { hashUniform } from '../../core/shared/hash.js';
import type { ResourceRecord } from '../../ports/cloud.js';
import type { LogEvent, LogQuery, Logs } from '../../ports/logs.js';
import type { Sandbox } from './sandbox.js';

const MINUTE = 60_000;
const BASELINE_PER_MINUTE = 6;

const BASELINE_TEMPLATES = [
  (n: number) => `{"level":"INFO","msg":"request completed","path":"/api/orders","status":200,"durationMs":${40 + (n % 90)}}`,
  (n: number) => `{"level":"INFO","msg":"cache hit","key":"order:${1000 + (n % 9000)}"}`,
  (n: number) => `INFO  [worker-${n % 8}] processed batch size=${10 + (n % 40)} in ${100 + (n % 300)} ms`,
  (n: number) => `{"level":"WARN","msg":"slow downstream call","dependency":"orders-db","durationMs":${900 + (n % 400)}}`,
];

export function logGroupsOf(r: ResourceRecord): string[] {
  switch (r.type) {
    case 'AWS::Lambda::Function':
      return [`/aws/lambda/${r.name}`];
    case 'AWS::ECS::Service':
      return [`/ecs/${r.name}`];
    case 'AWS::AutoScaling::AutoScalingGroup':
    case 'AWS::EC2::Instance':
      return [`/aws/ec2/${r.tags['service'] ?? r.name}`];
    case 'AWS::RDS::DBInstance':
      return [`/aws/rds/instance/${r.name}/postgresql`];
    default:
      return [];
  }
}

/**
 * Application logs of the sandbox: a steady, deterministic background of ordinary lines per log
 * group, plus the lines injected by `logs` faults (with their rate, level and template).
 */
export class SandboxLogs implements Logs {
  constructor(private readonly sandbox: Sandbox) {}

  async logGroupsFor(resourceArn: string): Promise<string[]> {
    const r = this.sandbox.resources().find((x) => x.arn === resourceArn);
    return r ? logGroupsOf(r) : [];
  }

  async filterLogEvents(q: LogQuery): Promise<LogEvent[]> {
    const out: LogEvent[] = [];
    const end = Math.min(q.endMs, this.sandbox.now());
    const owners = this.sandbox.resources().filter((r) => logGroupsOf(r).includes(q.logGroup));
    const faults = this.sandbox.logFaults().filter((f) => owners.some((o) => o.arn === f.resourceArn));
    for (let m = Math.floor(q.startMs / MINUTE) * MINUTE; m < end; m += MINUTE) {
      for (let i = 0; i < BASELINE_PER_MINUTE; i++) {
        const n = Math.floor(hashUniform(`${q.logGroup}:${m}:${i}`) * 1e6);
        out.push({ timestamp: m + Math.floor((i * MINUTE) / BASELINE_PER_MINUTE), logGroup: q.logGroup, message: BASELINE_TEMPLATES[n % BASELINE_TEMPLATES.length]!(n) });
      }
      for (const f of faults) {
        if (m < f.startMs || m >= f.endMs) continue;
        const count = Math.round(f.ratePerMinute);
        for (let i = 0; i < count; i++) {
          const n = Math.floor(hashUniform(`${f.id}:${m}:${i}`) * 1e6);
          const message = f.template.replace(/\{n\}/g, String(n % 10_000)).replace(/\{id\}/g, n.toString(16));
          out.push({ timestamp: m + Math.floor((i * MINUTE) / Math.max(1, count)), logGroup: q.logGroup, message: `${f.level} ${message}` });
        }
      }
    }
    const terms = (q.filterPattern ?? '').split(/\s+/).filter(Boolean);
    const filtered = out.filter((e) => e.timestamp >= q.startMs && e.timestamp < end && terms.every((t) => e.message.includes(t)));
    filtered.sort((a, b) => a.timestamp - b.timestamp);
    return q.limit ? filtered.slice(0, q.limit) : filtered;
  }
}
