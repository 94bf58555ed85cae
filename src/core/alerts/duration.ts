import { z } from 'zod';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** Prometheus-style durations (`30s`, `5m`, `4h`, `1h30m`) to milliseconds; undefined if malformed. */
export function parseDuration(text: string): number | undefined {
  const t = text.trim();
  if (!/^(\d+(ms|s|m|h|d|w))+$/.test(t)) return undefined;
  let total = 0;
  for (const m of t.matchAll(/(\d+)(ms|s|m|h|d|w)/g)) total += Number(m[1]) * (UNITS[m[2] as string] as number);
  return total;
}

/** A duration field: a Prometheus duration string or a number of milliseconds. */
export const DurationSchema = z.union([z.number().int().nonnegative(), z.string()]).transform((v, ctx) => {
  if (typeof v === 'number') return v;
  const ms = parseDuration(v);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: `"${v}" is not a duration like 30s, 5m, 4h` });
    return z.NEVER;
  }
  return ms;
});
