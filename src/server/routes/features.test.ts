import { describe, expect, it } from 'vitest';
import { routeHarness } from '../../../test/integration/route-harness.js';

// A platform with no feature module: the API still starts, and each feature's routes say which one is missing.
const h = routeHarness({ features: [] });

describe('Routes: a platform without a feature', () => {
  it.each([
    ['/cost/recommendations', 'cost'],
    ['/findings', 'compliance'],
    ['/detect/metrics', 'detection'],
    ['/slos', 'slo'],
    ['/incidents/inc-1/rca', 'rca'],
  ])('GET %s answers 404 naming the %s feature', async (url, feature) => {
    const res = await h.call('GET', url, 'viewer');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: 'not_found', reason: `installed feature ${feature} not found` });
  });
});
