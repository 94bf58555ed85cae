import { describe, expect, it } from 'vitest';
import { SignalSchema, type Signal } from '../../core/events/signal.js';
import { hashNormal } from '../../core/shared/hash.js';
import { ValidationError } from '../../core/shared/errors.js';
import type { MetricInfo } from '../../ports/metrics.js';
import { createDetectionService, type DetectorStateDoc } from './service.js';
import { ManualClock, MemoryStore, ScriptedMetrics, type ScriptedMetric } from './testing.js';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 2, 2);
const START = T0 + 14 * DAY;

const daily = (t: number): number => Math.sin((2 * Math.PI * ((t % DAY) - 9 * HOUR)) / DAY);
const ec2 = (name: string, ns = 'AWS/EC2'): MetricInfo => ({ metric: { namespace: ns, metricName: name, dimensions: { InstanceId: 'i-0abc' } }, unit: 'Percent', resourceArn: 'arn:aws:ec2:us-east-1:123456789012:instance/i-0abc' });
const alb = (name: string): MetricInfo => ({ metric: { namespace: 'AWS/ApplicationELB', metricName: name, dimensions: { LoadBalancer: 'app/web/1' } }, unit: 'Count' });

/** Normal behaviour of the fleet: daily CPU and traffic cycles, stable latency and memory. */
function fleet(faults: { cpu?: (t: number) => number; mem?: (t: number) => number; latency?: (t: number) => number; requests?: (t: number) => number; network?: (t: number) => number } = {}): ScriptedMetric[] {
  const n = (k: string, t: number): number => hashNormal(`${k}:${t}`);
  return [
    { info: ec2('CPUUtilization'), valueAt: (t) => 40 + 15 * daily(t) + 2 * n('cpu', t) + (faults.cpu?.(t) ?? 0) },
    { info: ec2('NetworkIn'), valueAt: (t) => 1e7 * (1 + 0.3 * daily(t)) + 2e5 * n('net', t) + (faults.network?.(t) ?? 0) },
    { info: ec2('mem_used_percent', 'CWAgent'), valueAt: (t) => 45 + 0.8 * n('mem', t) + (faults.mem?.(t) ?? 0) },
    { info: alb('TargetResponseTime'), valueAt: (t) => 0.12 + 0.01 * n('lat', t) + (faults.latency?.(t) ?? 0) },
    { info: alb('RequestCount'), valueAt: (t) => Math.max(0, 6000 * (1 + 0.8 * daily(t)) + 150 * n('req', t) + (faults.requests?.(t) ?? 0)) },
  ];
}

function setup(metrics: ScriptedMetric[]) {
  const clock = new ManualClock(START);
  const store = new MemoryStore();
  const signals: Signal[] = [];
  const source = new ScriptedMetrics(clock, metrics);
  const service = createDetectionService({ metrics: source, store, clock, emit: async (s) => void signals.push(s), config: {} });
  /** Runs the job until `until`; hourly steps keep the test fast (each run reads every point since the last). */
  const runUntil = async (until: number, step = HOUR): Promise<number> => {
    let anomalies = 0;
    while (clock.now() < until) {
      clock.advance(step);
      anomalies += (await service.runOnce()).anomalies;
    }
    return anomalies;
  };
  return { clock, store, signals, service, source, runUntil };
}

const firing = (signals: Signal[], metric: string): Signal[] => signals.filter((s) => s.state === 'firing' && s.metric === metric);

describe('Function: createDetectionService', () => {
  it('back-fills 14 days on first sight without alarming, persists state per metric and stays quiet on normal days', async () => {
    const { store, signals, service, runUntil, clock } = setup(fleet());
    const first = await service.runOnce();
    expect(first).toEqual({ metrics: 5, anomalies: 0 });
    const docs = await store.collection<DetectorStateDoc>('detectorState').find();
    expect(docs).toHaveLength(5);
    for (const d of docs) {
      expect(d.points).toBeGreaterThanOrEqual(14 * 288 - 2);
      expect(d.detector).toBe('ensemble');
      expect(JSON.parse(JSON.stringify(d.state))).toEqual(d.state);
    }
    expect(signals).toHaveLength(0);
    await runUntil(clock.now() + DAY);
    expect(signals).toHaveLength(0);
  });

  it('detects a level shift in latency that a static threshold misses, then resolves it', async () => {
    const shiftAt = START + 6 * HOUR;
    const { signals, runUntil } = setup(fleet({ latency: (t) => (t >= shiftAt && t < shiftAt + 3 * HOUR ? 0.08 : 0) }));
    await runUntil(START + 12 * HOUR);
    const fired = firing(signals, 'AWS/ApplicationELB TargetResponseTime');
    expect(fired).toHaveLength(1);
    const s = SignalSchema.parse(fired[0]);
    expect(Date.parse(s.time) - shiftAt).toBeLessThanOrEqual(30 * 60_000);
    expect(s).toMatchObject({ source: 'anomaly', kind: 'anomaly', rule: 'anomaly:ensemble', state: 'firing' });
    expect(Number(s.labels.score)).toBeGreaterThanOrEqual(0.5);
    expect(Number(s.labels.upper)).toBeLessThan(0.2);
    expect(s.resourceArn).toContain('loadbalancer/app/web/1');
    const resolved = signals.filter((x) => x.state === 'resolved' && x.metric === 'AWS/ApplicationELB TargetResponseTime');
    expect(resolved).toHaveLength(1);
    expect(Date.parse(resolved[0]!.time)).toBeGreaterThanOrEqual(shiftAt + 3 * HOUR);
  });

  it('detects a slow memory leak long before a static 80 % threshold', async () => {
    const leakAt = START + 2 * HOUR;
    const { signals, runUntil } = setup(fleet({ mem: (t) => (t >= leakAt ? ((t - leakAt) / HOUR) * 0.5 : 0) }));
    await runUntil(START + 24 * HOUR);
    const fired = firing(signals, 'CWAgent mem_used_percent');
    expect(fired.length).toBeGreaterThanOrEqual(1);
    expect(fired[0]!.value!).toBeLessThan(60);
  });

  it('detects a night-time traffic drop that stays inside the daily range', async () => {
    // 03:00 UTC on day 15: traffic falls to a third of the usual night level.
    const dropAt = START + 3 * HOUR;
    const { signals, runUntil } = setup(fleet({ requests: (t) => (t >= dropAt && t < dropAt + 2 * HOUR ? -0.66 * 6000 * (1 + 0.8 * daily(t)) : 0) }));
    await runUntil(START + 8 * HOUR);
    const fired = firing(signals, 'AWS/ApplicationELB RequestCount');
    expect(fired).toHaveLength(1);
    expect(fired[0]!.labels.direction).toBe('below');
  });

  it('names the other unusual metrics of the same resource as contributing', async () => {
    const at = START + 5 * HOUR;
    const burst = (t: number): boolean => t >= at && t < at + HOUR;
    const { signals, runUntil, store } = setup(fleet({ cpu: (t) => (burst(t) ? 45 : 0), network: (t) => (burst(t) ? 2e7 : 0) }));
    await runUntil(START + 7 * HOUR);
    const all = signals.filter((s) => s.state === 'firing' && s.resourceArn.endsWith('i-0abc'));
    expect(all.length).toBeGreaterThanOrEqual(1);
    const contributing = new Set(all.flatMap((s) => s.labels.contributing!.split(',')));
    expect(contributing).toEqual(new Set(['AWS/EC2 CPUUtilization', 'AWS/EC2 NetworkIn']));
    const stored = await store.collection('anomalies').find({ where: { resourceArn: 'arn:aws:ec2:us-east-1:123456789012:instance/i-0abc' } });
    expect(stored.length).toBe(all.length);
  });

  it('is idempotent within a period and explains a metric with its band and scores', async () => {
    const { service, source } = setup(fleet());
    await service.runOnce();
    const again = await service.runOnce();
    expect(again.anomalies).toBe(0);
    expect(source.calls).toBe(2);
    const key = 'AWS/EC2 CPUUtilization InstanceId=i-0abc';
    const ex = await service.explain(key);
    expect(ex.points).toHaveLength(288);
    expect(new Set(ex.points.map((p) => p.t)).size).toBe(288);
    for (const p of ex.points) {
      expect(p.lower).toBeLessThanOrEqual(p.upper);
      expect(p.score).toBeGreaterThanOrEqual(0);
      expect(p.time).toBe(new Date(p.t).toISOString());
    }
    await expect(service.explain('AWS/EC2 Nope')).rejects.toThrow(/not found/);
  });

  it('rejects an unknown detector, naming the field', () => {
    const clock = new ManualClock(START);
    expect(() => createDetectionService({ metrics: new ScriptedMetrics(clock, []), store: new MemoryStore(), clock, emit: async () => {}, config: { detector: 'nope' } })).toThrow(ValidationError);
  });
});
