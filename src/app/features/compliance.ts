import { SANDBOX_ACCOUNT, SANDBOX_REGION } from '../../adapters/sandbox/fleet.js';
import type { Alert } from '../../core/alerts/alert.js';
import { CATALOGUE } from '../../core/remediation/catalogue/index.js';
import type { Signal } from '../../core/events/signal.js';
import { complianceJobs, createComplianceService, type ComplianceService } from '../compliance/index.js';
import type { StoredSignal } from '../alerting/records.js';
import { ComplianceInventoryCloud, sandboxAccountRecord } from './compliance-inventory.js';
import type { PlatformCore } from './core.js';

/** Change events already rescanned, by id with their event time (pruned past the look-back window). */
interface ChangeCursor {
  id: string;
  updatedAt: string;
  seen: Record<string, string>;
}

const CURSOR_ID = 'compliance:change-cursor';
/** Signals carrying configuration changes: CloudTrail API calls and Config compliance/item changes. */
const CHANGE_SOURCES = ['cloudtrail', 'config'] as const;
/** Signals are sorted by event time; CloudTrail delivers events minutes after they happened, so each pass looks back this far. */
const LOOK_BACK_MS = 20 * 60_000;

export interface ComplianceFeature extends ComplianceService {
  /** Rescans what CloudTrail/Config signals stored since the last call touched; returns how many events it looked at. */
  rescanChanges(): Promise<{ events: number; rescanned: number }>;
}

/**
 * Compliance on the local platform: the scan service over the sandbox (translated to the inventory
 * shapes), a full scan every 15 minutes of platform time, a rescan every platform minute of what
 * the CloudTrail/Config events ingested since then touched, failed checks as Signals into alerting,
 * and the catalogue remediation linked to a finding offered on its incident (the runbook's own
 * approval rule applies: the irreversible ones wait for a human).
 */
export async function installCompliance(core: PlatformCore): Promise<ComplianceFeature> {
  const { store, clock, scheduler, sandbox, alerting, remediation, bus, log } = core;
  const account = sandboxAccountRecord(SANDBOX_ACCOUNT, SANDBOX_REGION);
  const cloud = new ComplianceInventoryCloud(sandbox.cloud, () => account);
  const emit = async (signal: Signal): Promise<void> => {
    const r = await alerting.ingest(signal, { via: 'bus' });
    if (r.status === 'quarantined') throw new Error(`signal ${signal.id} rejected: ${r.error?.field} ${r.error?.reason}`);
  };
  const service = createComplianceService({ cloud, store, clock, emit });
  for (const job of complianceJobs(service)) scheduler.add(job);

  const signals = store.collection<StoredSignal>('signals');
  const settings = store.collection<ChangeCursor>('settings');
  const nowIso = () => new Date(clock.now()).toISOString();

  /**
   * The alerting service stores every ingested event as a Signal but publishes nothing for
   * `info` ones (a CloudTrail change never makes an alert), so the change feed is read from the
   * store: whatever the ingestion path (sandbox, API, EventBridge), the rescan follows within a minute.
   */
  async function rescanChanges(): Promise<{ events: number; rescanned: number }> {
    const cursor = (await settings.get(CURSOR_ID)) ?? { id: CURSOR_ID, updatedAt: nowIso(), seen: {} };
    const since = new Date(clock.now() - LOOK_BACK_MS).toISOString();
    const fresh = (await Promise.all(CHANGE_SOURCES.map((source) => signals.find({ where: { source }, since, order: 'asc' }))))
      .flat()
      .filter((s) => !(s.id in cursor.seen))
      .sort((a, b) => a.time.localeCompare(b.time));
    const touched = new Set<string>();
    for (const s of fresh) {
      const result = await service.onChange(s.raw ?? s);
      if ('touched' in result) for (const arn of result.touched) touched.add(arn);
    }
    const seen = Object.fromEntries([...Object.entries(cursor.seen).filter(([, t]) => t >= since), ...fresh.map((s) => [s.id, s.time] as const)]);
    await settings.put({ id: CURSOR_ID, updatedAt: nowIso(), seen });
    return { events: fresh.length, rescanned: touched.size };
  }
  scheduler.add({ name: 'compliance-change-scan', cron: '* * * * *', run: async () => void (await rescanChanges()) });

  // A firing compliance alert offers the remediation its check links to, on the alert's incident.
  bus.subscribe<{ alertId: string }>('alert.updated', async (e) => {
    const alert = await store.collection<Alert>('alerts').get(e.payload.alertId);
    if (!alert || alert.source !== 'compliance' || alert.status !== 'firing' || !alert.incidentId) return;
    const runbook = CATALOGUE.find((r) => r.id === alert.labels.remediation);
    if (!runbook || runbook.targetResourceType !== alert.resourceType) return;
    try {
      await remediation.start({ runbookId: runbook.id, targetResource: alert.resourceArn, incidentId: alert.incidentId, trigger: `finding:${alert.labels.findingId ?? alert.id} ${alert.rule ?? ''}`.trim() });
    } catch (error) {
      log(`compliance: could not offer ${runbook.id} on ${alert.resourceArn}: ${String((error as Error)?.message ?? error)}`);
    }
  });

  return { ...service, rescanChanges };
}
