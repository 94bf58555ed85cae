import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sloStatusAt, evaluateRules } from './evaluate.js';
import { cumulate } from './math.js';
import { PYRRA_PRESET, WORKBOOK_PRESET, presetRules, theoreticalDetectionMs } from './windows.js';

const MIN = 60_000;
const H = 60 * MIN;
const D = 24 * H;

/** Minutes of `total` requests each, with `badShare(i)` of them failing. */
function minutes(count: number, total: number, badShare: (i: number) => number) {
  const good = new Float64Array(count);
  const tot = new Float64Array(count).fill(total);
  for (let i = 0; i < count; i++) good[i] = total * (1 - badShare(i));
  return cumulate({ startMs: 0, stepMs: MIN, good, total: tot });
}

describe('Function: evaluateRules', () => {
  it('pages on 1h/5m when the last hour burns at 15× after three clean days, and nothing else fires', () => {
    // target 99.9 %: 1.5 % errors is a burn of 15. Over 6 h: 1 h at 15 → 2.5; 1 d: 0.625; 3 d: 0.208.
    const n = 3 * 24 * 60;
    const cum = minutes(n, 1000, (i) => (i >= n - 60 ? 0.015 : 0));
    const states = evaluateRules(cum, cum.length, 0.999, WORKBOOK_PRESET.rules);
    expect(states.map((s) => [s.rule.name, s.firing])).toEqual([
      ['1h-5m', true],
      ['6h-30m', false],
      ['1d-2h', false],
      ['3d-6h', false],
    ]);
    expect(states[0]?.longBurn).toBeCloseTo(15, 9);
    expect(states[1]?.longBurn).toBeCloseTo(2.5, 9);
    expect(states[1]?.shortBurn).toBeCloseTo(15, 9);
    expect(states[2]?.longBurn).toBeCloseTo(0.625, 9);
    expect(states[3]?.longBurn).toBeCloseTo(15 / 72, 9);
  });

  it('stops firing once the short window is clean again even though the long window still burns', () => {
    const cum = minutes(70, 1000, (i) => (i < 60 ? 0.02 : 0));
    const [fast] = evaluateRules(cum, cum.length, 0.999, WORKBOOK_PRESET.rules);
    expect(fast?.longBurn).toBeGreaterThan(14.4);
    expect(fast?.shortBurn).toBe(0);
    expect(fast?.firing).toBe(false);
  });

  it('fires nothing without traffic', () => {
    const cum = minutes(120, 0, () => 0);
    expect(evaluateRules(cum, cum.length, 0.999, WORKBOOK_PRESET.rules).some((s) => s.firing)).toBe(false);
  });
});

describe('Function: sloStatusAt', () => {
  it('reports budget, SLI, burn rates per window and time to exhaustion', () => {
    // 30 days at 1000 req/min, 0.05 % errors all along: burn 0.5, half the budget left.
    const cum = minutes(30 * 24 * 60, 1000, () => 0.0005);
    const s = sloStatusAt(cum, cum.length, { target: 0.999, windowStart: 0, windowMs: 30 * D, rules: WORKBOOK_PRESET.rules });
    expect(s.events.total).toBe(43_200_000);
    expect(s.sli).toBeCloseTo(0.9995, 12);
    expect(s.budgetRemaining).toBeCloseTo(0.5, 9);
    expect(Object.keys(s.burnRates)).toEqual(['1h', '5m', '6h', '30m', '1d', '2h', '3d']);
    for (const rate of Object.values(s.burnRates)) expect(rate).toBeCloseTo(0.5, 9);
    expect(s.timeToExhaustionMs).toBeCloseTo(30 * D, 0); // 0.5 left at 0.5× lasts one window
  });
});

describe('Function: presetRules / theoreticalDetectionMs', () => {
  it('keeps the Workbook windows for 30 days and the Pyrra windows for 28 days', () => {
    expect(presetRules('workbook', 30 * D)).toEqual(WORKBOOK_PRESET.rules);
    expect(presetRules('pyrra', 28 * D)).toEqual(PYRRA_PRESET.rules);
    expect(PYRRA_PRESET.rules.map((r) => `${r.severity}:${r.factor}:${r.name}`)).toEqual(['page:14:1h-5m', 'page:7:6h-30m', 'ticket:2:1d-2h', 'ticket:1:4d-6h']);
  });

  it('detects a full outage of a 99.9 % SLO on 1h/5m after 14.4 × 0.1 % of an hour (51.84 s)', () => {
    expect(theoreticalDetectionMs(WORKBOOK_PRESET.rules[0]!, 1000)).toBeCloseTo(51_840, 6);
    expect(theoreticalDetectionMs(WORKBOOK_PRESET.rules[1]!, 2)).toBe(Infinity);
  });
});

describe('Property: a constant 2× burn', () => {
  it('never pages with the Workbook defaults (and never opens the 3× ticket)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(0.9, 0.99, 0.995, 0.999, 0.9995),
        fc.array(fc.integer({ min: 1, max: 10_000 }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 1, max: 4 * 24 * 60 }),
        (target, loads, end) => {
          const n = 4 * 24 * 60;
          const good = new Float64Array(n);
          const total = new Float64Array(n);
          for (let i = 0; i < n; i++) {
            total[i] = loads[i % loads.length] as number;
            good[i] = (total[i] as number) * (1 - 2 * (1 - target));
          }
          const states = evaluateRules(cumulate({ startMs: 0, stepMs: MIN, good, total }), end, target, WORKBOOK_PRESET.rules);
          for (const s of states) {
            expect(s.longBurn).toBeCloseTo(2, 6);
            if (s.rule.factor > 2) expect(s.firing).toBe(false);
          }
        },
      ),
    );
  });
});
