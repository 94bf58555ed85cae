import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ChangeEvent } from '../../ports/cloud.js';
import { correlateAnomalies } from './anomalies.js';
import { classifyChange, correlateChanges } from './changes.js';
import { arnName, arnRegion, dependencyDistances, type TopologyEdge } from './topology.js';

const T0 = Date.parse('2026-11-23T12:00:00Z');
const iso = (minBefore: number): string => new Date(T0 - minBefore * 60_000).toISOString();
const edges: TopologyEdge[] = [
  { from: 'fn', to: 'table' },
  { from: 'fn', to: 'db' },
  { from: 'db', to: 'kms' },
  { from: 'other', to: 'x' },
];
const ch = (resourceArn: string, eventName: string, minBefore: number, params?: Record<string, unknown>): ChangeEvent => ({ time: iso(minBefore), eventName, eventSource: 's', resourceArn, principal: 'p', ...(params ? { params } : {}) });

describe('Function: dependencyDistances', () => {
  it('walks from dependants to dependencies, shortest first, up to maxDepth', () => {
    expect([...dependencyDistances(['fn'], edges)]).toEqual([
      ['fn', 0],
      ['table', 1],
      ['db', 1],
      ['kms', 2],
    ]);
    expect([...dependencyDistances(['fn'], edges, 1).keys()]).toEqual(['fn', 'table', 'db']);
  });

  it('never assigns a distance larger than the depth, on any graph', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ from: fc.constantFrom('a', 'b', 'c', 'd'), to: fc.constantFrom('a', 'b', 'c', 'd') })), fc.integer({ min: 0, max: 4 }), (es, depth) => {
        const d = dependencyDistances(['a'], es, depth);
        expect(d.get('a')).toBe(0);
        for (const v of d.values()) expect(v).toBeLessThanOrEqual(depth);
      }),
    );
  });

  it('reads names and regions from ARNs', () => {
    expect(arnName('arn:aws:lambda:eu-west-1:1:function:checkout')).toBe('checkout');
    expect(arnRegion('arn:aws:iam::1:role/x')).toBeUndefined();
  });
});

describe('Function: correlateChanges', () => {
  const opts = { affected: ['fn'], topology: edges, incidentStartMs: T0 };

  it('ranks by time and topology proximity and drops unrelated, too old and later changes', () => {
    const out = correlateChanges([ch('fn', 'UpdateAlias', 5), ch('db', 'ModifyDBParameterGroup', 5), ch('fn', 'UpdateAlias', 120), ch('other', 'UpdateAlias', 1), ch('fn', 'UpdateAlias', 400), ch('fn', 'UpdateAlias', -10)], opts);
    expect(out.map((c) => [c.change.resourceArn, c.ageMs / 60_000])).toEqual([
      ['fn', 5],
      ['db', 5],
      ['fn', 120],
    ]);
    expect(out[0]?.explanation).toContain('5 min before the incident, on the affected resource');
    expect(out[1]?.explanation).toContain('on a dependency 1 hop away');
  });

  it('deduplicates the same change read from several resources', () => {
    expect(correlateChanges([ch('fn', 'UpdateAlias', 5), ch('fn', 'UpdateAlias', 5)], opts)).toHaveLength(1);
  });

  it.each([
    ['UpdateAlias', undefined, 'deployment'],
    ['UpdateService', { taskDefinition: 'a:2' }, 'deployment'],
    ['UpdateService', { desiredCount: 4 }, 'capacity'],
    ['PutRolePolicy', undefined, 'security'],
    ['PutParameter', undefined, 'configuration'],
    ['FailoverDBCluster', undefined, 'availability'],
    ['DescribeThings', undefined, 'other'],
  ] as const)('classifies %s %j as %s', (eventName, params, kind) => {
    expect(classifyChange(ch('fn', eventName, 1, params)).kind).toBe(kind);
  });
});

describe('Function: correlateAnomalies', () => {
  it('reads symptoms on the resource and failures on dependencies differently', () => {
    const out = correlateAnomalies(
      [
        { resourceArn: 'db', metric: 'DatabaseConnections', time: T0, direction: 'down' },
        { resourceArn: 'fn', metric: 'Errors', time: T0 + 60_000 },
        { resourceArn: 'fn', metric: 'CPUUtilization', time: iso(3) },
        { resourceArn: 'other', metric: 'CPUUtilization', time: T0 },
        { resourceArn: 'fn', metric: 'CPUUtilization', time: T0 - 5 * 3_600_000 },
      ],
      { affected: ['fn'], topology: edges, incidentStartMs: T0 },
    );
    expect(out.map((a) => a.anomaly.metric)).toEqual(['DatabaseConnections', 'Errors', 'CPUUtilization']);
    expect(out[0]?.hints).toEqual({ 'dependency-failure': 0.8 });
    expect(out[1]?.hints).toEqual({});
    expect(out[2]?.hints).toEqual({ capacity: 0.8 });
    expect(out[0]?.explanation).toContain('dropped anomalously on dependency db');
  });
});
