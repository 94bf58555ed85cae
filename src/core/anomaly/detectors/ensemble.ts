import { z } from 'zod';
import { DiscordChannelParams, createDiscordChannels, stepDiscord, type DiscordChannel } from './discord.js';
import seasonalBaseline, { type SeasonalBaselineState } from './seasonalBaseline.js';
import { createAbsence, stepAbsence, type AbsenceState } from './channels/absence.js';
import { rangeExcess } from './channels/range.js';
import { stepContextNovelty, type ContextNoveltyState } from './channels/context-novelty.js';
import { createVolatility, stepVolatility, type VolatilityState } from './channels/volatility.js';
import { clamp01, defineDetector, normalTail } from './types.js';

/**
 * The production ensemble: cheap raw signals turned into one calibrated, likelihood-style score,
 * then gated so that one incident yields one early alarm.
 *
 * 1. Context novelty (after CAD OSE's idea): the value is quantised coarsely (10 levels) on the
 *    running min/max and the detector remembers which short sequences of levels it has seen
 *    (orders 1..maxOrder). Novelty = share of orders whose sequence is new. Sequences unseen for
 *    two to four weeks of 5-minute rows (`forgetRows`) are forgotten, so novelty stays "new lately".
 * 2. Optional: prediction error against an exponentially weighted level, and the seasonal
 *    baseline's score (both off by default: on NAB they lowered the score).
 * 3. Likelihood (after Numenta's anomaly likelihood): the mean of the raw score over a short
 *    window is compared with a Gaussian fitted to its own longer history; the tail probability,
 *    Bonferroni-corrected for the number of rows tested so far (`bonferroni`), is mapped to
 *    [0, 1] on a log scale, so only rare bursts score high, whatever the series or its length.
 * 3b. Shape novelty (`discord.ts`; `discord: null` turns it off): the distance of the newest
 *    z-normalised subsequence to its nearest earlier one at down-sampling factors 8 and 16,
 *    calibrated by the same likelihood recipe and max-combined with the novelty likelihood (sees
 *    a missing daily peak inside the range).
 * 4. Range breaks score 1: a value beyond the running min/max by more than `rangeTolerance` of
 *    the range, or a moving average (`smoothWindows`) beyond the range of its own past values
 *    (a level shift hidden in noise).
 * 4c. Volatility break (`volWindow`, on by default): the mean of |x − previous x| over 64 rows
 *    beyond the range of its own past values (up, and with `volLow` down) scores 1: an abrupt
 *    change of spread inside the value range.
 * 4d. Absence (`absenceLevel`, off by default): rows since the last value in the upper half of the
 *    range beyond 1.5 × the longest earlier such gap scores 1, once per gap (a spiky series gone quiet).
 * 5. Band: the embedded seasonal baseline's (trend + daily/weekly profile ± bandWidth σ), so
 *    charts and "outside the expected band" read like CloudWatch's anomaly band.
 * 6. Gating: after a score reaches `alarmLevel` the output stays 0 for `restRows` rows, except
 *    for a value range break that is not a repeat of the last alarm's excursion
 *    (`restBreakThrough`); with `gate: 'peak'` any output also silences lower-or-equal scores for
 *    `restRows` rows. The detector keeps learning meanwhile.
 * Everything is causal: range, level and history come only from rows already seen; no file
 * length, no labels. One parameter set (the defaults) is used for every series.
 */
const Params = z.object({
  levels: z.number().int().min(2).max(32).default(10),
  maxOrder: z.number().int().min(1).max(6).default(5),
  grids: z.number().int().min(1).max(3).default(1),
  /** Bound on remembered contexts, so the persisted state stays small (NAB's largest series uses 12.5k). */
  maxContexts: z.number().int().min(16).default(16384),
  errorWeight: z.number().min(0).max(1).default(0),
  /** Weight of the seasonal baseline's score in the raw signal (0 = off; on NAB any weight lowered the score). */
  seasonalWeight: z.number().min(0).max(1).default(0),
  errorScale: z.number().positive().default(4),
  levelAlpha: z.number().gt(0).lt(1).default(0.1),
  devAlpha: z.number().gt(0).lt(1).default(0.02),
  shortWindow: z.number().int().min(1).max(200).default(10),
  historyWindow: z.number().int().min(50).max(20000).default(2000),
  minStd: z.number().positive().default(0.05),
  warmupRows: z.number().int().min(1).default(150),
  rangeTolerance: z.number().min(0).default(0.02),
  alarmLevel: z.number().min(0).max(1).default(0.5),
  restRows: z.number().int().min(0).default(100),
  bandWidth: z.number().positive().default(3),
  likelihood: z.boolean().default(true),
  /** Rows in the moving average whose own range break also alarms (0 = off): catches level shifts hidden in noise. */
  smoothWindows: z.array(z.number().int().min(2).max(1000)).max(6).default([16]),
  smoothTolerance: z.number().min(0).default(0.05),
  /** 'alarm': silence after a score ≥ alarmLevel; 'peak': also, within restRows of any output, only a higher score passes. */
  gate: z.enum(['alarm', 'peak']).default('peak'),
  /**
   * Rows during which a likelihood (not range-break) alarm must beat the previous one, a per-series
   * bar; 0 = off (on NAB, 2000: 68.41 / 63.04 / 72.26, 500: 68.68 / 62.67 / 72.80; not chosen a priori).
   */
  likelihoodMemory: z.number().int().min(0).default(0),
  /**
   * Shape novelty (streaming discords at factors 8 and 16, calibrated by the same likelihood
   * recipe), max-combined with the novelty likelihood; null = off. On NAB it lifted the ensemble
   * from 67.31 to 69.22 (standard) when it became the default, at about 0.3 µs per row.
   */
  discord: DiscordChannelParams.nullable().default(() => DiscordChannelParams.parse({})),
  /** 'max': the discords' own likelihood competes with the novelty likelihood; 'raw': their distance joins the raw signal. */
  discordMode: z.enum(['max', 'raw']).default('max'),
  /**
   * During the rest after an alarm, a value range break still alarms unless it continues the last
   * alarm's excursion (a range break the same way): the rest silences repeats of one excursion, not
   * a different one (a drop right after a spike, a real break after a likelihood alarm).
   */
  restBreakThrough: z.boolean().default(true),
  /**
   * Volatility channel: rows in a moving mean of |x − previous x| (0 = off). When that mean breaks
   * the range of its own past values by more than `volTolerance` of the range (the moving-average
   * break's recipe applied to the spread), the score is 1: an abrupt change of spread inside the
   * value range (a noisy burst, an oscillation starting), which neither value nor level breaks see.
   * The range follows the mean row by row, so a spread that drifts slowly never breaks it.
   * On NAB (64 rows, tolerance 0.05): 70.74 / 64.56 / 75.03 → 73.34 / 67.31 / 77.92 with `volLow`.
   */
  volWindow: z.number().int().min(0).max(2000).default(64),
  volTolerance: z.number().min(0).default(0.05),
  /** Also alarm when the spread falls abruptly below its past minimum (a series suddenly going quiet). */
  volLow: z.boolean().default(true),
  /**
   * Contexts not seen for a while are forgotten, so that novelty means "new lately", not "new
   * since the series began" (0 = never forget). Two generations of `forgetRows` rows: every
   * `forgetRows` rows the seen contexts become the old generation and a new one starts; a context
   * seen again moves to the new one, so a context is forgotten after between `forgetRows` and
   * 2 × `forgetRows` rows unseen. Default 4032 rows: two weeks of 5-minute data (the product's
   * back-fill). Without forgetting, a pattern seen once months ago never counts as new again (a
   * return to an old regime goes unseen). On NAB it gains recall, not precision: 99 instead of 97
   * windows, 160 instead of 143 false-positive rows (NAB 70.74 / 64.56 / 75.03
   * → 71.94 / 64.63 / 76.41; 3000 / 5000 / 6000 / 8000: 71.33 / 63.78 / 76.00, 71.85 / 64.52 /
   * 76.35, 71.50 / 64.93 / 75.83, 71.89 / 65.56 / 76.09).
   */
  forgetRows: z.number().int().min(0).default(4032),
  /**
   * Absence channel (0 = off, the default): a "spike" is a value above min + `absenceLevel` × range.
   * When the rows since the last spike exceed (1 + `absenceTolerance`) × the longest earlier gap
   * between spikes (once `absenceMinGaps` gaps have been seen), the score is 1, once per gap: a
   * spiky or periodic series quiet for half as long again as it ever was (a batch job that stopped,
   * a missing daily peak). Turn it on (0.5) for metrics with a rhythm. Off by default because on
   * irregularly spiky cloud metrics a long quiet spell is normal: on NAB (0.5, 0.5) it adds three
   * windows overall (75.81 / 69.72 / 80.14 → 77.25 / 69.89 / 81.96) but lowers the
   * realAWSCloudwatch subset (73.86 → 72.27, 12 more false-positive rows on EC2 CPU, disk and
   * network series), the closest to the telemetry this product watches.
   */
  absenceLevel: z.number().min(0).max(1).default(0),
  absenceTolerance: z.number().min(0).default(0.5),
  absenceMinGaps: z.number().int().min(1).default(10),
  /**
   * Multiple-testing correction of the likelihood (Bonferroni): every row tests the short average
   * against the same tail level, so a long series runs many more tests than a short one and, at a
   * fixed level, collects more false alarms. The tail probability is multiplied by the number of
   * tests run so far relative to the first possible alarm, max(1, n / warmupRows), so the first
   * alarm after warm-up is unchanged and the bar rises with log10(n) (by 0.1 score per tenfold).
   * Range, level and volatility breaks need no correction: beating the extreme of n past values
   * already grows rarer as n grows. On NAB: 74.50 / 66.49 / 79.26 → 75.81 / 69.72 / 80.14
   * (103 windows either way; 143 instead of 175 false-positive rows).
   */
  bonferroni: z.boolean().default(true),
});
export type EnsembleParams = z.infer<typeof Params>;

export interface EnsembleState extends ContextNoveltyState {
  params: EnsembleParams;
  n: number;
  /** The seasonal baseline: it provides the expected band, and optionally part of the score. */
  seasonal: SeasonalBaselineState;
  min: number;
  max: number;
  level: number;
  dev: number;
  raw: number[];
  rawPos: number;
  rawSum: number;
  hist: number[];
  histPos: number;
  histCount: number;
  histSum: number;
  histSumSq: number;
  rest: number;
  /** The last max(smoothWindows) raw values, and per window its running sum and the min/max of its average. */
  sm: number[];
  smPos: number;
  smSum: number[];
  smMin: number[];
  smMax: number[];
  /** Highest score emitted in the current rest period (peak gating). */
  peak: number;
  peakRest: number;
  /** Strongest likelihood alarm in the last `likelihoodMemory` rows (a per-series bar for the next one). */
  likPeak: number;
  likPeakRest: number;
  discord: DiscordChannel[];
  /** The last alarm: 1 / −1 a range break upwards / downwards, 2 anything else, 0 none yet. */
  lastAlarm: number;
  /** Volatility channel (created on the first row; absent in states persisted before it). */
  vol?: VolatilityState;
  /** Absence channel (created on the first row it runs). */
  abs?: AbsenceState;
}

export default defineDetector<EnsembleParams, EnsembleState>({
  id: 'ensemble',
  title: 'Production ensemble (context and shape novelty → likelihood, range breaks, gated)',
  summary: 'One calibrated likelihood-style score from quantised-context novelty and range breaks (optionally subsequence discords), silent after an alarm.',
  kind: 'univariate',
  schema: Params,
  create: (params) => ({
    params,
    n: 0,
    seasonal: seasonalBaseline.init({ warmupPoints: 1, bandWidth: params.bandWidth }),
    min: 0,
    max: 0,
    level: 0,
    dev: 0,
    recent: new Array<number>((params.maxOrder + 1) * params.grids).fill(0),
    contexts: [],
    raw: new Array<number>(params.shortWindow).fill(0),
    rawPos: 0,
    rawSum: 0,
    hist: new Array<number>(params.historyWindow).fill(0),
    histPos: 0,
    histCount: 0,
    histSum: 0,
    histSumSq: 0,
    rest: 0,
    sm: new Array<number>(Math.max(1, ...params.smoothWindows)).fill(0),
    smPos: 0,
    smSum: params.smoothWindows.map(() => 0),
    smMin: params.smoothWindows.map(() => 0),
    smMax: params.smoothWindows.map(() => 0),
    peak: 0,
    peakRest: 0,
    likPeak: 0,
    likPeakRest: 0,
    discord: params.discord ? createDiscordChannels(params.discord) : [],
    lastAlarm: 0,
  }),
  update(s, point) {
    const p = s.params;
    const x = point.value;
    s.n++;
    if (s.n === 1) {
      s.min = s.max = s.level = x;
    }
    // rows up to warmupRows learn without alarming
    const armed = s.n > p.warmupRows;
    const breakDirection = armed ? rangeExcess(s.min, s.max, x, p.rangeTolerance) : 0;
    const rangeBreak = breakDirection !== 0;
    if (x < s.min) s.min = x;
    if (x > s.max) s.max = x;
    const range = s.max - s.min;

    // 1. context novelty: the share of orders whose sequence of levels is new lately
    const novelty = stepContextNovelty(s, p, x, s.n, s.min, range);

    // 2. prediction error against the weighted level, before the level learns this point
    const scale = s.dev + 1e-3 * range + 1e-12;
    const err = Math.abs(x - s.level) / scale;
    const errScore = p.errorWeight > 0 ? 1 - Math.exp(-err / p.errorScale) : 0;
    s.dev += p.devAlpha * (Math.abs(x - s.level) - s.dev);
    s.level += p.levelAlpha * (x - s.level);

    // 3. likelihood of the short average of the raw score under its own history
    let rawScore = (1 - p.errorWeight) * novelty + p.errorWeight * errScore;
    let shape = 0;
    if (p.discord) {
      shape = stepDiscord(s.discord, p.discord, x);
      if (p.discordMode === 'raw') {
        let d = 0;
        for (const c of s.discord) d += c.last;
        rawScore = (rawScore + d / s.discord.length) / 2;
      }
    }
    const band = seasonalBaseline.update(s.seasonal, point);
    if (p.seasonalWeight > 0) rawScore = (1 - p.seasonalWeight) * rawScore + p.seasonalWeight * band.score;
    s.rawSum += rawScore - s.raw[s.rawPos]!;
    s.raw[s.rawPos] = rawScore;
    s.rawPos = (s.rawPos + 1) % p.shortWindow;
    const avg = s.rawSum / Math.min(s.n, p.shortWindow);
    let score = 0;
    if (!p.likelihood) score = rawScore;
    else if (s.histCount > 0) {
      const mean = s.histSum / s.histCount;
      const variance = Math.max(0, s.histSumSq / s.histCount - mean * mean);
      const std = Math.max(Math.sqrt(variance), p.minStd);
      let tail = normalTail((avg - mean) / std);
      if (p.bonferroni && armed) tail = Math.min(1, (tail * s.n) / p.warmupRows);
      score = Math.log(tail + 1e-10) / Math.log(1e-10);
    }
    const oldAvg = s.hist[s.histPos]!;
    if (s.histCount === p.historyWindow) {
      s.histSum -= oldAvg;
      s.histSumSq -= oldAvg * oldAvg;
    } else s.histCount++;
    s.hist[s.histPos] = avg;
    s.histSum += avg;
    s.histSumSq += avg * avg;
    s.histPos = (s.histPos + 1) % p.historyWindow;

    if (p.discordMode === 'max' && shape > score) score = shape;

    // 4b. range break of moving averages at several scales (level shifts hidden in noise)
    const cap = s.sm.length;
    for (let k = 0; k < p.smoothWindows.length; k++) {
      const w = p.smoothWindows[k]!;
      s.smSum[k]! += x - (s.n > w ? s.sm[(s.smPos - w + cap) % cap]! : 0);
      if (s.n < w) continue;
      const ma = s.smSum[k]! / w;
      if (s.n === w) s.smMin[k] = s.smMax[k] = ma;
      if (armed && rangeExcess(s.smMin[k]!, s.smMax[k]!, ma, p.smoothTolerance) !== 0) score = 1;
      if (ma < s.smMin[k]!) s.smMin[k] = ma;
      if (ma > s.smMax[k]!) s.smMax[k] = ma;
    }
    s.sm[s.smPos] = x;
    s.smPos = (s.smPos + 1) % cap;
    // 4c. volatility break (an abrupt change of spread), 4d. absence of the usual spikes
    if (p.volWindow > 0 && stepVolatility((s.vol ??= createVolatility(p, x)), p, x, armed)) score = 1;
    if (p.absenceLevel > 0 && stepAbsence((s.abs ??= createAbsence()), p, x, s.n, s.min, range, armed)) score = 1;
    // 4. range break, 5. warm-up and gating
    if (p.likelihoodMemory > 0 && score < 1 && !rangeBreak && armed && s.rest === 0 && score >= p.alarmLevel) {
      if (s.likPeakRest > 0 && score <= s.likPeak) score = 0;
      else {
        s.likPeak = score;
        s.likPeakRest = p.likelihoodMemory;
      }
    }
    if (s.likPeakRest > 0) s.likPeakRest--;
    if (rangeBreak) score = 1;
    if (!armed) score = 0;
    // the direction of a range break: +1 up, −1 down; any other alarm counts as 2
    const excursion = rangeBreak ? breakDirection : 2;
    let breakThrough = false;
    if (s.rest > 0) {
      s.rest--;
      breakThrough = p.restBreakThrough && rangeBreak && excursion !== s.lastAlarm;
      if (breakThrough) {
        s.rest = p.restRows;
        s.lastAlarm = excursion;
      } else score = 0;
    } else if (score >= p.alarmLevel) {
      s.rest = p.restRows;
      s.lastAlarm = excursion;
    }
    if (breakThrough) {
      s.peak = score;
      s.peakRest = p.restRows;
    } else if (p.gate === 'peak' && score > 0) {
      if (s.peakRest > 0 && score <= s.peak) score = 0;
      else {
        s.peak = score;
        s.peakRest = p.restRows;
      }
    }
    if (s.peakRest > 0 && --s.peakRest === 0) s.peak = 0;
    return { score: clamp01(score), expected: band.expected, lower: band.lower, upper: band.upper };
  },
});
