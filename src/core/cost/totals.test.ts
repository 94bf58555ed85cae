import { describe, expect, it } from 'vitest';
import { totalMonthlySavings } from './rule.js';

describe('Function: totalMonthlySavings', () => {
  it('counts each resource once, with its largest recommendation', () => {
    expect(totalMonthlySavings([
      { resourceArn: 'a', monthlySavingsUsd: 73 },
      { resourceArn: 'a', monthlySavingsUsd: 2.92 },
      { resourceArn: 'b', monthlySavingsUsd: 3.65 },
    ])).toBe(76.65);
    expect(totalMonthlySavings([])).toBe(0);
  });
});
