import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../src/adapters/local/clocks.js';
import type { FaultSpecInput } from '../../src/adapters/sandbox/faults/schema.js';
import { SCENARIOS } from '../../src/adapters/sandbox/scenarios/index.js';
import { createLocalPlatform } from '../../src/app/platform.js';
import type { RcaReportDoc } from '../../src/app/rca/index.js';
import type { Incident } from '../../src/core/incidents/incident.js';
import { openIncident } from '../../src/core/incidents/lifecycle.js';
import type { CauseKind } from '../../src/core/rca/taxonomy.js';
import type { AccuracyCase } from './accuracy.js';

const MIN = 60_000;

/** The known cause of each sandbox scenario (scenarios not listed here have none and are skipped). */
export const SANDBOX_SCENARIO_CAUSES: Record<string, CauseKind> = {
  'ec2-cpu-spike': 'capacity',
};

/**
 * Sandbox cases built from fault primitives, with a known cause: the faults, then after
 * `openAfterMinutes` an incident on `incidentOn` (the affected service, which is not always where
 * the fault is) is opened the way the alerting pipeline would announce it.
 */
export const SANDBOX_PRIMITIVE_CASES: readonly { id: string; cause: CauseKind; faults: FaultSpecInput[]; incidentOn: string; openAfterMinutes: number }[] = [
  { id: 'orders-bad-deploy', cause: 'deployment', incidentOn: 'orders-processor', openAfterMinutes: 6, faults: [{ type: 'state', resource: 'orders-processor', set: { Aliases: { live: { FunctionVersion: '4', PreviousVersion: '3' } } }, eventName: 'UpdateAlias', principal: 'deploy-bot' }] },
  { id: 'orders-db-failover', cause: 'dependency-failure', incidentOn: 'orders-processor', openAfterMinutes: 4, faults: [{ type: 'state', resource: 'orders-db', set: { AvailabilityZone: 'us-east-1b', SecondaryAvailabilityZone: 'us-east-1a' }, eventName: 'FailoverDBInstance', principal: 'rds.amazonaws.com', revertAfterMinutes: 30 }] },
  { id: 'orders-bad-config', cause: 'configuration', incidentOn: 'orders-processor', openAfterMinutes: 5, faults: [{ type: 'state', resource: 'orders-processor', set: { Timeout: 3 }, eventName: 'UpdateFunctionConfiguration', principal: 'alice' }] },
  { id: 'orders-throttling', cause: 'throttling', incidentOn: 'orders-processor', openAfterMinutes: 5, faults: [{ type: 'logs', resource: 'orders-processor', template: 'ThrottlingException: Rate exceeded for table orders (request {id})', level: 'ERROR', ratePerMinute: 10, durationMinutes: 60 }] },
  { id: 'checkout-oom', cause: 'resource-exhaustion', incidentOn: 'checkout', openAfterMinutes: 5, faults: [{ type: 'logs', resource: 'checkout', template: 'java.lang.OutOfMemoryError: Java heap space (task {id})', level: 'FATAL', ratePerMinute: 4, durationMinutes: 60 }] },
  { id: 'orders-access-denied', cause: 'security', incidentOn: 'orders-processor', openAfterMinutes: 5, faults: [{ type: 'state', resource: 'orders-processor', set: { Role: 'orders-processor-role' }, eventName: 'DetachRolePolicy', principal: 'alice' }] },
];

/** Runs one case on a throw-away local platform (manual clock, temporary data directory). */
async function onPlatform(faults: FaultSpecInput[], open: { on?: string; afterMinutes?: number; waitForIncidentMinutes?: number }): Promise<RcaReportDoc['report']> {
  const dataDir = mkdtempSync(join(tmpdir(), 'aiops-bench-rca-'));
  const clock = new ManualClock('2026-11-23T10:00:00.000Z');
  // RCA alone: the other features' incidents and reports would only blur what is measured.
  const p = await createLocalPlatform({ dataDir, clock, features: ['rca'] });
  try {
    await p.start();
    await p.sandbox.inject(faults, 'bench');
    const incidents = p.store.collection<Incident>('incidents');
    const reports = p.store.collection<RcaReportDoc>('reports');
    if (open.on) {
      await clock.advance((open.afterMinutes ?? 5) * MIN);
      await p.tick();
      const r = p.sandbox.resolve(open.on);
      const id = `inc-bench-${r.name}`;
      await incidents.create(openIncident({ id, title: `${r.name} degraded`, severity: 'SEV-2', groupKey: `service=${r.tags.service ?? r.name}`, service: r.tags.service ?? r.name, resourceArns: [r.arn], alertIds: [], labels: {}, at: new Date(clock.now() - MIN).toISOString() }));
      await p.bus.publish('incident.opened', { incidentId: id }, `incident.opened:${id}`);
      await p.bus.drain();
    } else {
      for (let m = 0; m < (open.waitForIncidentMinutes ?? 30) && (await reports.count()) === 0; m++) {
        await clock.advance(MIN);
        await p.tick();
      }
    }
    const [doc] = await reports.find({ where: { kind: 'rca' }, order: 'desc' });
    if (!doc) throw new Error('no RCA report was recorded');
    return doc.report;
  } finally {
    await p.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The sandbox's own scenarios with a known cause (through the real alarm → incident path), plus the primitive cases. */
export function sandboxCases(): AccuracyCase[] {
  const scenarios = SCENARIOS.filter((s) => SANDBOX_SCENARIO_CAUSES[s.id]).map<AccuracyCase>((s) => ({ id: `sandbox:${s.id}`, kind: `sandbox:${s.id}`, cause: SANDBOX_SCENARIO_CAUSES[s.id]!, analyze: () => onPlatform(s.faults, { waitForIncidentMinutes: 30 }) }));
  const primitives = SANDBOX_PRIMITIVE_CASES.map<AccuracyCase>((c) => ({ id: `sandbox:${c.id}`, kind: `sandbox:${c.id}`, cause: c.cause, analyze: () => onPlatform(c.faults, { on: c.incidentOn, afterMinutes: c.openAfterMinutes }) }));
  return [...scenarios, ...primitives];
}
