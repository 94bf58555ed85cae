import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Alert } from '../../core/alerts/alert.js';
import type { Incident } from '../../core/incidents/incident.js';
import type { AnomalyInput } from '../../core/rca/anomalies.js';
import type { TopologyEdge } from '../../core/rca/topology.js';
import { SEVERITIES } from '../../core/shared/severity.js';
import { parseOrThrow } from '../../core/shared/zod.js';
import type { Cloud } from '../../ports/cloud.js';
import type { Notification, Notifier } from '../../ports/notifier.js';
import { createRcaService, type PostmortemDoc, type RcaReportDoc, type RcaService } from '../rca/index.js';
import { createPostmortems } from '../rca/postmortems.js';
import { ConflictError, NotFoundError } from '../../core/shared/errors.js';
import type { PlatformCore } from './core.js';
import { RcaSandboxLogs } from './rca-sandbox-logs.js';
import { aliasEdges, resolveSandboxArn, sandboxTopology } from './rca-topology.js';

export const RcaFeatureConfigSchema = z.object({
  postmortems: z
    .object({
      /** Severities whose resolution drafts a post-mortem (the seed: SEV-1 and SEV-2). */
      requiredFor: z.array(z.enum(SEVERITIES)).default(['SEV-1', 'SEV-2']),
      dueHours: z.number().positive().optional(),
    })
    .default({ requiredFor: ['SEV-1', 'SEV-2'] }),
  /** Post-mortem reminder job (hourly by default). */
  reminderCron: z.string().min(1).default('0 * * * *'),
  /** Add the latest RCA's top causes to incident notifications sent after the analysis. */
  enrichNotifications: z.boolean().default(true),
  /** Generated log lines per minute per sandbox log group. */
  logRatePerMinute: z.number().positive().max(2000).default(60),
});
export type RcaFeatureConfig = z.infer<typeof RcaFeatureConfigSchema>;
export type RcaFeatureConfigInput = z.input<typeof RcaFeatureConfigSchema>;

/** `<dataDir>/rca.json` when present (validated, fields named on error), else the defaults. */
export function loadRcaConfig(dataDir: string, override?: RcaFeatureConfigInput): RcaFeatureConfig {
  const file = join(dataDir, 'rca.json');
  const fromFile: unknown = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  return parseOrThrow(RcaFeatureConfigSchema, { ...(fromFile as object), ...(override ?? {}) }, 'rca');
}

/** The incident's metric alerts, read as anomalies on their resources (what the detectors saw). */
export function alertsAsAnomalies(alerts: readonly Alert[]): AnomalyInput[] {
  return alerts
    .filter((a) => a.metric)
    .map((a) => ({
      id: `alert-${a.id}`,
      resourceArn: a.resourceArn,
      metric: a.metric!,
      time: a.startsAt,
      score: a.level === 'critical' ? 0.9 : 0.7,
      ...(a.value !== undefined && a.threshold !== undefined ? { direction: a.value >= a.threshold ? ('up' as const) : ('down' as const) } : {}),
    }));
}

/** One line per top cause, for notifications. */
export function causeLines(doc: RcaReportDoc, n = 3): string[] {
  return doc.report.causes.slice(0, n).map((c) => `${c.rank}. ${c.title} (${c.kind}, ${Math.round(c.confidence * 100)}%)`);
}

/**
 * RCA and post-mortems on the local platform. On `incident.opened` the incident is analyzed over the
 * sandbox's (enriched) logs and CloudTrail-like changes, with the sandbox topology and the
 * incident's metric alerts as anomalies; the report is stored and put on the timeline, critical log
 * patterns escalate. On resolution (`incident.updated` with status `resolved`) a post-mortem is
 * drafted for the configured severities. An hourly job sends post-mortem reminders.
 */
export async function installRca(core: PlatformCore, override?: RcaFeatureConfigInput) {
  const config = loadRcaConfig(core.dataDir, override);
  const topology = (): TopologyEdge[] => sandboxTopology(core.sandbox.resources());
  const logs = new RcaSandboxLogs(core.sandbox, { topology, ratePerMinute: config.logRatePerMinute });
  const sandboxCloud = core.sandbox.cloud;
  const real = (arn: string): string => resolveSandboxArn(core.sandbox.resources(), arn)?.arn ?? arn;
  // Incident ARNs may be canonical aliases of sandbox ARNs: resolve them before reading changes.
  const cloud: Cloud = {
    listResources: (f) => sandboxCloud.listResources(f),
    describe: (arn) => sandboxCloud.describe(real(arn)),
    execute: (a) => sandboxCloud.execute(a),
    recentChanges: (arn, since) => sandboxCloud.recentChanges(real(arn), since),
  };
  const rca: RcaService = createRcaService(
    { logs, cloud, store: core.store, clock: core.clock },
    { rca: { topology }, postmortems: { requiredFor: config.postmortems.requiredFor, ...(config.postmortems.dueHours ? { dueHours: config.postmortems.dueHours } : {}) } },
  );
  const incidents = core.store.collection<Incident>('incidents');
  const alerts = core.store.collection<Alert>('alerts');

  /**
   * The incident's alert records. `incident.opened` is delivered while the alerting pipeline is
   * still storing the alert that opened it, so a missing record gets a few event-loop turns.
   */
  /** The incident's alerts (the pipeline stores them before it publishes incident.opened). */
  async function alertsOf(ids: readonly string[]): Promise<Alert[]> {
    const found = await Promise.all(ids.map((id) => alerts.get(id)));
    return found.filter((a): a is Alert => a !== undefined);
  }

  /** Runs RCA on a stored incident and records it (also the API's re-run). */
  async function analyzeIncident(incidentId: string) {
    const incident = await incidents.get(incidentId);
    // By the incident's own alert list: the alert records may not carry the incident id yet when it opens.
    const related = incident ? await alertsOf(incident.alertIds) : [];
    const anomalies = alertsAsAnomalies(related);
    const base = topology();
    const edges = incident ? [...base, ...aliasEdges(core.sandbox.resources(), incident.resourceArns, base)] : base;
    const result = await rca.analyzeAndRecord(incidentId, { anomalies, topology: edges });
    // Other features see the new timeline entry (and any escalation) like any incident change.
    await core.bus.publish('incident.updated', { incidentId }, `incident.updated:${incidentId}:${result.incident.version}`);
    return result;
  }

  core.bus.subscribe<{ incidentId: string }>('incident.opened', async (e) => {
    const { report } = await analyzeIncident(e.payload.incidentId);
    core.log(`rca: ${e.payload.incidentId}: ${report.causes[0] ? `${report.causes[0].title} (${Math.round(report.causes[0].confidence * 100)}%)` : 'no probable cause'}`);
  });

  core.bus.subscribe<{ incidentId: string }>('incident.updated', async (e) => {
    const incident = await incidents.get(e.payload.incidentId);
    // onIncidentResolved is idempotent (one post-mortem per incident, never overwritten).
    if (incident?.status === 'resolved') await rca.onIncidentResolved(incident);
  });

  async function sendReminders(): Promise<number> {
    const due = await rca.reminders();
    for (const r of due) {
      await core.notifiers.outbox?.notify({ key: `postmortem-reminder:${r.postmortemId}:${r.at}`, receiver: 'postmortem-owners', action: 'info', title: `Post-mortem reminder: ${r.incidentId}`, summary: r.message, incidentId: r.incidentId, link: `/postmortems/${r.postmortemId}` });
      await rca.markReminded(r.postmortemId, r.at);
    }
    return due.length;
  }
  core.scheduler.add({ name: 'postmortem-reminders', cron: config.reminderCron, run: async () => void (await sendReminders()) });

  if (config.enrichNotifications) {
    // The dispatcher looks notifiers up by receiver at delivery time, so wrapping the shared record
    // adds the causes to every incident notification sent once a report exists.
    for (const [name, notifier] of Object.entries(core.notifiers)) core.notifiers[name] = withProbableCauses(notifier, (id) => rca.latestReport(id));
  }

  // An operator may ask for a post-mortem of any resolved incident, whatever its severity.
  const onDemand = createPostmortems({ store: core.store, clock: core.clock }, { requiredFor: SEVERITIES, ...(config.postmortems.dueHours ? { dueHours: config.postmortems.dueHours } : {}) });
  /** Drafts (or returns the existing) post-mortem of a resolved incident. */
  async function draftFor(incidentId: string): Promise<PostmortemDoc> {
    const incident = await incidents.get(incidentId);
    if (!incident) throw new NotFoundError('incident', incidentId);
    if (incident.status !== 'resolved') throw new ConflictError(`incident ${incidentId} is still open: post-mortems are drafted after resolution`);
    return (await onDemand.onIncidentResolved(incident))!;
  }

  return { ...rca, config, logs, topology, analyzeIncident, sendReminders, draftFor };
}

export type RcaFeature = Awaited<ReturnType<typeof installRca>>;

/** A notifier that appends the incident's latest probable causes to the summary and details. */
export function withProbableCauses(inner: Notifier, latest: (incidentId: string) => Promise<RcaReportDoc | undefined>): Notifier {
  return {
    kind: inner.kind,
    async notify(n: Notification) {
      if (!n.incidentId || n.action === 'info' || n.action === 'approval') return inner.notify(n);
      let doc: RcaReportDoc | undefined;
      try {
        doc = await latest(n.incidentId);
      } catch {
        doc = undefined;
      }
      if (!doc || doc.report.causes.length === 0) return inner.notify(n);
      const lines = causeLines(doc);
      return inner.notify({ ...n, summary: `${n.summary}\nProbable causes: ${lines.join('; ')}`, details: { ...(n.details ?? {}), probableCauses: lines, rcaReportId: doc.id } });
    },
  };
}
