import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NAB_PROFILES } from './profiles.js';
import { eventMetrics, rowValues, scaledSigmoid, scoreCorpus } from './scorer.js';
import { labelEvents, probationRows, windowsFromPointLabels } from './windows.js';

describe('Function: probationRows', () => {
  it.each([
    [100, 15],
    [4000, 600],
    [10000, 750],
  ])('gives %i rows a probation of %i', (n, p) => expect(probationRows(n)).toBe(p));
});

describe('Function: scaledSigmoid', () => {
  it('is exactly -1 beyond 3 and worth A_TP at the start of a window', () => {
    expect(scaledSigmoid(3.0001)).toBe(-1);
    expect(scaledSigmoid(0)).toBe(0);
    const { value } = rowValues(10, [{ start: 4, end: 7 }], NAB_PROFILES.standard);
    expect(value[4]).toBeCloseTo(1, 12);
    expect(value[0]).toBe(-0.11);
    expect(value[7]! > 0 && value[7]! < value[4]!).toBe(true);
    expect(value[8]! < 0 && value[8]! > -0.11).toBe(true);
  });
});

describe('Function: labelEvents / windowsFromPointLabels', () => {
  it('turns runs of labelled points into events and NAB-style windows', () => {
    const labels = new Array<number>(1000).fill(0);
    labels[500] = labels[501] = labels[502] = 1;
    labels[800] = 1;
    expect(labelEvents(labels)).toEqual([
      { start: 500, end: 502 },
      { start: 800, end: 800 },
    ]);
    // length = floor(0.1 * 1000 / 2) = 50, so ±25 rows around each event
    expect(windowsFromPointLabels(labels)).toEqual([
      { start: 475, end: 527 },
      { start: 775, end: 825 },
    ]);
  });
  it('drops windows that start in the probationary period and merges overlaps', () => {
    const labels = new Array<number>(1000).fill(0);
    labels[10] = labels[600] = labels[620] = 1;
    expect(windowsFromPointLabels(labels)).toEqual([{ start: 584, end: 636 }]);
  });
  it('never produces overlapping or out-of-range windows', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 1, maxLength: 400 }), (labels) => {
        const ws = windowsFromPointLabels(labels);
        ws.forEach((w, i) => {
          expect(w.start).toBeLessThanOrEqual(w.end);
          expect(w.end).toBeLessThan(labels.length);
          if (i > 0) expect(w.start).toBeGreaterThan(ws[i - 1]!.end);
        });
      }),
    );
  });
});

describe('Function: scoreCorpus / eventMetrics', () => {
  it('gives a perfect early detector 100 and the null detector 0', () => {
    const n = 1000;
    const windows = [{ start: 500, end: 549 }];
    const perfect = Array.from({ length: n }, (_, i) => (i === 500 ? 1 : 0));
    expect(scoreCorpus([{ name: 'a', scores: perfect, windows }], NAB_PROFILES.standard).normalised).toBeCloseTo(100, 9);
    expect(scoreCorpus([{ name: 'a', scores: new Array<number>(n).fill(0.5), windows }], NAB_PROFILES.standard).normalised).toBe(0);
    const m = eventMetrics([{ name: 'a', scores: perfect, windows }], 0.5);
    expect(m).toMatchObject({ events: 1, detected: 1, falseAlarms: 0, precision: 1, recall: 1, f1: 1 });
  });
  it('counts a run of alarms outside windows as one false alarm', () => {
    const scores = new Array<number>(1000).fill(0);
    scores[300] = scores[301] = scores[302] = 1;
    scores[700] = 1;
    const m = eventMetrics([{ name: 'a', scores, windows: [{ start: 690, end: 720 }] }], 0.5);
    expect(m).toMatchObject({ events: 1, detected: 1, falseAlarms: 1, precision: 0.5, recall: 1 });
  });
});
