import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type CheckContext, CHECK_SEVERITIES, DEFAULT_COMPLIANCE_CONFIG, indexInventory, runCheck } from '../check.js';
import { syncComplianceDoc } from '../docs.js';
import { danglingMappings } from '../frameworks/index.js';
import { INVENTORY_TYPES } from '../inventory/index.js';
import { sampleInventory, sampleResource } from '../inventory/sampleInventory.js';
import { CHECK_CASES, type CheckCase, FIXTURE_NOW } from '../testing/checkCases.js';
import { CHECKS } from './index.js';

const here = dirname(fileURLToPath(import.meta.url));
const checkFiles = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'index.ts' && f !== 'helpers.ts')
  .map((f) => f.replace(/\.ts$/, ''));

const ctxFor = (c: CheckCase): CheckContext => ({
  now: FIXTURE_NOW,
  config: { ...DEFAULT_COMPLIANCE_CONFIG, ...c.config },
  inventory: indexInventory(c.inventory ?? sampleInventory()),
});

describe('Registry: CHECKS', () => {
  it('registers every check file exactly once, with id = file name', () => {
    expect(CHECKS.map((c) => c.id).sort()).toEqual([...checkFiles].sort());
    expect(new Set(CHECKS.map((c) => c.id)).size).toBe(CHECKS.length);
  });

  it('has at least 40 checks', () => {
    expect(CHECKS.length).toBeGreaterThanOrEqual(40);
  });

  it('maps every check only to control ids the frameworks define', () => {
    expect(danglingMappings()).toEqual([]);
  });

  it('docs/compliance.md lists every check with its mappings (regenerate with src/app/compliance/updateDocs.ts)', () => {
    const doc = readFileSync(join(here, '..', '..', '..', '..', 'docs', 'compliance.md'), 'utf8');
    expect(doc).toBe(syncComplianceDoc(doc));
    for (const c of CHECKS) expect(doc).toContain(`| \`${c.id}\` |`);
  });

  it.each(CHECKS.map((c) => [c.id, c] as const))('%s has a complete descriptor', (_id, c) => {
    expect(c.title.length).toBeGreaterThan(10);
    expect(c.description.length).toBeGreaterThan(10);
    expect(CHECK_SEVERITIES).toContain(c.severity);
    expect(INVENTORY_TYPES).toContain(c.resourceType);
    if (c.remediation) expect(c.remediation).toMatch(/^AIOps-[A-Z][A-Za-z0-9]+$/);
    expect(CHECK_CASES[c.id], `no test cases for ${c.id}`).toBeDefined();
  });
});

describe.each(CHECKS.map((c) => [c.id, c] as const))('Check: %s', (id, check) => {
  const cases = CHECK_CASES[id] ?? { fail: [] };
  const build = (c: CheckCase) => sampleResource(check.resourceType, c.patch);

  it('gives the compliant sample its baseline verdict', () => {
    expect(runCheck(check, build({ name: 'sample' }), ctxFor({ name: 'sample' })).status).toBe(cases.baseline ?? 'PASS');
  });

  it.each((cases.pass ?? []).map((c) => [c.name, c] as const))('passes: %s', (_n, c) => {
    const out = runCheck(check, build(c), ctxFor(c));
    expect(out, JSON.stringify(out)).toMatchObject({ status: 'PASS' });
  });

  it.each(cases.fail.map((c) => [c.name, c] as const))('fails: %s', (_n, c) => {
    const out = runCheck(check, build(c), ctxFor(c));
    expect(out.status, JSON.stringify(out)).toBe('FAIL');
    if (out.status === 'FAIL') expect(out.message.length).toBeGreaterThan(0);
  });

  it.each((cases.notApplicable ?? []).map((c) => [c.name, c] as const))('is not applicable: %s', (_n, c) => {
    expect(runCheck(check, build(c), ctxFor(c)).status).toBe('NOT_APPLICABLE');
  });

  it('is not applicable to other resource types', () => {
    const other = INVENTORY_TYPES.find((t) => t !== check.resourceType)!;
    expect(runCheck(check, sampleResource(other), ctxFor({ name: 'x' })).status).toBe('NOT_APPLICABLE');
  });

  it('fails closed with the error when the state is malformed', () => {
    const broken = { ...sampleResource(check.resourceType), state: {} };
    const out = runCheck(check, broken, ctxFor({ name: 'x' }));
    expect(out.status).toBe('FAIL');
    expect(out.error).toMatch(/^state\./);
  });
});
