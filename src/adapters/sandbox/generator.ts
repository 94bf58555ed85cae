import { hashNormal } from '../../core/shared/hash.js';
import type { Statistic } from '../../ports/metrics.js';
import type { SandboxMetricDef } from './metric-catalog.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
const TREND_EPOCH = Date.parse('2026-01-01T00:00:00.000Z');

/** A metric fault, as applied: the pattern over [startMs, endMs). */
export interface MetricOverlay {
  id: string;
  resourceArn: string;
  metricName: string;
  pattern: 'step' | 'ramp' | 'spike' | 'flatline' | 'dropout' | 'noise' | 'scale';
  magnitude: number;
  startMs: number;
  endMs: number;
}

/** The seasonal demand of a metric at minute `t` before faults and state: pure and reproducible per seed. */
export function baseline(def: SandboxMetricDef, key: string, t: number, seed: number): number {
  const hour = (t % DAY) / 3_600_000;
  const dow = new Date(t).getUTCDay();
  const daily = 1 + def.daily * Math.sin((2 * Math.PI * (hour - 8)) / 24);
  const weekly = dow === 0 || dow === 6 ? 1 - def.weekly : 1;
  const trend = 1 + (def.trendPerDay * (t - TREND_EPOCH)) / DAY;
  return def.base * daily * weekly * trend + def.noise * hashNormal(`${seed}:${key}:${t}`);
}

/** Applies the overlays active at `t` (in injection order). NaN means "no datapoint" (drop-out). */
export function applyOverlays(v: number, overlays: readonly MetricOverlay[], t: number, key: string): number {
  let out = v;
  for (const o of overlays) {
    if (t < o.startMs || t >= o.endMs) continue;
    const progress = (t - o.startMs) / Math.max(MINUTE, o.endMs - o.startMs);
    switch (o.pattern) {
      case 'step':
        out += o.magnitude;
        break;
      case 'ramp':
        out += o.magnitude * progress;
        break;
      case 'spike':
        out += o.magnitude * Math.exp(-(t - o.startMs) / (3 * MINUTE));
        break;
      case 'flatline':
        out = o.magnitude;
        break;
      case 'dropout':
        return Number.NaN;
      case 'noise':
        out += o.magnitude * hashNormal(`${o.id}:${key}:${t}`);
        break;
      case 'scale':
        out *= o.magnitude;
        break;
    }
  }
  return out;
}

export function clampValue(def: SandboxMetricDef, v: number): number {
  if (Number.isNaN(v)) return v;
  let out = Math.max(def.min, v);
  if (def.max !== undefined) out = Math.min(def.max, out);
  return def.integer ? Math.round(out) : Math.round(out * 1000) / 1000;
}

/** Aggregates per-minute values into one datapoint, the way CloudWatch's statistics would. */
export function aggregate(values: number[], stat: Statistic): number {
  const v = values.filter((x) => !Number.isNaN(x));
  if (v.length === 0) return Number.NaN;
  switch (stat) {
    case 'Sum':
      return v.reduce((a, b) => a + b, 0);
    case 'Maximum':
    case 'p99':
    case 'p95':
      return Math.max(...v);
    case 'Minimum':
      return Math.min(...v);
    case 'SampleCount':
      return v.length;
    default:
      return v.reduce((a, b) => a + b, 0) / v.length;
  }
}
