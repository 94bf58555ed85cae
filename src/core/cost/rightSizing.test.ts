import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_LAMBDA_MEMORY_MB, MIN_LAMBDA_MEMORY_MB, recommendedLambdaMemoryMb, successorInstanceType } from './rightSizing.js';

describe('Function: successorInstanceType', () => {
  it.each([
    ['m4.xlarge', 'm5.xlarge'],
    ['t2.micro', 't3.micro'],
    ['c4.8xlarge', 'c5.8xlarge'],
    ['r3.large', 'r5.large'],
    ['m5.large', undefined],
    ['m7g.large', undefined],
    ['m4', undefined],
    ['', undefined],
    ['constructor.large', undefined],
  ])('%s → %s', (from, to) => {
    expect(successorInstanceType(from)).toBe(to);
  });
  it('follows a configured mapping', () => {
    expect(successorInstanceType('m5.large', { m5: 'm7i' })).toBe('m7i.large');
  });
});

describe('Function: recommendedLambdaMemoryMb', () => {
  it.each([
    [210, 30, 320],
    [180, 30, 256],
    [10, 30, 128],
    [98, 30, 128],
    [99, 30, 192],
    [256, 0, 256],
    [9000, 30, 10_240],
  ])('peak %i MB with %i %% headroom → %i MB', (peak, headroom, mb) => {
    expect(recommendedLambdaMemoryMb(peak, headroom)).toBe(mb);
  });
  it('covers the peak plus headroom in 64 MB steps within Lambda limits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 7000 }), fc.integer({ min: 0, max: 100 }), (peak, headroom) => {
        const mb = recommendedLambdaMemoryMb(peak, headroom);
        expect(mb).toBeGreaterThanOrEqual(Math.min(MAX_LAMBDA_MEMORY_MB, peak * (1 + headroom / 100)));
        expect(mb).toBeGreaterThanOrEqual(MIN_LAMBDA_MEMORY_MB);
        expect(mb % 64).toBe(0);
      }),
    );
  });
});
