import { describe, expect, it } from 'vitest';
import { normalize } from '../../src/core/events/normalize.js';
import { generateStorm } from './generator.js';

describe('Function: generateStorm', () => {
  const storm = generateStorm({ seed: 3, targetEvents: 3000, problems: 12, hours: 2 });
  it('is deterministic for a seed', () => {
    expect(JSON.stringify(generateStorm({ seed: 3, targetEvents: 3000, problems: 12, hours: 2 }).events.slice(0, 50))).toBe(JSON.stringify(storm.events.slice(0, 50)));
  });
  it('has ≥ 1 % malformed events that all fail normalization, and ground truth for the rest', () => {
    const malformed = storm.events.filter((e) => e.kind === 'malformed');
    expect(malformed.length / storm.events.length).toBeGreaterThanOrEqual(0.01);
    for (const e of malformed) expect(normalize(e.raw).ok).toBe(false);
    for (const e of storm.events.filter((x) => x.kind === 'signal' || x.kind === 'redelivery')) expect(e.problem).toMatch(/^p\d+/);
    expect(storm.problems.filter((p) => p.expectMuted)).toHaveLength(2);
  });
});
