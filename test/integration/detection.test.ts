import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/adapters/local/clocks.js';
import { findScenario } from '../../src/adapters/sandbox/scenarios/index.js';
import type { AnomalyDoc } from '../../src/app/detection/signals.js';
import { DETECTION_CONFIG_FILE, type DetectionFeatureConfigInput } from '../../src/app/features/detection.js';
import type { Alert } from '../../src/core/alerts/alert.js';
import type { Signal } from '../../src/core/events/signal.js';
import type { Incident } from '../../src/core/incidents/incident.js';
import { startTestPlatform, type TestPlatform } from './helpers.js';

/** The ALB metrics these tests watch (the ALB also publishes 2XX/3XX/4XX counts, which they do not need). */
const ALB_TRAFFIC = { namespace: 'AWS/ApplicationELB', metricNames: ['RequestCount', 'TargetResponseTime', 'HTTPCode_Target_5XX_Count'] };

const MIN = 60_000;
const HOUR = 60 * MIN;
/** The platform ticks once per 5 virtual minutes (the job's period); the sandbox catches up minute alarms itself. */
const STEP = 5 * MIN;
const ALB = 'LoadBalancer=app/checkout-alb/50dc6c495c0c9188';
const LATENCY = `AWS/ApplicationELB TargetResponseTime ${ALB}`;
const REQUESTS = `AWS/ApplicationELB RequestCount ${ALB}`;
const ECS_CPU = 'AWS/ECS CPUUtilization ClusterName=staging-cluster,ServiceName=checkout';

let t: TestPlatform | undefined;
let dir: string | undefined;
afterEach(async () => {
  await t?.cleanup();
  if (dir) rmSync(dir, { recursive: true, force: true });
  t = dir = undefined;
});

/**
 * A platform on a manual clock whose detection watches the given namespaces (the whole default
 * fleet costs ~13 s of back-fill per test; the scheduling, back-fill and signalling are the same).
 */
async function platformAt(iso: string, config: DetectionFeatureConfigInput): Promise<TestPlatform> {
  dir = mkdtempSync(join(tmpdir(), 'aiops-detect-'));
  writeFileSync(join(dir, DETECTION_CONFIG_FILE), JSON.stringify({ backfillPerRun: 50, ...config }));
  t = await startTestPlatform({ dataDir: dir, clock: new ManualClock(iso), features: ['detection'] });
  return t;
}

const anomalySignals = async (p: TestPlatform) => (await p.platform.store.collection<Signal & { id: string }>('signals').find({ where: { source: 'anomaly' } })).sort((a, b) => a.time.localeCompare(b.time));

describe('Feature: scheduled anomaly detection on the sandbox', () => {
  it('back-fills 14 days on the first 5-minute run, persists state and stays quiet through a normal day', async () => {
    const p = await platformAt('2026-11-23T10:00:00.000Z', { monitored: [ALB_TRAFFIC, { namespace: 'AWS/ECS' }] });
    const det = p.platform.features.detection;
    expect(p.platform.scheduler.list().find((j) => j.name === 'anomaly-detection')).toMatchObject({ cron: '*/5 * * * *', nextRun: '2026-11-23T10:05:00.000Z' });

    await p.clock.advance(5 * MIN, STEP);
    const first = det.lastRun()!;
    expect(first).toMatchObject({ at: '2026-11-23T10:05:00.000Z', metrics: 4, backfilled: 4, pending: 0, anomalies: 0 });
    const state = await p.platform.store.collection<{ id: string; points: number; lastT: number }>('detectorState').get(LATENCY);
    // 14 days of 5-minute points, up to the last complete period.
    expect(state!.points).toBeGreaterThanOrEqual(14 * 288 - 1);
    expect(state!.lastT).toBe(Date.parse('2026-11-23T10:00:00.000Z'));

    await p.clock.advance(24 * HOUR, STEP);
    expect(det.lastRun()).toMatchObject({ at: '2026-11-24T10:05:00.000Z', metrics: 4, backfilled: 0, anomalies: 0 });
    expect(await anomalySignals(p)).toEqual([]);
    expect(await det.anomalies()).toEqual([]);
    expect(await p.platform.store.collection('incidents').count()).toBe(0);
    // The job kept every metric current: one new point per 5-minute run.
    expect((await p.platform.store.collection<{ id: string; points: number }>('detectorState').get(LATENCY))!.points).toBe(state!.points + 288);
  });

  it('spreads the back-fill of the default fleet over several runs', async () => {
    const p = await platformAt('2026-11-23T10:00:00.000Z', { backfillPerRun: 20 });
    const det = p.platform.features.detection;
    const all = await det.metrics();
    // At least three runs, however many metrics the fleet publishes (it grows as the sandbox does).
    expect(all.length).toBeGreaterThan(40);
    for (let done = 0; done < all.length; ) {
      await p.clock.advance(5 * MIN, STEP);
      const step = Math.min(20, all.length - done);
      done += step;
      expect(det.lastRun()).toMatchObject({ metrics: done, backfilled: step, pending: all.length - done });
    }
    expect((await det.metrics()).every((m) => m.ready)).toBe(true);
  });

  const cases = [
    {
      scenario: 'latency-level-shift',
      start: '2026-11-23T10:00:00.000Z',
      monitored: [ALB_TRAFFIC],
      key: LATENCY,
      metric: 'AWS/ApplicationELB TargetResponseTime',
      direction: 'above',
      runFor: 4 * HOUR,
      // Detected in the first run that sees a shifted point.
      within: 10 * MIN,
      staticThreshold: 0.5,
    },
    {
      scenario: 'night-traffic-drop',
      start: '2026-11-24T02:55:00.000Z',
      monitored: [ALB_TRAFFIC],
      key: REQUESTS,
      metric: 'AWS/ApplicationELB RequestCount',
      direction: 'below',
      runFor: 3 * HOUR,
      within: 10 * MIN,
      staticThreshold: undefined,
    },
    {
      scenario: 'memory-leak',
      start: '2026-11-23T22:55:00.000Z',
      monitored: [{ namespace: 'AWS/ECS' }],
      key: ECS_CPU,
      metric: 'AWS/ECS CPUUtilization',
      direction: 'above',
      runFor: 10 * HOUR,
      within: 9 * HOUR,
      staticThreshold: 80,
    },
  ] as const;

  it.each(cases)('detects $scenario, which a static threshold misses, and it becomes an alert and an incident', async (c) => {
    const p = await platformAt(c.start, { monitored: [...c.monitored] });
    const det = p.platform.features.detection;
    await p.clock.advance(5 * MIN, STEP); // first run: back-fill
    expect(det.lastRun()).toMatchObject({ backfilled: c.monitored[0].namespace === 'AWS/ECS' ? 1 : 3, anomalies: 0 });
    const injectedAt = p.clock.now();
    await p.platform.sandbox.inject(findScenario(c.scenario).faults, 'test');
    await p.clock.advance(c.runFor, STEP);

    // The anomaly Signal: detector, score, expected band, direction, contributing metrics.
    const signals = await anomalySignals(p);
    const firing = signals.filter((s) => s.state === 'firing');
    expect(firing).toHaveLength(1);
    const s = firing[0]!;
    expect(s).toMatchObject({ source: 'anomaly', kind: 'anomaly', rule: 'anomaly:ensemble', metric: c.metric });
    expect(s.labels).toMatchObject({ detector: 'ensemble', metricKey: c.key, direction: c.direction });
    expect(Number(s.labels.score)).toBeGreaterThanOrEqual(0.5);
    const [lower, upper, expected] = [Number(s.labels.lower), Number(s.labels.upper), Number(s.labels.expected)];
    expect(lower).toBeLessThanOrEqual(expected);
    expect(expected).toBeLessThanOrEqual(upper);
    if (c.direction === 'above') expect(s.value!).toBeGreaterThan(upper);
    else expect(s.value!).toBeLessThan(lower);
    expect(s.labels.contributing!.split(',')).toContain(c.metric);
    const detectedAfter = Date.parse(s.time) - injectedAt;
    expect(detectedAfter).toBeGreaterThanOrEqual(0);
    expect(detectedAfter).toBeLessThanOrEqual(c.within);
    // A static threshold would still be quiet: no sandbox alarm is in ALARM, and the value is below the usual static line.
    expect(p.platform.sandbox.alarms().filter((a) => a.state !== 'OK')).toEqual([]);
    if (c.staticThreshold !== undefined) expect(s.value!).toBeLessThan(c.staticThreshold);

    // The stored anomaly and the API-facing query agree.
    const [a] = await det.anomalies({ metricKey: c.key });
    expect(a).toMatchObject<Partial<AnomalyDoc>>({ metricKey: c.key, detector: 'ensemble', direction: c.direction, value: s.value! });
    expect((await det.explain(c.key)).anomalies.map((x) => x.id)).toContain(a!.id);

    // Alerting turned the signal into an alert and an incident.
    const alerts = await p.platform.store.collection<Alert>('alerts').find();
    const alert = alerts.find((x) => x.rule === 'anomaly:ensemble');
    expect(alert).toMatchObject({ source: 'anomaly', kind: 'anomaly', metric: c.metric, resourceArn: s.resourceArn });
    expect(alert!.incidentId).toBeDefined();
    const incident = await p.platform.store.collection<Incident>('incidents').get(alert!.incidentId!);
    expect(incident!.alertIds).toContain(alert!.id);
    expect(incident!.severity).toBe(findScenario(c.scenario).expected.severity);
  });

  it('resolves the anomaly once the metric is back inside its band, and the alert with it', async () => {
    const p = await platformAt('2026-11-24T02:55:00.000Z', { monitored: [ALB_TRAFFIC] });
    await p.clock.advance(5 * MIN, STEP);
    await p.platform.sandbox.inject(findScenario('night-traffic-drop').faults, 'test');
    // The drop ends at 05:00; the anomaly resolves after 3 points back inside the band frozen when it opened.
    await p.clock.advance(4 * HOUR, STEP);
    const resolved = (await anomalySignals(p)).filter((s) => s.state === 'resolved');
    expect(resolved).toHaveLength(1);
    expect(Date.parse(resolved[0]!.time)).toBeGreaterThanOrEqual(Date.parse('2026-11-24T05:00:00.000Z'));
    const [a] = await p.platform.features.detection.anomalies({ metricKey: REQUESTS });
    expect(a).toMatchObject({ status: 'resolved', endTime: resolved[0]!.time });
    expect(await p.platform.features.detection.anomalies({ status: 'open' })).toEqual([]);
    const alert = (await p.platform.store.collection<Alert>('alerts').find()).find((x) => x.rule === 'anomaly:ensemble');
    expect(alert!.status).toBe('resolved');
  });

  it('catches the EC2 CPU spike before the static alarm; the anomaly alert drives the scale-out and the incident resolves', async () => {
    const p = await platformAt('2026-11-23T10:00:00.000Z', { monitored: [{ namespace: 'AWS/EC2', metricNames: ['CPUUtilization'] }] });
    await p.clock.advance(5 * MIN, STEP);
    await p.platform.sandbox.inject(findScenario('ec2-cpu-spike').faults, 'test');
    await p.clock.advance(15 * MIN, STEP);
    const [incident] = await p.platform.store.collection<Incident>('incidents').find();
    expect(incident!.title).toContain('Anomaly: CPUUtilization above expected band');
    // The critical alarm needs 10 minutes above 90 %; the scheduled run saw the anomaly first.
    expect(p.platform.sandbox.alarms().find((a) => a.def.name === 'staging-web-cpu-utilization-critical')!.state).toBe('OK');
    await p.clock.advance(30 * MIN, STEP);
    const [exec] = await p.platform.store.collection<{ id: string; runbookId: string; status: string; incidentId: string }>('executions').find();
    expect(exec).toMatchObject({ runbookId: 'AIOps-ScaleOutEC2ASG', status: 'SUCCEEDED', incidentId: incident!.id });
    expect(p.platform.sandbox.resolve('web-asg').state.DesiredCapacity).toBe(5);
    // The fault lasts 90 minutes; CPU below the old band after the scale-out counts as recovered.
    await p.clock.advance(90 * MIN, STEP);
    const done = (await p.platform.store.collection<Incident>('incidents').get(incident!.id))!;
    expect(done.status).toBe('resolved');
    expect((await anomalySignals(p)).map((s) => s.state)).toEqual(['firing', 'resolved']);
    expect(p.platform.sandbox.alarms().filter((a) => a.def.name.includes('critical') && a.state !== 'OK')).toEqual([]);
  });
});
