import { describe, expect, it } from 'vitest';
import type { CorrelatedAnomaly } from './anomalies.js';
import { probableCauses } from './causes.js';
import type { CorrelatedChange } from './changes.js';
import type { RankedTemplate } from './logs/mine.js';

const tpl = (over: Partial<RankedTemplate>): RankedTemplate => ({ id: 't1', template: 'ERROR TypeError: x', level: 'ERROR', baseline: 0, incident: 100, samples: ['TypeError: x'], logGroups: ['/aws/lambda/fn'], isNew: true, ratio: 200, score: 8, critical: [], ...over });
const change: CorrelatedChange = { id: 'c1', change: { time: '2026-11-23T11:55:00.000Z', eventName: 'UpdateAlias', eventSource: 'lambda.amazonaws.com', resourceArn: 'arn:aws:lambda:eu-west-1:1:function:fn', principal: 'ci' }, kind: 'deployment', hints: { deployment: 1 }, distance: 0, ageMs: 300_000, score: 0.85, explanation: 'UpdateAlias 5 min before' };
const anomaly: CorrelatedAnomaly = { id: 'a1', anomaly: { resourceArn: 'arn:aws:rds:eu-west-1:1:db:db', metric: 'DatabaseConnections', time: 0, direction: 'down' }, timeMs: 0, distance: 1, leadMs: 0, hints: { 'dependency-failure': 0.8 }, weight: 0.9, explanation: 'connections dropped' };
const defect = { id: 'code-defect', title: 'Code defect', severity: 'SEV-3' as const, hints: { deployment: 1 } };

describe('Function: probableCauses', () => {
  it('compounds agreeing evidence (noisy-OR) and ranks by confidence', () => {
    const causes = probableCauses({ incidentId: 'inc-1', templates: [tpl({ critical: [defect] })], changes: [change], anomalies: [anomaly] });
    expect(causes.map((c) => c.kind)).toEqual(['deployment', 'dependency-failure']);
    const logOnly = probableCauses({ incidentId: 'inc-1', templates: [tpl({ critical: [defect] })], changes: [], anomalies: [] });
    expect(causes[0]?.confidence).toBeGreaterThan(logOnly[0]?.confidence ?? 1);
    expect(causes[0]?.evidence.map((e) => e.type).sort()).toEqual(['change', 'log-template']);
    expect(causes[0]?.resourceArn).toBe(change.change.resourceArn);
    expect(causes[0]?.rank).toBe(1);
    expect(causes[0]?.evidence.find((e) => e.type === 'change')?.link).toContain('cloudtrail');
    expect(causes[0]?.evidence[0]?.consoleLink).toMatch(/^\/incidents\/inc-1\/rca#/);
  });

  it('ignores steady templates and gives unknown new errors a weak deployment hint', () => {
    expect(probableCauses({ incidentId: 'i', templates: [tpl({ isNew: false, ratio: 1, critical: [defect] })], changes: [], anomalies: [] })).toEqual([]);
    const weak = probableCauses({ incidentId: 'i', templates: [tpl({})], changes: [], anomalies: [] });
    expect(weak[0]?.kind).toBe('deployment');
    expect(weak[0]?.confidence).toBeLessThan(0.3);
  });

  it("reads critical errors in a dependency's own logs as that dependency failing", () => {
    const timeout = { id: 'timeout', title: 'Timeouts', severity: 'SEV-3' as const, hints: { capacity: 0.6, 'dependency-failure': 0.4 } };
    const causes = probableCauses({ incidentId: 'i', templates: [tpl({ critical: [timeout] })], changes: [], anomalies: [], templateSources: new Map([['t1', { resourceArn: 'arn:aws:ecs:eu-west-1:1:service/prod/payments', distance: 1 }]]) });
    expect(causes[0]?.kind).toBe('dependency-failure');
    expect(causes[0]?.evidence[0]?.summary).toContain("in dependency payments's logs");
  });

  it('returns nothing without evidence', () => {
    expect(probableCauses({ incidentId: 'i', templates: [], changes: [], anomalies: [] })).toEqual([]);
  });
});
