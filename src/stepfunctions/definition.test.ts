import { describe, expect, it } from 'vitest';
import validator from 'asl-validator';
import { loadOrchestratorDefinition, localSubstitutions, ORCHESTRATOR_TASK_STATES } from './definition.js';

describe('ASL: RemediationOrchestrator', () => {
  const definition = loadOrchestratorDefinition(localSubstitutions());

  it('is a valid Amazon States Language definition', async () => {
    const { isValid, errors } = validator(definition);
    expect(errors).toEqual([]);
    expect(isValid).toBe(true);
  });

  it('has the task states of the automation pattern, each with a 300 s timeout and at most 3 retries per error class', () => {
    for (const s of ORCHESTRATOR_TASK_STATES) expect(definition.States[s]?.Type).toBe('Task');
    for (const s of ORCHESTRATOR_TASK_STATES.filter((x) => x !== 'RequestApproval')) {
      const st = definition.States[s]!;
      expect(st.TimeoutSeconds).toBe(300);
      const generic = (st.Retry as { ErrorEquals: string[]; MaxAttempts: number }[]).find((r) => r.ErrorEquals.includes('States.TaskFailed'));
      expect(generic?.MaxAttempts).toBe(3);
    }
  });

  it('routes every failure through Record, so every outcome is audited', () => {
    const reachesRecord = (name: string, seen = new Set<string>()): boolean => {
      if (name === 'Record') return true;
      if (seen.has(name)) return false;
      seen.add(name);
      const st = definition.States[name]!;
      const nexts = [st.Next, st.Default, ...((st.Choices as { Next: string }[] | undefined) ?? []).map((c) => c.Next), ...((st.Catch as { Next: string }[] | undefined) ?? []).map((c) => c.Next)].filter(Boolean) as string[];
      return nexts.length > 0 && nexts.every((n) => reachesRecord(n, new Set(seen)));
    };
    for (const name of Object.keys(definition.States)) expect(reachesRecord(name), name).toBe(true);
    for (const [name, st] of Object.entries(definition.States)) if (st.Type === 'Task' && name !== 'Record') expect(st.Catch, `${name} must catch`).toBeDefined();
  });

  it('asks a human through a task-token callback before Execute when approval is needed', () => {
    const choice = definition.States.IsEligible as { Choices: { Variable: string; Next: string }[] };
    expect(choice.Choices.find((c) => c.Variable === '$.eligibility.needsApproval')?.Next).toBe('RequestApproval');
    expect(definition.States.RequestApproval!.Resource).toBe('arn:aws:states:::lambda:invoke.waitForTaskToken');
    expect((definition.States.IsApproved as { Default: string }).Default).toBe('MarkRejected');
  });
});
