import { seededRandom } from '../../src/core/shared/hash.js';

/**
 * A seeded alert storm over a sandbox-like fleet: ~50 underlying problems (some cascading), with
 * re-deliveries, SNS copies, flapping alarms, a maintenance window, a silenced service, security
 * findings, change events and ≥ 1 % malformed payloads, plus the ground truth for every event.
 */
export interface StormEvent {
  time: number;
  raw: unknown;
  /** Problem id, or null for change events and malformed payloads. */
  problem: string | null;
  kind: 'signal' | 'change' | 'malformed' | 'redelivery';
}

export interface ProblemTruth {
  id: string;
  type: string;
  service: string;
  start: number;
  end: number;
  /** Muted problems (maintenance window, silenced service) must not notify nor open incidents. */
  expectMuted: boolean;
}

export interface Storm {
  start: number;
  end: number;
  events: StormEvent[];
  problems: ProblemTruth[];
  silencedService: string;
  maintenance: { service: string; cron: string; duration: string };
}

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';
const TYPES = ['lambda-errors', 'rds-failover-cascade', 'cpu-saturation', 'sqs-backlog', 'dynamo-throttle', 'security-bruteforce', 'config-drift', 'flapping-alarm', 'prometheus-latency', 'alb-5xx'] as const;
const iso = (t: number): string => new Date(t).toISOString();
const cwTs = (t: number): string => iso(t).replace('Z', '+0000');

export function generateStorm(opts: { seed: number; targetEvents: number; problems?: number; hours?: number; start?: string }): Storm {
  const rnd = seededRandom(opts.seed);
  const int = (a: number, b: number): number => a + Math.floor(rnd() * (b - a + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const start = Date.parse(opts.start ?? '2026-11-23T08:00:00.000Z');
  const hours = opts.hours ?? 4;
  const end = start + hours * 3_600_000;
  const nProblems = opts.problems ?? 50;
  const events: StormEvent[] = [];
  const problems: ProblemTruth[] = [];
  let seq = 0;
  const push = (time: number, raw: unknown, problem: string | null, kind: StormEvent['kind'] = 'signal'): void => {
    events.push({ time, raw, problem, kind });
  };

  const alarm = (p: ProblemTruth, name: string, state: 'ALARM' | 'OK', t: number, ns: string, metric: string, dims: Record<string, string>, value: number, threshold: number): void => {
    const arn = `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:${name}`;
    const id = `cw-${++seq}`;
    const eb = { version: '0', id, 'detail-type': 'CloudWatch Alarm State Change', source: 'aws.cloudwatch', account: ACCOUNT, time: iso(t), region: REGION, resources: [arn], detail: { alarmName: name, state: { value: state, reason: `Threshold Crossed: [${value}] vs ${threshold}`, reasonData: JSON.stringify({ version: '1.0', recentDatapoints: [value], threshold }), timestamp: cwTs(t) }, previousState: { value: state === 'ALARM' ? 'OK' : 'ALARM' }, configuration: { metrics: [{ id: 'm1', metricStat: { metric: { namespace: ns, name: metric, dimensions: dims }, period: 60, stat: 'Average' }, returnData: true }] } } };
    push(t, eb, p.id);
    // The same state change often arrives twice more: an EventBridge re-delivery and the SNS path.
    if (rnd() < 0.5) push(t + int(1, 60) * 1000, eb, p.id, 'redelivery');
    if (rnd() < 0.4) {
      const message = { AlarmName: name, AWSAccountId: ACCOUNT, NewStateValue: state, NewStateReason: 'Threshold Crossed', StateChangeTime: cwTs(t), Region: 'US East (N. Virginia)', AlarmArn: arn, OldStateValue: state === 'ALARM' ? 'OK' : 'ALARM', Trigger: { MetricName: metric, Namespace: ns, Dimensions: Object.entries(dims).map(([k, v]) => ({ name: k, value: v })), Threshold: threshold } };
      push(t + int(1, 30) * 1000, { Type: 'Notification', MessageId: `sns-${++seq}`, TopicArn: `arn:aws:sns:${REGION}:${ACCOUNT}:aiops-alarms`, Subject: `${state}: "${name}"`, Message: JSON.stringify(message), Timestamp: iso(t) }, p.id, 'redelivery');
    }
  };

  const anomalies = (p: ProblemTruth, resourceArn: string, metric: string, every: number): void => {
    for (let t = p.start; t < p.end; t += every) {
      push(t, { sourceId: `iforest|${resourceArn}|${metric}|${t}`, source: 'anomaly', kind: 'anomaly', resourceArn, metric, rule: 'isolation-forest', state: 'firing', level: 'warning', value: 100 + int(0, 900), title: `Anomalous ${metric.split(' ')[1]} on ${resourceArn.split(/[:/]/).pop()}`, labels: { service: p.service, environment: 'prod', detector: 'isolation-forest' }, time: iso(t) }, p.id);
    }
    push(p.end, { sourceId: `iforest|${resourceArn}|${metric}|${p.end}|ok`, source: 'anomaly', kind: 'anomaly', resourceArn, metric, rule: 'isolation-forest', state: 'resolved', title: `Anomalous ${metric.split(' ')[1]} back to normal`, labels: { service: p.service, environment: 'prod', detector: 'isolation-forest' }, time: iso(p.end) }, p.id);
  };

  const services = [...Array(nProblems + 2)].map((_, i) => `svc${String(i).padStart(2, '0')}`);
  const silencedService = services[nProblems] as string;
  const maintService = services[nProblems + 1] as string;
  // The maintenance window opens daily one hour into the storm and lasts an hour.
  const maintStart = new Date(start + 3_600_000);
  const maintenance = { service: maintService, cron: `${maintStart.getUTCMinutes()} ${maintStart.getUTCHours()} * * *`, duration: '1h' };

  for (let i = 0; i < nProblems + 2; i++) {
    const service = services[i] as string;
    const type = i === nProblems ? 'lambda-errors' : i === nProblems + 1 ? 'cpu-saturation' : (TYPES[i % TYPES.length] as string);
    const dur = int(20, 60) * 60_000;
    const s = i === nProblems + 1 ? start + 3_600_000 + 5 * 60_000 : start + int(0, Math.max(0, hours * 60 - 70)) * 60_000;
    const p: ProblemTruth = { id: `p${String(i).padStart(2, '0')}-${type}`, type, service, start: s, end: Math.min(end, s + Math.min(dur, i === nProblems + 1 ? 40 * 60_000 : dur)), expectMuted: i >= nProblems };
    problems.push(p);
  }

  // Spread the anomaly volume so the storm reaches the target size.
  // ≈ 6 functions × 3 metrics, half of them sampled at half the rate.
  const budget = problems.reduce((n, p) => n + (p.end - p.start) * 10.5, 0);
  const every = Math.max(5_000, Math.floor(budget / Math.max(1, opts.targetEvents * 0.85)));

  for (const p of problems) {
    const fn = (k: number): string => `${p.service}-fn${k}`;
    const nRes = int(4, 8);
    // A deploy a few minutes before (change events, kept for correlation, never alerts).
    push(p.start - int(2, 10) * 60_000, { version: '0', id: `ct-${++seq}`, 'detail-type': 'AWS API Call via CloudTrail', source: 'aws.lambda', account: ACCOUNT, time: iso(p.start), region: REGION, resources: [], detail: { eventID: `ev-${seq}`, eventTime: iso(p.start - 60_000), eventSource: 'lambda.amazonaws.com', eventName: 'UpdateFunctionCode20150331v2', awsRegion: REGION, requestParameters: { functionName: fn(0) }, userIdentity: { arn: `arn:aws:sts::${ACCOUNT}:assumed-role/deploy/pipeline` } } }, null, 'change');
    const lambdaArn = (k: number): string => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${fn(k)}`;
    const mid = p.start + Math.floor((p.end - p.start) / 3);
    const alarmsFor = (slug: string, ns: string, metric: string, dims: Record<string, string>, warn: number, crit: number): void => {
      alarm(p, `prod-${p.service}-${slug}-warning`, 'ALARM', p.start + 60_000, ns, metric, dims, warn * 1.2, warn);
      alarm(p, `prod-${p.service}-${slug}-critical`, 'ALARM', mid, ns, metric, dims, crit * 1.2, crit);
      alarm(p, `prod-${p.service}-${slug}-critical`, 'OK', p.end, ns, metric, dims, warn * 0.5, crit);
      alarm(p, `prod-${p.service}-${slug}-warning`, 'OK', p.end, ns, metric, dims, warn * 0.5, warn);
    };
    switch (p.type) {
      case 'rds-failover-cascade': {
        const db = `${p.service}-db`;
        const health = { version: '0', id: `h-${++seq}`, 'detail-type': 'AWS Health Event', source: 'aws.health', account: ACCOUNT, time: iso(p.start), region: REGION, resources: [], detail: { eventArn: `arn:aws:health:${REGION}::event/RDS/AWS_RDS_FAILOVER/${p.id}`, service: 'RDS', eventTypeCode: 'AWS_RDS_HARDWARE_MAINTENANCE_FAILURE', eventTypeCategory: 'issue', startTime: iso(p.start), lastUpdatedTime: iso(p.start), statusCode: 'open', eventRegion: REGION, affectedEntities: [{ entityValue: db, entityArn: `arn:aws:rds:${REGION}:${ACCOUNT}:db:${db}`, tags: { service: p.service } }] } };
        push(p.start, health, p.id);
        push(p.end, { ...health, id: `h-${++seq}`, detail: { ...health.detail, statusCode: 'closed', endTime: iso(p.end), lastUpdatedTime: iso(p.end) } }, p.id);
        alarmsFor('error-rate', 'AWS/Lambda', 'Errors', { FunctionName: fn(0) }, 1, 5);
        alarmsFor('5xx', 'AWS/ApplicationELB', 'HTTPCode_Target_5XX_Count', { LoadBalancer: `app/${p.service}-alb/0123456789abcdef` }, 10, 50);
        alarmsFor('queue-age', 'AWS/SQS', 'ApproximateAgeOfOldestMessage', { QueueName: `${p.service}-jobs` }, 300, 900);
        break;
      }
      case 'cpu-saturation':
        alarmsFor('cpu', 'AWS/EC2', 'CPUUtilization', { AutoScalingGroupName: `${p.service}-asg` }, 70, 90);
        break;
      case 'sqs-backlog':
        alarmsFor('queue-age', 'AWS/SQS', 'ApproximateAgeOfOldestMessage', { QueueName: `${p.service}-jobs` }, 300, 900);
        break;
      case 'dynamo-throttle':
        alarmsFor('throttles', 'AWS/DynamoDB', 'ThrottledRequests', { TableName: `${p.service}-table` }, 1, 10);
        break;
      case 'alb-5xx':
        alarmsFor('5xx', 'AWS/ApplicationELB', 'HTTPCode_Target_5XX_Count', { LoadBalancer: `app/${p.service}-alb/0123456789abcdef` }, 10, 50);
        break;
      case 'flapping-alarm': {
        let t = p.start;
        let state: 'ALARM' | 'OK' = 'ALARM';
        while (t < p.end) {
          alarm(p, `prod-${p.service}-latency-warning`, state, t, 'AWS/Lambda', 'Duration', { FunctionName: fn(0) }, state === 'ALARM' ? 900 : 100, 800);
          state = state === 'ALARM' ? 'OK' : 'ALARM';
          t += int(1, 4) * 60_000;
        }
        alarm(p, `prod-${p.service}-latency-warning`, 'OK', p.end, 'AWS/Lambda', 'Duration', { FunctionName: fn(0) }, 100, 800);
        break;
      }
      case 'security-bruteforce': {
        const instance = `i-${p.service}0000000001`;
        for (let t = p.start, n = 1; t < p.end; t += int(2, 5) * 60_000, n++) {
          push(t, { version: '0', id: `gd-${++seq}`, 'detail-type': 'GuardDuty Finding', source: 'aws.guardduty', account: ACCOUNT, time: iso(t), region: REGION, resources: [], detail: { id: `gd-${p.id}`, arn: `arn:aws:guardduty:${REGION}:${ACCOUNT}:detector/d/finding/gd-${p.id}`, type: 'UnauthorizedAccess:EC2/SSHBruteForce', severity: 8, title: `SSH brute force against ${instance}`, accountId: ACCOUNT, region: REGION, createdAt: iso(p.start), updatedAt: iso(t), resource: { resourceType: 'Instance', instanceDetails: { instanceId: instance, tags: [{ key: 'service', value: p.service }, { key: 'environment', value: 'prod' }] } }, service: { count: n, archived: false } } }, p.id);
        }
        push(p.end, { version: '0', id: `gd-${++seq}`, 'detail-type': 'GuardDuty Finding', source: 'aws.guardduty', account: ACCOUNT, time: iso(p.end), region: REGION, resources: [], detail: { id: `gd-${p.id}`, arn: `arn:aws:guardduty:${REGION}:${ACCOUNT}:detector/d/finding/gd-${p.id}`, type: 'UnauthorizedAccess:EC2/SSHBruteForce', severity: 8, title: `SSH brute force against ${instance}`, accountId: ACCOUNT, region: REGION, createdAt: iso(p.start), updatedAt: iso(p.end), resource: { resourceType: 'Instance', instanceDetails: { instanceId: instance, tags: [{ key: 'service', value: p.service }, { key: 'environment', value: 'prod' }] } }, service: { archived: true } } }, p.id);
        break;
      }
      case 'config-drift': {
        const bucket = `${p.service}-reports`;
        const finding = (t: number, status: 'FAILED' | 'PASSED') => ({ SchemaVersion: '2018-10-08', Id: `sh-${p.id}`, ProductArn: `arn:aws:securityhub:${REGION}::product/aws/securityhub`, GeneratorId: 'aws-foundational-security-best-practices/v/1.0.0/S3.8', AwsAccountId: ACCOUNT, CreatedAt: iso(p.start), UpdatedAt: iso(t), Severity: { Label: 'HIGH' }, Title: 'S3.8 S3 buckets should block public access', Description: 'public access', Resources: [{ Type: 'AwsS3Bucket', Id: `arn:aws:s3:::${bucket}`, Region: REGION, Tags: { service: p.service, environment: 'prod' } }], Compliance: { Status: status }, Workflow: { Status: status === 'PASSED' ? 'RESOLVED' : 'NEW' }, RecordState: 'ACTIVE' });
        for (let t = p.start; t < p.end; t += 10 * 60_000) push(t, { version: '0', id: `shi-${++seq}`, 'detail-type': 'Security Hub Findings - Imported', source: 'aws.securityhub', account: ACCOUNT, time: iso(t), region: REGION, resources: [], detail: { findings: [finding(t, 'FAILED')] } }, p.id);
        push(p.end, { version: '0', id: `shi-${++seq}`, 'detail-type': 'Security Hub Findings - Imported', source: 'aws.securityhub', account: ACCOUNT, time: iso(p.end), region: REGION, resources: [], detail: { findings: [finding(p.end, 'PASSED')] } }, p.id);
        break;
      }
      case 'prometheus-latency': {
        const labels = { alertname: 'HighRequestLatency', service: p.service, environment: 'prod', severity: 'warning', job: p.service, instance: `${p.service}-pod:8080` };
        const alert = (status: 'firing' | 'resolved') => ({ status, labels, annotations: { summary: `p99 latency high on ${p.service}` }, startsAt: iso(p.start), endsAt: status === 'resolved' ? iso(p.end) : '0001-01-01T00:00:00Z', generatorURL: 'http://prometheus:9090/graph', fingerprint: `fp-${p.id}` });
        // Alertmanager re-sends the firing group every interval: duplicates of the same occurrence.
        for (let t = p.start; t < p.end; t += 60_000) push(t, { version: '4', groupKey: `{}:{service="${p.service}"}`, status: 'firing', receiver: 'aiops', groupLabels: { service: p.service }, commonLabels: labels, commonAnnotations: {}, externalURL: 'http://alertmanager:9093', alerts: [alert('firing')] }, p.id, t === p.start ? 'signal' : 'redelivery');
        push(p.end, { version: '4', groupKey: `{}:{service="${p.service}"}`, status: 'resolved', receiver: 'aiops', groupLabels: { service: p.service }, commonLabels: labels, commonAnnotations: {}, alerts: [alert('resolved')] }, p.id);
        break;
      }
      default:
        alarmsFor('error-rate', 'AWS/Lambda', 'Errors', { FunctionName: fn(0) }, 1, 5);
    }
    // The detectors see the problem on every affected function, on three metrics.
    for (let k = 0; k < nRes; k++) for (const m of ['AWS/Lambda Duration', 'AWS/Lambda Errors', 'AWS/Lambda Throttles']) anomalies(p, lambdaArn(k), m, every * (1 + (k % 2)));
  }

  // ≥ 1 % malformed: broken copies of real events (missing fields, bad values, truncated JSON, unknown types).
  const valid = events.length;
  const nMalformed = Math.ceil(valid * 0.012);
  for (let i = 0; i < nMalformed; i++) {
    const base = events[Math.floor(rnd() * valid)] as StormEvent;
    const clone = JSON.parse(JSON.stringify(base.raw)) as Record<string, unknown>;
    const how = i % 4;
    let raw: unknown;
    if (how === 0) raw = JSON.stringify(clone).slice(0, 40 + (i % 50));
    else if (how === 1) raw = { ...clone, 'detail-type': 'EC2 Instance State-change Notification', source: 'aws.ec2', id: `bad-${i}`, version: '0', alerts: undefined, kind: undefined, Type: undefined, Records: undefined };
    else if (how === 2) raw = { ...clone, time: `not-a-time-${i}`, sourceId: undefined, id: undefined, detail: undefined, Message: undefined, alerts: undefined, title: undefined };
    else raw = { malformed: i, payload: pick(['', 'null', '<xml/>']) };
    push(base.time + 1, raw, null, 'malformed');
  }
  events.sort((a, b) => a.time - b.time);
  return { start, end, events, problems, silencedService, maintenance };
}
