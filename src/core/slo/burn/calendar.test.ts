import { describe, expect, it } from 'vitest';
import { calendarMonthLengthMs, calendarMonthStartMs, sloWindowBounds } from './calendar.js';

const at = (s: string) => Date.parse(s);

describe('Function: sloWindowBounds', () => {
  it.each([
    ['2026-11-15T12:00:00Z', '2026-11-01T00:00:00Z', 30],
    ['2026-02-10T00:00:00Z', '2026-02-01T00:00:00Z', 28],
    ['2024-02-29T23:59:00Z', '2024-02-01T00:00:00Z', 29],
    // An evaluation that ends exactly at midnight on the 1st closes the previous month.
    ['2026-12-01T00:00:00Z', '2026-11-01T00:00:00Z', 30],
  ])('puts %s in the calendar month starting %s (%d days)', (now, start, days) => {
    expect(calendarMonthStartMs(at(now))).toBe(at(start));
    expect(calendarMonthLengthMs(at(now))).toBe(days * 86_400_000);
    expect(sloWindowBounds({ kind: 'calendar-month' }, at(now))).toEqual({ startMs: at(start), lengthMs: days * 86_400_000 });
  });

  it('starts a rolling window its duration before the evaluation', () => {
    expect(sloWindowBounds({ kind: 'rolling', durationMs: 7 * 86_400_000 }, at('2026-11-15T00:00:00Z'))).toEqual({ startMs: at('2026-11-08T00:00:00Z'), lengthMs: 7 * 86_400_000 });
  });
});
