import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../adapters/local/clocks.js';
import { findScenario } from '../../adapters/sandbox/scenarios/index.js';
import { DETECTION_CONFIG_FILE } from '../../app/features/detection.js';
import { createLocalPlatform, type LocalPlatform } from '../../app/platform.js';
import { buildServer } from '../server.js';

const MIN = 60_000;
const LATENCY = 'AWS/ApplicationELB TargetResponseTime LoadBalancer=app/checkout-alb/50dc6c495c0c9188';
const REQUESTS = 'AWS/ApplicationELB RequestCount LoadBalancer=app/checkout-alb/50dc6c495c0c9188';
const ALB_ARN = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/checkout-alb/50dc6c495c0c9188';

let dir: string;
let clock: ManualClock;
let platform: LocalPlatform;
let app: FastifyInstance;
let operator: string;
let viewer: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'aiops-detect-api-'));
  // Only the checkout ALB is watched, so the first run back-fills in one go.
  writeFileSync(join(dir, DETECTION_CONFIG_FILE), JSON.stringify({ monitored: [{ namespace: 'AWS/ApplicationELB', metricNames: ['RequestCount', 'TargetResponseTime', 'HTTPCode_Target_5XX_Count'] }], backfillPerRun: 10 }));
  clock = new ManualClock('2026-11-23T10:00:00.000Z');
  platform = await createLocalPlatform({ dataDir: dir, clock, features: ['detection'] });
  await platform.start();
  app = await buildServer(platform);
  operator = await platform.auth.create('t', 'operator', 'test');
  viewer = await platform.auth.create('v', 'viewer', 'test');
});

afterAll(async () => {
  await app?.close();
  await platform?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const get = (url: string) => app.inject({ method: 'GET', url: `/api/v1${url}` });
const run = (token?: string) => app.inject({ method: 'POST', url: '/api/v1/detect/run', ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}), payload: {} });

describe('Routes: detection', () => {
  it('POST /detect/run needs an operator and runs the job once (the first run back-fills)', async () => {
    expect((await run()).statusCode).toBe(401);
    expect((await run(viewer)).statusCode).toBe(403);
    const res = await run(operator);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ at: '2026-11-23T10:00:00.000Z', metrics: 3, backfilled: 3, pending: 0, anomalies: 0 });
    expect(res.json().ms).toBeGreaterThanOrEqual(0);
  });

  it('GET /detect/metrics lists the monitored metrics and the last run', async () => {
    const res = await get('/detect/metrics');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items.map((m: { key: string }) => m.key).sort()).toEqual([`AWS/ApplicationELB HTTPCode_Target_5XX_Count LoadBalancer=app/checkout-alb/50dc6c495c0c9188`, REQUESTS, LATENCY].sort());
    expect(body.items.every((m: { ready: boolean }) => m.ready)).toBe(true);
    expect(body.lastRun).toMatchObject({ backfilled: 3 });
  });

  it('GET /anomalies is empty on a normal morning, then lists the latency shift, filtered by metric and resource', async () => {
    expect((await get('/anomalies')).json()).toEqual({ items: [] });
    await platform.sandbox.inject(findScenario('latency-level-shift').faults, 'test');
    await clock.advance(30 * MIN, 5 * MIN);
    const all = (await get('/anomalies')).json().items;
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ metricKey: LATENCY, resourceArn: ALB_ARN, detector: 'ensemble', direction: 'above', status: 'open' });
    expect((await get(`/anomalies?metric=${encodeURIComponent(LATENCY)}`)).json().items).toHaveLength(1);
    expect((await get(`/anomalies?metric=${encodeURIComponent(REQUESTS)}`)).json().items).toHaveLength(0);
    expect((await get(`/anomalies?resource=${encodeURIComponent(ALB_ARN)}&status=open`)).json().items).toHaveLength(1);
    expect((await get('/anomalies?status=resolved')).json().items).toHaveLength(0);
    expect((await get('/anomalies?limit=0')).statusCode).toBe(400);
  });

  it('GET /detect/explain returns the points with band, score and the anomaly marker', async () => {
    const res = await get(`/detect/explain?metric=${encodeURIComponent(LATENCY)}`);
    expect(res.statusCode).toBe(200);
    const ex = res.json();
    expect(ex).toMatchObject({ metricKey: LATENCY, detector: 'ensemble', resourceArn: ALB_ARN, threshold: 0.5 });
    expect(ex.points).toHaveLength(288);
    for (const p of ex.points) {
      expect(p.lower).toBeLessThanOrEqual(p.expected);
      expect(p.expected).toBeLessThanOrEqual(p.upper);
      expect(p.score).toBeGreaterThanOrEqual(0);
      expect(p.score).toBeLessThanOrEqual(1);
    }
    const marked = ex.points.filter((p: { anomaly: boolean }) => p.anomaly);
    expect(marked).toHaveLength(1);
    expect(marked[0].time).toBe(ex.open.time);
    expect(marked[0].value).toBeGreaterThan(marked[0].upper);
    expect(marked[0].score).toBeGreaterThanOrEqual(0.5);
  });

  it('answers 400 without a metric and 404 for a metric that is not monitored', async () => {
    expect((await get('/detect/explain')).json()).toMatchObject({ error: 'validation', field: 'querystring.metric' });
    expect((await get(`/detect/explain?metric=${encodeURIComponent('AWS/EC2 Nope')}`)).statusCode).toBe(404);
  });
});
