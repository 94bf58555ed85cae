import { describe, expect, it } from 'vitest';
import { CHECKS, evaluateResources } from '../../src/core/compliance/index.js';
import { BENCH_NOW, generateInventory, VIOLATIONS } from './inventory.js';

describe('Function: generateInventory', () => {
  it('is deterministic for a seed and labels every planted violation', () => {
    const a = generateInventory(600, 7, 0.3);
    const b = generateInventory(600, 7, 0.3);
    expect(a.resources).toEqual(b.resources);
    expect(a.resources).toHaveLength(600);
    expect(a.plantedResources).toBeGreaterThan(50);
  });

  it('every planted violation is found and nothing else fails (labels are exact)', () => {
    const { resources, expected } = generateInventory(1500, 3, 0.5);
    const failed = new Set(evaluateResources(resources, { now: BENCH_NOW }).outcomes.filter((o) => o.status === 'FAIL').map((o) => `${o.checkId}|${o.resourceArn}`));
    expect([...expected].filter((k) => !failed.has(k))).toEqual([]);
    expect([...failed].filter((k) => !expected.has(k))).toEqual([]);
  });

  it('only labels registered checks', () => {
    const ids = new Set(CHECKS.map((c) => c.id));
    for (const vs of Object.values(VIOLATIONS)) for (const v of vs) for (const id of v.expect) expect(ids.has(id), id).toBe(true);
  });
});
