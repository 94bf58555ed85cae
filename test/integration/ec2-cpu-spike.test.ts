import { afterEach, describe, expect, it } from 'vitest';
import { findScenario } from '../../src/adapters/sandbox/scenarios/index.js';
import type { Alert } from '../../src/core/alerts/alert.js';
import type { Incident } from '../../src/core/incidents/incident.js';
import { AUDIT_FIELDS, verifyAuditChain } from '../../src/core/remediation/audit.js';
import type { Execution } from '../../src/core/remediation/execution.js';
import { advanceUntil, startTestPlatform, type TestPlatform } from './helpers.js';

let t: TestPlatform;
afterEach(async () => t?.cleanup());

describe('Scenario: ec2-cpu-spike end to end on a manual clock', () => {
  it('goes from fault to alarm, signal, alert, incident, orchestrated scale-out, validation, audit and resolution', async () => {
    // The foundation path alone: detection, compliance and cost are exercised by their own tests.
    t = await startTestPlatform({ features: [] });
    const { platform: p } = t;
    const asg = p.sandbox.resolve('web-asg');
    expect(asg.state.DesiredCapacity).toBe(4);

    await p.sandbox.inject(findScenario('ec2-cpu-spike').faults, 'test');
    const incidents = p.store.collection<Incident>('incidents');
    const minutesToIncident = await advanceUntil(t, async () => (await incidents.count()) > 0, 20);
    // The critical alarm needs 10 one-minute datapoints above 90 %: not before 10 virtual minutes.
    expect(minutesToIncident).toBeGreaterThanOrEqual(10);

    // Signal: a CloudWatch alarm state change, normalized.
    const signals = await p.store.collection<{ id: string; source: string; rule?: string; state: string; metric?: string }>('signals').find();
    const alarmSignal = signals.find((s) => s.rule === 'staging-web-cpu-utilization-critical');
    expect(alarmSignal).toMatchObject({ source: 'cloudwatch-alarm', state: 'firing', metric: 'AWS/EC2 CPUUtilization' });

    // Alert: deduplicated, firing, with the seed severity for a critical EC2 CPU alarm.
    const alerts = await p.store.collection<Alert>('alerts').find({ where: { status: 'firing' } });
    const alert = alerts.find((a) => a.rule === 'staging-web-cpu-utilization-critical')!;
    expect(alert).toBeDefined();
    expect(alert.count).toBe(1);

    const [incident] = await incidents.find();
    expect(incident!.severity).toBe(alert.severity);
    // Critical in a non-production account: SEV-3 by the default severity rules (SEV-2 in prod).
    expect(incident!.severity).toBe('SEV-3');
    expect(alert.level).toBe('critical');

    // The runbook runs through the orchestrator and finishes.
    const executions = p.store.collection<Execution>('executions');
    await advanceUntil(t, async () => (await executions.find()).some((e) => e.endedAt !== undefined), 20);
    const [exec] = await executions.find();
    expect(exec).toMatchObject({ runbookId: 'AIOps-ScaleOutEC2ASG', status: 'SUCCEEDED', outcome: 'SUCCESS', targetResource: asg.arn, incidentId: incident!.id, operator: 'automated' });
    expect(exec!.statesVisited).toEqual(['CollectDiagnostics', 'EligibilityCheck', 'IsEligible', 'Execute', 'WaitForEffect', 'ValidateRemediation', 'MarkSuccess', 'Record']);

    // The ASG grew by 25 % and CPU came back under the threshold.
    expect(p.sandbox.resolve('web-asg').state.DesiredCapacity).toBe(5);
    const now = t.clock.now();
    const [cpu] = await p.sandbox.metrics.getMetricData([{ id: 'c', metric: { namespace: 'AWS/EC2', metricName: 'CPUUtilization', dimensions: { AutoScalingGroupName: 'web-asg' } }, stat: 'Average', period: 60 }], now - 3 * 60_000, now);
    expect(Math.max(...cpu!.values.slice(-2))).toBeLessThan(90);

    // AutomationAuditLog: every record carries all nine fields; the chain verifies.
    const audit = await p.store.audit.list({ executionId: exec!.id });
    expect(audit.map((a) => a.outcome)).toEqual(['SUCCESS', 'SUCCESS']);
    for (const r of audit) for (const f of AUDIT_FIELDS) expect(r[f], f).toBeTruthy();
    expect(audit.find((a) => a.action.startsWith('autoscaling:SetDesiredCapacity'))).toMatchObject({ runbook: 'AIOps-ScaleOutEC2ASG', targetResource: asg.arn, operator: 'automated' });
    expect(verifyAuditChain(await p.store.audit.scan()).ok).toBe(true);

    // The alarm clears, the alert resolves and the incident reaches Resolution with a full timeline.
    await advanceUntil(t, async () => (await incidents.get(incident!.id))!.status === 'resolved', 10);
    const resolved = (await incidents.get(incident!.id))!;
    const phases = resolved.timeline.filter((e) => e.kind === 'phase').map((e) => e.phase);
    expect(phases).toEqual(['Detection', 'Triage', 'Investigation', 'Remediation', 'Resolution']);
    expect(resolved.timeline.some((e) => e.kind === 'execution' && e.message.includes('validated'))).toBe(true);
  });
});
