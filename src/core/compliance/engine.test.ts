import { describe, expect, it } from 'vitest';
import { ValidationError } from '../shared/errors.js';
import { CHECKS } from './checks/index.js';
import { evaluateResources, selectChecks } from './engine.js';
import { sampleInventory, sampleResource } from './inventory/sampleInventory.js';
import { FIXTURE_NOW } from './testing/checkCases.js';

describe('Function: selectChecks', () => {
  it.each([
    [{}, CHECKS.length],
    [{ framework: 'cis' }, CHECKS.filter((c) => c.frameworks.cis?.length).length],
    [{ severity: 'critical' }, CHECKS.filter((c) => c.severity === 'CRITICAL').length],
    [{ checkIds: ['rds-not-public'] }, 1],
    [{ framework: 'FSBP', severity: 'Critical' }, CHECKS.filter((c) => c.frameworks.fsbp?.length && c.severity === 'CRITICAL').length],
  ])('selects by %j', (sel, n) => {
    expect(selectChecks(sel)).toHaveLength(n);
  });

  it('keeps HIGH and CRITICAL for severity high', () => {
    expect(new Set(selectChecks({ severity: 'HIGH' }).map((c) => c.severity))).toEqual(new Set(['HIGH', 'CRITICAL']));
  });

  it.each([
    [{ framework: 'pci' }, 'framework'],
    [{ severity: 'urgent' }, 'severity'],
    [{ checkIds: ['nope'] }, 'checkIds'],
  ])('rejects %j naming the option', (sel, field) => {
    expect(() => selectChecks(sel)).toThrow(ValidationError);
    try {
      selectChecks(sel);
    } catch (e) {
      expect((e as ValidationError).field).toBe(field);
    }
  });
});

describe('Function: evaluateResources', () => {
  it('finds nothing on the compliant sample and every check runs at least once', () => {
    const r = evaluateResources(sampleInventory(), { now: FIXTURE_NOW });
    expect(r.failed).toBe(0);
    expect(new Set(r.outcomes.map((o) => o.checkId)).size).toBe(CHECKS.length);
    expect(r.evaluated).toBe(r.passed + r.failed + r.notApplicable);
  });

  it('fails closed on a malformed resource and reports progress', () => {
    const progress: number[] = [];
    const inv = [...sampleInventory(), { ...sampleResource('AWS::RDS::DBInstance'), arn: 'arn:aws:rds:us-east-1:111122223333:db:broken', state: { engine: 'postgres' } }];
    const r = evaluateResources(inv, { now: FIXTURE_NOW, onProgress: (p) => progress.push(p.done), progressEvery: 5 });
    expect(r.errors).toBe(5);
    expect(r.outcomes.filter((o) => o.error).every((o) => o.resourceArn.endsWith(':db:broken'))).toBe(true);
    expect(progress.at(-1)).toBe(inv.length);
  });
});
