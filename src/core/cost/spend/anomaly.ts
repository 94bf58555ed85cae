import type { DailyPoint } from '../inputs.js';

/** One unusual day of one series. */
export interface SpendAnomaly {
  date: string;
  actualUsd: number;
  expectedUsd: number;
  /** Robust z-score: (actual − expected) / (1.4826 × MAD of past residuals). */
  score: number;
  direction: 'spike' | 'drop';
  /** actual − expected. */
  impactUsd: number;
  impactPct: number;
}

export interface SpendAnomalyOptions {
  /** Only days on or after this date are judged (older days only train the baseline). */
  fromDate: string;
  /** Robust z-score above which a day is anomalous. */
  threshold: number;
  /** Ignore differences smaller than this, in USD per day (noise on tiny services). */
  minImpactUsd: number;
  /** And smaller than this, in percent of expected. */
  minImpactPct: number;
  /** Report drops as well as spikes. */
  includeDrops: boolean;
}

/**
 * The seam for the anomaly team's detectors: anything that turns a daily series into anomalies.
 * The lead can swap `robustWeekdayDetector` for an adapter over `src/core/anomaly`.
 */
export interface SpendAnomalyDetector {
  readonly id: string;
  detect(series: readonly DailyPoint[], options: SpendAnomalyOptions): SpendAnomaly[];
}

export const DEFAULT_SPEND_ANOMALY_OPTIONS: Omit<SpendAnomalyOptions, 'fromDate'> = { threshold: 6, minImpactUsd: 10, minImpactPct: 20, includeDrops: false };

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Minimum training days: two full weeks so every weekday has a factor. */
export const MIN_TRAINING_DAYS = 14;

/**
 * Seasonality-aware robust baseline, no fitting library needed:
 * level = median of the 7 days before the day (a full week, so weekday effects cancel);
 * weekday factor = median over training days of value / level for that weekday;
 * expected = level × factor; spread = 1.4826 × MAD of residuals on the training days.
 * Medians keep one past spike from inflating the baseline or the spread.
 */
export const robustWeekdayDetector: SpendAnomalyDetector = {
  id: 'robust-weekday-mad',
  detect(series, o) {
    const pts = [...series].sort((a, b) => (a.date < b.date ? -1 : 1));
    const values = pts.map((p) => p.value);
    const level = (i: number) => median(values.slice(i - 7, i));
    const dow = (d: string) => new Date(`${d}T00:00:00Z`).getUTCDay();
    const out: SpendAnomaly[] = [];
    for (let i = 7; i < pts.length; i++) {
      const p = pts[i]!;
      if (p.date < o.fromDate) continue;
      // Train only on days before the judged day, so a spike never explains itself.
      const train: { i: number; ratio: number }[] = [];
      for (let j = 7; j < i; j++) {
        const l = level(j);
        if (l > 0) train.push({ i: j, ratio: values[j]! / l });
      }
      if (train.length < MIN_TRAINING_DAYS - 7) continue;
      const factorOf = (d: string) => {
        const same = train.filter((t) => dow(pts[t.i]!.date) === dow(d)).map((t) => t.ratio);
        return same.length ? median(same) : 1;
      };
      const residuals = train.map((t) => values[t.i]! - level(t.i) * factorOf(pts[t.i]!.date));
      const spread = 1.4826 * median(residuals.map((r) => Math.abs(r - median(residuals))));
      const expected = level(i) * factorOf(p.date);
      const diff = p.value - expected;
      // A perfectly flat history has zero spread: fall back to 1 % of expected so scores stay finite.
      const score = diff / Math.max(spread, Math.abs(expected) * 0.01, 1e-9);
      const pct = expected !== 0 ? (diff / expected) * 100 : Infinity;
      const direction = diff >= 0 ? 'spike' : 'drop';
      if (Math.abs(score) < o.threshold || Math.abs(diff) < o.minImpactUsd || Math.abs(pct) < o.minImpactPct) continue;
      if (direction === 'drop' && !o.includeDrops) continue;
      out.push({ date: p.date, actualUsd: round2(p.value), expectedUsd: round2(expected), score: Math.round(score * 100) / 100, direction, impactUsd: round2(diff), impactPct: Math.round(pct * 10) / 10 });
    }
    return out;
  },
};

const round2 = (x: number) => Math.round(x * 100) / 100;
