import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_COST_CONFIG } from '../config.js';
import { evaluateRule } from '../evaluate.js';
import { dailyMetrics, ec2Instance, rdsInstance, ruleContext } from '../fixtures.js';

const NOW = Date.parse('2026-11-20T03:00:00Z');
import { COST_RULES } from './index.js';

const here = dirname(fileURLToPath(import.meta.url));
const docs = readFileSync(join(here, '../../../../docs/cost.md'), 'utf8');
const ruleFiles = readdirSync(here).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'index.ts').map((f) => f.replace(/\.ts$/, ''));

describe('Registry: COST_RULES', () => {
  it('holds every rule file exactly once', () => {
    expect(COST_RULES.map((r) => r.id).sort()).toEqual([...ruleFiles].sort());
    expect(new Set(COST_RULES.map((r) => r.id)).size).toBe(COST_RULES.length);
  });

  it.each(COST_RULES.map((r) => [r.id, r] as const))('%s: id matches its file, has config, docs and declared data', (id, rule) => {
    expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(readFileSync(join(here, `${id}.ts`), 'utf8')).toContain(`id: '${id}'`);
    expect(Object.keys(DEFAULT_COST_CONFIG.rules)).toContain(id);
    expect(docs).toContain(`### ${id}`);
    expect(rule.title.length).toBeGreaterThan(3);
    expect(rule.resourceType).toMatch(/^AWS::/);
    expect(rule.dataNeeded.state.length).toBeGreaterThan(0);
  });

  it.each(COST_RULES.map((r) => [r.id, r] as const))('%s: fails closed on malformed state', (_id, rule) => {
    const v = evaluateRule(rule, { resource: { ...ec2Instance({ id: 'x' }), type: rule.resourceType, state: { bogus: true } }, metrics: {} }, ruleContext(Date.parse('2026-11-20T03:00:00Z')));
    expect(v.kind).toBe('error');
  });

  it('declares a runbook id in the AIOps-<Verb><Thing> form, or none for manual-only rules', () => {
    for (const rule of COST_RULES) if (rule.runbookId !== undefined) expect(rule.runbookId, rule.id).toMatch(/^AIOps-[A-Z][A-Za-z0-9]+$/);
    expect(COST_RULES.filter((r) => r.runbookId === undefined).map((r) => r.id).sort()).toEqual(['elb-idle', 'nat-gateway-idle']);
  });

  it('fails closed when a recommendation names another runbook than its rule declares', () => {
    const rule = COST_RULES.find((r) => r.id === 'rds-idle')!;
    const input = { resource: rdsInstance({ id: 'db-1' }), metrics: dailyMetrics(NOW, 14, { DatabaseConnections: 0 }) };
    const ctx = ruleContext(NOW);
    const ok = evaluateRule(rule, input, ctx);
    expect(ok).toMatchObject({ kind: 'recommendation', remediation: { runbookId: 'AIOps-StopIdleDbInstance' } });
    expect(evaluateRule({ ...rule, runbookId: 'AIOps-Other' }, input, ctx)).toMatchObject({ kind: 'error', reason: expect.stringContaining('AIOps-Other') });
  });
});
