import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../shared/errors.js';
import { evaluateResources } from '../engine.js';
import { INVENTORY_SCHEMAS, INVENTORY_TYPES, type InventoryType, parseState } from './index.js';
import { violationCatalogue } from './violations.js';
import { sampleInventory, sampleResource } from './sampleInventory.js';

describe('Function: sampleInventory', () => {
  it('builds one resource of every inventory type, each valid against its schema', () => {
    const inv = sampleInventory();
    expect(inv.map((r) => r.type).sort()).toEqual([...INVENTORY_TYPES].sort());
    for (const r of inv) {
      const result = INVENTORY_SCHEMAS[r.type as keyof typeof INVENTORY_SCHEMAS].safeParse(r.state);
      expect(result.success, `${r.type}: ${result.success ? '' : result.error.message}`).toBe(true);
    }
  });

  it('makes ARNs unique with a suffix', () => {
    const a = sampleInventory({ suffix: '-1' }).map((r) => r.arn);
    const b = sampleInventory({ suffix: '-2' }).map((r) => r.arn).filter((arn) => !arn.endsWith(':root'));
    expect(b.some((arn) => a.includes(arn))).toBe(false);
  });
});

describe('Function: parseState', () => {
  it('names the failing field when the state has the wrong shape', () => {
    const bucket = sampleResource('AWS::S3::Bucket', { versioning: { Status: 'On' } });
    expect(() => parseState('AWS::S3::Bucket', bucket)).toThrow(ValidationError);
    try {
      parseState('AWS::S3::Bucket', bucket);
    } catch (e) {
      expect((e as ValidationError).field).toBe('state.versioning.Status');
    }
  });
});

describe('Function: violationCatalogue', () => {
  const NOW = Date.parse('2026-11-23T00:00:00.000Z');
  const cases = Object.entries(violationCatalogue(NOW)).flatMap(([type, vs]) => vs.map((v) => [`${type} ${v.name}`, type, v] as const));

  it.each(cases)('%s makes exactly its labelled checks fail', (_n, type, v) => {
    const r = sampleResource(type as InventoryType, v.patch);
    const failed = evaluateResources([r], { now: NOW, inventory: [...sampleInventory(), r] })
      .outcomes.filter((o) => o.status === 'FAIL')
      .map((o) => o.checkId)
      .sort();
    expect(failed).toEqual([...v.expect].sort());
  });
});
