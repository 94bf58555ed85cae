import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_LAMBDA_MEMORY_MB, MIN_LAMBDA_MEMORY_MB, capacityDimension, recommendedLambdaMemoryMb, rightSizedThroughput, successorInstanceType } from './rightSizing.js';

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

describe('Function: capacityDimension', () => {
  it.each([
    // provisioned, peak, target, over
    [400, 56, 80, true],
    [400, 120, 172, true], // exactly 30 %: over
    [400, 121, 173, false],
    [200, 0, 1, true], // nothing consumed: at least 1 unit
    [1, 0, 1, false], // already at the minimum
    [0, 5, 8, false],
  ])('%i provisioned, peak %d → target %i, over=%s', (provisioned, peak, target, over) => {
    expect(capacityDimension(provisioned, peak)).toMatchObject({ target, over });
  });

  it('right-sizes only the over-provisioned dimensions', () => {
    expect(rightSizedThroughput(capacityDimension(400, 56), capacityDimension(200, 12))).toEqual({ ReadCapacityUnits: 80, WriteCapacityUnits: 18 });
    expect(rightSizedThroughput(capacityDimension(400, 56), capacityDimension(200, 150))).toEqual({ ReadCapacityUnits: 80, WriteCapacityUnits: 200 });
  });

  it('never raises capacity and always puts the peak at or under the target utilisation', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40_000 }), fc.double({ min: 0, max: 40_000, noNaN: true }), (provisioned, peak) => {
        const d = capacityDimension(provisioned, peak);
        if (d.over) {
          expect(d.target).toBeLessThan(provisioned);
          expect(peak / d.target).toBeLessThanOrEqual(0.7 + 1e-9);
        }
      }),
    );
  });
});
