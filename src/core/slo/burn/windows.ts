/**
 * Multi-window, multi-burn-rate alert rules, as data. An alert fires while the burn rate over
 * BOTH the long and the short window is at or above `factor`: the long window gives significance
 * (enough budget burnt to matter), the short window makes the alert reset quickly once it stops.
 */
export type BurnSeverity = 'page' | 'ticket';

export interface BurnRateRule {
  /** Stable name used in labels and alarm names, e.g. `1h-5m`. */
  name: string;
  severity: BurnSeverity;
  /** Burn rate threshold: 1 burns exactly the whole budget over the SLO window. */
  factor: number;
  longWindowMs: number;
  shortWindowMs: number;
}

const H = 3_600_000;
const M = 60_000;
const D = 24 * H;

export interface BurnRatePreset {
  id: 'workbook' | 'pyrra';
  title: string;
  /** The SLO window the preset's windows were designed for; other windows scale proportionally. */
  baseWindowMs: number;
  rules: readonly BurnRateRule[];
}

const rule = (severity: BurnSeverity, factor: number, longWindowMs: number, shortWindowMs: number): BurnRateRule => ({
  name: `${windowLabel(longWindowMs)}-${windowLabel(shortWindowMs)}`,
  severity,
  factor,
  longWindowMs,
  shortWindowMs,
});

/** The Google SRE Workbook, chapter 5, table 5-8 (30-day SLO): 2 % / 5 % budget in 1 h / 6 h pages, 10 % in 1 d and 3 d tickets. */
export const WORKBOOK_PRESET: BurnRatePreset = {
  id: 'workbook',
  title: 'SRE Workbook 14.4/6/3/1',
  baseWindowMs: 30 * D,
  rules: [rule('page', 14.4, 1 * H, 5 * M), rule('page', 6, 6 * H, 30 * M), rule('ticket', 3, 1 * D, 2 * H), rule('ticket', 1, 3 * D, 6 * H)],
};

/** Pyrra's defaults (28-day SLO): 14× and 7× critical, 2× and 1× warning. */
export const PYRRA_PRESET: BurnRatePreset = {
  id: 'pyrra',
  title: 'Pyrra 14/7/2/1',
  baseWindowMs: 28 * D,
  rules: [rule('page', 14, 1 * H, 5 * M), rule('page', 7, 6 * H, 30 * M), rule('ticket', 2, 1 * D, 2 * H), rule('ticket', 1, 4 * D, 6 * H)],
};

export const BURN_RATE_PRESETS = { workbook: WORKBOOK_PRESET, pyrra: PYRRA_PRESET } as const;
export type BurnRatePresetId = keyof typeof BURN_RATE_PRESETS;

/**
 * The preset's rules for an SLO window. Windows scale with the SLO window (a 7-day SLO pages on
 * the same share of budget as a 30-day one) and are rounded to whole minutes, at least one.
 */
export function presetRules(preset: BurnRatePresetId, sloWindowMs: number): BurnRateRule[] {
  const p = BURN_RATE_PRESETS[preset];
  const scale = sloWindowMs / p.baseWindowMs;
  return p.rules.map((r) => {
    if (scale === 1) return { ...r };
    const longWindowMs = Math.max(M, Math.round((r.longWindowMs * scale) / M) * M);
    const shortWindowMs = Math.max(M, Math.round((r.shortWindowMs * scale) / M) * M);
    return { ...r, name: `${windowLabel(longWindowMs)}-${windowLabel(shortWindowMs)}`, longWindowMs, shortWindowMs };
  });
}

/** `1h`, `30m`, `3d`, `90s`: the shortest exact label for a window length. */
export function windowLabel(ms: number): string {
  for (const [unit, size] of [['d', D], ['h', H], ['m', M], ['s', 1000]] as const) {
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}

/**
 * How long a constant burn of `burnRate` takes to make `rule` fire after a history burning at
 * `baselineBurn`: the long window's average reaches the factor after `long × (factor − base) /
 * (burn − base)` and the short window after `short × …`, so the long window decides. Infinity when
 * it never fires.
 */
export function theoreticalDetectionMs(rule: BurnRateRule, burnRate: number, baselineBurn = 0): number {
  if (burnRate < rule.factor) return Infinity;
  if (baselineBurn >= rule.factor) return 0;
  return (rule.longWindowMs * (rule.factor - baselineBurn)) / (burnRate - baselineBurn);
}
