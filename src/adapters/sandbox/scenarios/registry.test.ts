import { describe, expect, it } from 'vitest';
import { CATALOGUE, findRunbook } from '../../../core/remediation/catalogue/index.js';
import { parseOrThrow } from '../../../core/shared/zod.js';
import { FaultSpecSchema } from '../faults/schema.js';
import { defaultFleet } from '../../sandbox/fleet.js';
import { metricsFor } from '../metric-catalog.js';
import { SCENARIOS, findScenario } from './index.js';

const fleet = defaultFleet();
const byRef = (ref: string) => fleet.find((r) => r.arn === ref || r.id === ref || r.name === ref);

describe('Registry: sandbox scenarios', () => {
  it('has a scenario for every catalogue entry, and every scenario names a catalogue runbook', () => {
    for (const r of CATALOGUE) expect(() => findScenario(r.sandboxScenario), r.id).not.toThrow();
    for (const s of SCENARIOS) {
      const runbook = findRunbook(s.expected.runbook);
      expect(runbook, s.id).toBeDefined();
      expect(runbook!.sandboxScenario, s.id).toBe(s.id);
    }
    expect(new Set(SCENARIOS.map((s) => s.id)).size).toBe(SCENARIOS.length);
  });

  it.each(SCENARIOS.map((s) => [s.id, s] as const))('%s: faults validate and name real resources and metrics', (_id, s) => {
    s.faults.forEach((f, i) => {
      const spec = parseOrThrow(FaultSpecSchema, f, `faults.${i}`);
      const r = byRef(spec.resource);
      expect(r, `faults.${i}.resource`).toBeDefined();
      if (spec.type === 'metric') expect(metricsFor(r!, fleet).map((d) => d.id.metricName)).toContain(spec.metric);
    });
    expect(byRef(s.expected.targetState.resource), 'targetState.resource').toBeDefined();
  });

  it.each(SCENARIOS.map((s) => [s.id, s] as const))('%s: matches its entry’s kind (scheduled ⇔ no fault-driven signal, approval as the entry says)', (_id, s) => {
    const runbook = findRunbook(s.expected.runbook)!;
    const scheduled = runbook.pattern === 'scheduled';
    expect(s.expected.rule?.startsWith('schedule:') ?? false).toBe(scheduled);
    if (scheduled) expect(s.expected.rule).toBe(runbook.trigger.rule);
    else expect(s.faults.length).toBeGreaterThan(0);
    expect(s.expected.alarm !== undefined || s.expected.rule !== undefined).toBe(true);
    // In the staging sandbox only `always` entries ask a human.
    expect(s.expected.needsApproval).toBe(runbook.approval === 'always');
    // The target is of the entry's resource type.
    if (runbook.targetResourceType !== '*') expect(byRef(s.expected.targetState.resource)!.type).toBe(runbook.targetResourceType);
  });
});
