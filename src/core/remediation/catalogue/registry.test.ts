import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Cron } from 'croner';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../alerts/alert.js';
import type { RunbookContext, RunbookDescriptor } from '../runbook.js';
import { parseSsmDocument } from '../ssm/schema.js';
import { CATALOGUE, findRunbook } from './index.js';
import { RUNBOOK_PERMISSIONS } from './permissions.js';
import { CATALOGUE_FIXTURES, FIXTURE_NOW } from './support/fixtures.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const HERE = fileURLToPath(new URL('.', import.meta.url));

const REQUIRED: (keyof RunbookDescriptor)[] = [
  'id', 'title', 'condition', 'action', 'category', 'pattern', 'reversible', 'approval', 'targetResourceType', 'trigger',
  'blastRadius', 'cooldownMinutes', 'maxPerHour', 'sandboxScenario', 'rollbackPlan', 'eligible', 'plan',
];

function alertFor(r: RunbookDescriptor): Alert {
  return {
    id: `alert-${r.id}`, fingerprint: `fp-${r.id}`, status: 'firing', severity: 'SEV-3', source: 'config', kind: 'compliance',
    title: r.condition, resourceArn: CATALOGUE_FIXTURES[r.id]?.arn ?? '', rule: 'encrypted-volumes', labels: {}, count: 1,
    firstSeen: FIXTURE_NOW, lastSeen: FIXTURE_NOW, startsAt: FIXTURE_NOW, lastSignalId: 's1', updatedAt: FIXTURE_NOW,
  };
}

function ctxFor(r: RunbookDescriptor, environment = 'dev'): RunbookContext {
  const resource = CATALOGUE_FIXTURES[r.id];
  if (!resource) throw new Error(`no fixture for ${r.id}`);
  return { resource, alert: alertFor(r), environment, diagnostics: { now: FIXTURE_NOW } };
}

const files = readdirSync(HERE).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f.startsWith('AIOps-')).map((f) => f.replace(/\.ts$/, ''));

describe('Registry: CATALOGUE', () => {
  it('lists exactly the entry files of the catalogue directory, each once', () => {
    expect([...CATALOGUE.map((r) => r.id)].sort()).toEqual([...files].sort());
    expect(new Set(CATALOGUE.map((r) => r.id)).size).toBe(CATALOGUE.length);
  });

  it('holds the 17 catalogue rows, the two extra seed-000 runbooks, the five scheduled tasks and the nine cost right-sizing actions', () => {
    expect(CATALOGUE.length).toBe(33);
    expect(CATALOGUE.filter((r) => r.trigger.rule?.startsWith('cost-recommendation:')).length).toBe(9);
    expect(CATALOGUE.filter((r) => r.pattern === 'scheduled').length).toBe(5);
    for (const id of ['AIOps-RestartECSService', 'AIOps-ScaleOutEC2ASG', 'AIOps-PurgeSQSDLQ', 'AIOps-RotateLambdaAlias', 'AIOps-RDSFailover', 'AIOps-InvalidateCFCache']) {
      expect(findRunbook(id)?.ssmDocument).toBe(id);
    }
  });

  it('finds entries by id and nothing else', () => {
    expect(findRunbook('AIOps-ScaleOutEC2ASG')?.trigger).toMatchObject({ metric: 'AWS/EC2 CPUUtilization', above: 90, forMinutes: 10 });
    expect(findRunbook('AIOps-Nope')).toBeUndefined();
  });

  it('has no SSM document without a catalogue entry that names it', () => {
    const docs = readdirSync(`${ROOT}scripts/ssm`).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, ''));
    expect(docs.sort()).toEqual(CATALOGUE.flatMap((r) => (r.ssmDocument ? [r.ssmDocument] : [])).sort());
  });

  it('declares permissions for exactly the catalogue entries', () => {
    expect(Object.keys(RUNBOOK_PERMISSIONS).sort()).toEqual(CATALOGUE.map((r) => r.id).sort());
  });

  it('uses unique sandbox scenario ids', () => {
    expect(new Set(CATALOGUE.map((r) => r.sandboxScenario)).size).toBe(CATALOGUE.length);
  });
});

describe.each(CATALOGUE.map((r) => [r.id, r] as const))('Catalogue entry: %s', (id, r) => {
  it('has every descriptor field and an id that matches its file and the naming rule', () => {
    for (const f of REQUIRED) expect(r[f], `${id}.${f}`).toBeDefined();
    expect(id).toMatch(/^AIOps-[A-Z][A-Za-z0-9]+$/);
    expect(files).toContain(id);
    expect(r.title.length).toBeGreaterThan(0);
    expect(r.rollbackPlan.length).toBeGreaterThan(0);
    expect(r.sandboxScenario).toMatch(/^[a-z0-9]+(-[a-z0-9]+)+$/);
    expect(r.blastRadius.maxResources).toBe(1);
    expect(r.cooldownMinutes).toBeGreaterThan(0);
    expect(r.maxPerHour).toBeGreaterThan(0);
    expect(r.targetResourceType).toMatch(/^(\*|AWS::[A-Za-z0-9]+::[A-Za-z0-9]+)$/);
  });

  it('declares a trigger that can match something, with CloudWatch-style metric names', () => {
    const t = r.trigger;
    expect(t.metric !== undefined || t.rule !== undefined || t.source !== undefined || t.kind !== undefined).toBe(true);
    if (t.metric !== undefined) expect(t.metric).toMatch(/^[A-Za-z0-9]+(\/[A-Za-z0-9]+)? [A-Za-z0-9_]+$/);
    if (t.rule?.startsWith('^')) expect(() => new RegExp(t.rule ?? '')).not.toThrow();
  });

  it('has an SSM document when its pattern is ssm or it names one', () => {
    if (r.pattern === 'ssm') expect(r.ssmDocument).toBe(id);
    if (r.ssmDocument !== undefined) {
      expect(r.ssmDocument).toBe(id);
      expect(existsSync(`${ROOT}scripts/ssm/${r.ssmDocument}.yaml`), `scripts/ssm/${id}.yaml`).toBe(true);
    }
  });

  it('declares least-privilege IAM actions for every call of its plan, rollback and SSM document', () => {
    const declared = RUNBOOK_PERMISSIONS[id] ?? [];
    expect(declared.length).toBeGreaterThan(0);
    for (const a of declared) expect(a).toMatch(/^[a-z0-9-]+:[A-Z][A-Za-z0-9]+$/);
    const ctx = ctxFor(r);
    const used = [...r.plan(ctx), ...(r.rollback?.(ctx, ctx.resource.state) ?? [])].map((c) => c.call);
    if (r.ssmDocument) {
      const doc = parseSsmDocument(readFileSync(`${ROOT}scripts/ssm/${r.ssmDocument}.yaml`, 'utf8'));
      for (const s of doc.mainSteps) if (typeof s.inputs.Service === 'string' && typeof s.inputs.Api === 'string') used.push(`${s.inputs.Service.toLowerCase()}:${s.inputs.Api}`);
    }
    for (const c of used) expect(declared, `${id} uses ${c}`).toContain(c);
  });

  it('has a runbook page in docs/runbooks', () => {
    expect(existsSync(`${ROOT}docs/runbooks/${id}.md`), `docs/runbooks/${id}.md`).toBe(true);
  });

  it('requires approval always when irreversible, and has an executable rollback on the same target when reversible', () => {
    if (r.reversible === false) expect(r.approval).toBe('always');
    if (r.reversible === true) {
      expect(r.rollback).toBeTypeOf('function');
      const ctx = ctxFor(r);
      const calls = r.rollback?.(ctx, ctx.resource.state) ?? [];
      expect(calls.length).toBeGreaterThan(0);
      for (const c of calls) expect(c.target).toBe(ctx.resource.arn);
    }
  });

  it('is eligible on its fixture and plans calls on exactly that one resource, the same plan every time', () => {
    const ctx = ctxFor(r);
    if (r.targetResourceType !== '*') expect(ctx.resource.type).toBe(r.targetResourceType);
    expect(r.eligible(ctx)).toMatchObject({ eligible: true });
    const plan = r.plan(ctx);
    expect(plan.length).toBeGreaterThan(0);
    expect(new Set(plan.map((c) => c.target))).toEqual(new Set([ctx.resource.arn]));
    for (const c of plan) expect(c.call).toMatch(/^[a-z0-9-]+:[A-Z][A-Za-z0-9]+$/);
    expect(r.plan(ctx)).toEqual(plan);
  });

  it('fails closed on a resource whose state it cannot read', () => {
    const ctx = ctxFor(r);
    const blank: RunbookContext = { ...ctx, alert: undefined, resource: { ...ctx.resource, state: {} } };
    expect(r.eligible(blank).eligible).toBe(false);
  });

  it('never throws from eligible() whatever the state holds', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (state) => {
        const ctx = ctxFor(r);
        const res = r.eligible({ ...ctx, resource: { ...ctx.resource, state: { ...ctx.resource.state, ...state } } });
        expect(typeof res.eligible).toBe('boolean');
      }),
      { numRuns: 50 },
    );
  });

  it('plans only on the given resource whatever eligible state it is given', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...Object.keys(ctxFor(r).resource.state)), fc.oneof(fc.integer({ min: 0, max: 2000 }), fc.boolean(), fc.string())), (patch) => {
        const ctx = ctxFor(r);
        const c = { ...ctx, resource: { ...ctx.resource, state: { ...ctx.resource.state, ...patch } } };
        if (!r.eligible(c).eligible) return;
        const plan = r.plan(c);
        expect(plan.length).toBeGreaterThan(0);
        for (const call of plan) expect(call.target).toBe(c.resource.arn);
      }),
      { numRuns: 50 },
    );
  });

  it('has a valid UTC cron exactly when it is scheduled', () => {
    if (r.pattern === 'scheduled') {
      expect(r.schedule?.cron).toBeDefined();
      expect(() => new Cron(r.schedule?.cron ?? '', { paused: true, timezone: 'UTC' })).not.toThrow();
    } else {
      expect(r.schedule).toBeUndefined();
    }
  });

  it('validates on a metric of the target when it declares a validation rule', () => {
    if (!r.validate) return;
    const m = r.validate.metric(ctxFor(r).resource);
    expect(m.namespace.length).toBeGreaterThan(0);
    expect(Object.values(m.dimensions).every((v) => v.length > 0)).toBe(true);
    expect(r.validate.below !== undefined || r.validate.above !== undefined).toBe(true);
  });
});
