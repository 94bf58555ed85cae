import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalize, signalId } from './normalize.js';
import { NORMALIZERS } from './normalizers/index.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- fixtures are mutated freely to break one field
type Loose = Record<string, any>;
const here = dirname(fileURLToPath(import.meta.url));
const FIXTURES = join(here, '..', '..', '..', 'test', 'fixtures', 'events');
const fixture = (name: string): Record<string, unknown> => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as Record<string, unknown>;
const NORMALIZER_FILES = readdirSync(join(here, 'normalizers')).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !['index.ts', 'types.ts'].includes(f));

describe('Registry: NORMALIZERS', () => {
  it('lists every normalizer file exactly once, with unique ids matching the file name', async () => {
    expect(NORMALIZERS.map((n) => n.id).sort()).toEqual(NORMALIZER_FILES.map((f) => basename(f, '.ts')).sort());
    for (const f of NORMALIZER_FILES) {
      const mod = (await import(`./normalizers/${f.replace('.ts', '.js')}`)) as { default: { id: string } };
      expect(mod.default.id).toBe(basename(f, '.ts'));
    }
  });

  for (const n of NORMALIZERS) {
    describe(`Normalizer: ${n.id}`, () => {
      const files = readdirSync(FIXTURES).filter((f) => f === `${n.id}.json` || f.startsWith(`${n.id}.`));
      it('has at least one realistic fixture that it alone turns into valid signals', () => {
        expect(files.length).toBeGreaterThan(0);
        for (const f of files) {
          const raw = fixture(f);
          expect(NORMALIZERS.filter((x) => x.matches(raw)).map((x) => x.id)).toEqual([n.id]);
          const r = normalize(raw);
          expect(r.ok, JSON.stringify(r)).toBe(true);
          if (r.ok) expect(r.signals.length).toBeGreaterThan(0);
        }
      });
      it('gives the same signal ids on re-delivery', () => {
        for (const f of files) {
          const a = normalize(fixture(f));
          const b = normalize(JSON.stringify(fixture(f)));
          expect(a.ok && b.ok && a.signals.map((s) => s.id)).toEqual(a.ok && b.ok && b.signals.map((s) => s.id));
        }
      });
    });
  }
});

describe('Function: normalize', () => {
  it.each([
    ['cloudwatchAlarm.json', { source: 'cloudwatch-alarm', state: 'firing', level: 'critical', resourceArn: 'arn:aws:lambda:us-east-1:123456789012:function:checkout-api', metric: 'AWS/Lambda Errors', value: 7.4, threshold: 5, time: '2026-11-23T13:56:40.987Z', labels: expect.objectContaining({ environment: 'prod', service: 'checkout-api' }) }],
    ['cloudwatchAlarm.ok.json', { state: 'resolved', resourceArn: 'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:*:autoScalingGroupName/web-asg', metric: 'AWS/EC2 CPUUtilization', labels: expect.objectContaining({ service: 'web' }) }],
    ['cloudwatchCompositeAlarm.json', { state: 'firing', resourceArn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:prod-checkout-degraded-critical', labels: expect.objectContaining({ composite: 'true', service: 'checkout' }) }],
    ['cloudwatchAlarmSns.json', { state: 'firing', resourceArn: 'arn:aws:sqs:us-east-1:123456789012:orders', metric: 'AWS/SQS ApproximateAgeOfOldestMessage', threshold: 900, labels: expect.objectContaining({ service: 'orders', environment: 'prod' }) }],
    ['guardduty.json', { source: 'guardduty', kind: 'security-finding', level: 'high', rule: 'UnauthorizedAccess:EC2/SSHBruteForce', resourceArn: 'arn:aws:ec2:us-east-1:123456789012:instance/i-0a1b2c3d4e5f67890', labels: expect.objectContaining({ service: 'web', environment: 'prod' }) }],
    ['securityhub.json', { source: 'securityhub', kind: 'compliance', level: 'high', state: 'firing', resourceArn: 'arn:aws:s3:::matcarv-reports-prod', labels: expect.objectContaining({ service: 'reports' }) }],
    ['configCompliance.json', { source: 'config', state: 'firing', resourceArn: 'arn:aws:s3:::matcarv-reports-prod', rule: 's3-bucket-public-read-prohibited' }],
    ['health.json', { source: 'health', state: 'firing', level: 'high', resourceArn: 'arn:aws:rds:us-east-1:123456789012:db:orders-db', time: '2026-11-23T14:24:41.000Z', labels: expect.objectContaining({ service: 'orders' }) }],
    ['cloudtrail.json', { source: 'cloudtrail', kind: 'change', state: 'info', resourceArn: 'arn:aws:lambda:us-east-1:123456789012:function:checkout-api' }],
    ['anomaly.json', { source: 'anomaly', kind: 'anomaly', state: 'firing', metric: 'AWS/Lambda Duration' }],
    ['alertmanager.json', { source: 'alertmanager', state: 'firing', level: 'warning', rule: 'HighRequestLatency', resourceArn: 'urn:prometheus:checkout/checkout-7d9f:8080' }],
    ['webhook.json', { source: 'webhook', state: 'firing', level: 'critical', labels: expect.objectContaining({ service: 'checkout', customerFacing: 'true' }) }],
  ])('maps %s to the documented signal fields', (file, expected) => {
    const r = normalize(fixture(file));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.signals[0]).toMatchObject(expected);
  });

  it('yields one signal per finding, per SNS record and per Alertmanager alert', () => {
    const sh = normalize(fixture('securityhub.json'));
    expect(sh.ok && sh.signals.map((s) => s.state)).toEqual(['firing', 'resolved']);
    const am = normalize(fixture('alertmanager.json'));
    expect(am.ok && am.signals.map((s) => s.state)).toEqual(['firing', 'resolved']);
    expect(am.ok && am.signals[1]?.time).toBe('2026-11-23T14:00:00.000Z');
  });

  it('gives an alarm delivered through SNS and through EventBridge the same signal id', () => {
    const sns = normalize(fixture('cloudwatchAlarmSns.json'));
    const lambda = normalize(fixture('cloudwatchAlarmSns.lambda.json'));
    expect(sns.ok && lambda.ok).toBe(true);
    if (!sns.ok || !lambda.ok) return;
    const s = sns.signals[0];
    expect(lambda.signals[0]?.id).toBe(s?.id);
    expect(s?.id).toBe(signalId('cloudwatch-alarm', 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:prod-orders-queue-age-critical|ALARM|2026-11-23T14:10:05.551Z'));
  });

  it.each([
    ['not JSON', '{oops', '(root)'],
    ['an array', [1, 2], '(root)'],
    ['an unknown shape', { hello: 'world' }, '(root)'],
    ['an unsupported EventBridge detail-type', { 'detail-type': 'EC2 Spot Instance Interruption Warning', source: 'aws.ec2', detail: {} }, 'detail-type'],
  ])('rejects %s, naming the field', (_name, raw, field) => {
    const r = normalize(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.field).toBe(field);
  });

  it.each([
    ['cloudwatchAlarm.json', (e: Loose) => (e.detail.state.value = 'BROKEN'), 'detail.state.value'],
    ['cloudwatchAlarm.json', (e: Loose) => delete e.detail.alarmName, 'detail.alarmName'],
    ['cloudwatchAlarmSns.json', (e: Loose) => (e.Message = 'not json'), 'Message'],
    ['guardduty.json', (e: Loose) => (e.detail.severity = 'high'), 'detail.severity'],
    ['securityhub.json', (e: Loose) => delete e.detail.findings[0].Resources, 'detail.findings.0.Resources'],
    ['alertmanager.json', (e: Loose) => delete e.alerts[0].labels.alertname, 'alerts.0.labels'],
    ['webhook.json', (e: Loose) => (e.time = 'yesterday'), 'time'],
  ])('names the failing field of a broken %s', (file, breakIt, field) => {
    const raw = fixture(file);
    breakIt(raw);
    const r = normalize(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.field).toBe(field);
  });

  it('never throws, whatever it is given (property)', () => {
    fc.assert(
      fc.property(fc.anything(), (x) => {
        const r = normalize(x);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });
});
