import { describe, expect, it } from 'vitest';
import { bundledPriceSource } from '../../src/core/cost/prices/snapshot.js';
import { COST_RULES } from '../../src/core/cost/rules/index.js';
import { generateWorld } from './world.js';

describe('Function: generateWorld', () => {
  const world = generateWorld({ seed: 1, total: 1000, now: Date.parse('2026-11-20T03:00:00Z'), prices: bundledPriceSource() });

  it('builds the requested number of resources with unique ARNs and deterministic output', () => {
    expect(world.resources).toHaveLength(1000);
    expect(new Set(world.resources.map((r) => r.resource.arn)).size).toBe(1000);
    expect(generateWorld({ seed: 1, total: 1000, now: Date.parse('2026-11-20T03:00:00Z'), prices: bundledPriceSource() }).planted).toEqual(world.planted);
  });

  it('plants waste for every rule, each with a positive known monthly cost', () => {
    expect(new Set(world.planted.map((p) => p.ruleId))).toEqual(new Set(COST_RULES.map((r) => r.id)));
    for (const p of world.planted) expect(p.truthMonthlyUsd).toBeGreaterThan(0);
  });
});
