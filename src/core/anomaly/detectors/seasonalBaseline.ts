import { z } from 'zod';
import { defineDetector } from './types.js';

/**
 * A CloudWatch-anomaly-detection-like baseline: trend + time-of-day and time-of-week profiles
 * (15-minute slots by default),
 * with an expected band `expected ± bandWidth · σ` (σ from the profile's mean absolute deviation).
 * The weekly profile takes over from the daily one as each hour-of-week slot gathers samples.
 * Learning is robust: residuals are clipped before they update the profile, so an anomaly does
 * not drag the band with it. Hours are UTC.
 */
const Params = z.object({
  bandWidth: z.number().positive().default(2),
  /** Profile resolution: the day and the week are cut into slots of this many minutes. */
  slotMinutes: z.number().int().min(1).max(60).default(15),
  seasonAlpha: z.number().gt(0).lt(1).default(0.1),
  trendAlpha: z.number().gt(0).lt(1).default(0.005),
  weekly: z.boolean().default(true),
  /** Hour-of-week samples needed before the weekly profile has full weight. */
  weeklySamples: z.number().int().min(1).default(4),
  warmupPoints: z.number().int().min(1).default(288),
  clipSigmas: z.number().positive().default(3),
});
export type SeasonalBaselineParams = z.infer<typeof Params>;

export interface SeasonalBaselineState {
  params: SeasonalBaselineParams;
  n: number;
  trend: number;
  globalDev: number;
  day: number[];
  dayDev: number[];
  dayCount: number[];
  week: number[];
  weekDev: number[];
  weekCount: number[];
}

const MINUTE = 60_000;
const slotsPerDay = (p: { slotMinutes: number }): number => Math.ceil(1440 / p.slotMinutes);

export default defineDetector<SeasonalBaselineParams, SeasonalBaselineState>({
  id: 'seasonalBaseline',
  title: 'Seasonal baseline (hour-of-day / day-of-week profile + trend, expected band)',
  summary: 'Expected value from trend and daily/weekly profiles; score grows as the value leaves the band.',
  kind: 'univariate',
  schema: Params,
  create: (params) => ({
    params,
    n: 0,
    trend: 0,
    globalDev: 0,
    day: new Array<number>(slotsPerDay(params)).fill(0),
    dayDev: new Array<number>(slotsPerDay(params)).fill(0),
    dayCount: new Array<number>(slotsPerDay(params)).fill(0),
    week: new Array<number>(7 * slotsPerDay(params)).fill(0),
    weekDev: new Array<number>(7 * slotsPerDay(params)).fill(0),
    weekCount: new Array<number>(7 * slotsPerDay(params)).fill(0),
  }),
  update(s, { t, value: x }) {
    const p = s.params;
    const perDay = s.day.length;
    const minutes = Math.floor(t / MINUTE);
    const dayMinute = ((minutes % 1440) + 1440) % 1440;
    const h = Math.floor(dayMinute / s.params.slotMinutes);
    // 1970-01-01 was a Thursday: shift so week slot 0 is Monday 00:00 UTC.
    const dayOfWeek = (((Math.floor(minutes / 1440) + 3) % 7) + 7) % 7;
    const w = dayOfWeek * perDay + h;
    if (s.n === 0) s.trend = x;
    s.n++;
    const ww = p.weekly ? Math.min(1, s.weekCount[w]! / p.weeklySamples) : 0;
    const seasonal = s.dayCount[h]! > 0 ? (1 - ww) * s.day[h]! + ww * s.week[w]! : 0;
    const dev = s.dayCount[h]! > 0 ? (1 - ww) * s.dayDev[h]! + ww * s.weekDev[w]! : s.globalDev;
    const expected = s.trend + seasonal;
    const sigma = 1.2533 * Math.max(dev, 0.25 * s.globalDev) + 1e-9 * (1 + Math.abs(expected));
    const resid = x - expected;
    const z = Math.abs(resid) / sigma;
    const half = p.bandWidth * sigma;
    const score = s.n <= p.warmupPoints ? 0 : z / (z + p.bandWidth);

    // Learn with a clipped residual so anomalies barely move the baseline.
    const limit = p.clipSigmas * sigma;
    const r = s.n <= p.warmupPoints ? resid : Math.max(-limit, Math.min(limit, resid));
    const xc = expected + r;
    s.trend += p.trendAlpha * (xc - seasonal - s.trend);
    const detrended = xc - s.trend;
    const absR = Math.abs(r);
    s.globalDev += (s.n < 50 ? 1 / s.n : 0.02) * (absR - s.globalDev);
    if (s.dayCount[h] === 0) {
      s.day[h] = detrended;
      s.dayDev[h] = s.globalDev;
    } else {
      s.day[h]! += p.seasonAlpha * (detrended - s.day[h]!);
      s.dayDev[h]! += p.seasonAlpha * (absR - s.dayDev[h]!);
    }
    s.dayCount[h]!++;
    if (s.weekCount[w] === 0) {
      s.week[w] = detrended;
      s.weekDev[w] = s.dayDev[h]!;
    } else {
      s.week[w]! += p.seasonAlpha * (detrended - s.week[w]!);
      s.weekDev[w]! += p.seasonAlpha * (absR - s.weekDev[w]!);
    }
    s.weekCount[w]!++;
    return { score, expected, lower: expected - half, upper: expected + half };
  },
});
