/**
 * OpenSLO durations (`5m`, `1h`, `28d`, `1w`) in milliseconds. Months and years have no fixed
 * length, so they are only valid as calendar windows and are rejected here.
 */
const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

export const DURATION_PATTERN = /^(\d+)([smhdw])$/;

/** Parses `30d`, `1h`, `5m`… into milliseconds; returns undefined when the text is not a duration. */
export function parseDuration(text: string): number | undefined {
  const m = DURATION_PATTERN.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = UNIT_MS[m[2] as string];
  if (!unit || n <= 0) return undefined;
  return n * unit;
}

/** The shortest exact text for a duration: 3_600_000 → `1h`, 90_000 → `90s`. */
export function formatDuration(ms: number): string {
  for (const [unit, size] of [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1_000]] as const) {
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}
