import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { SystemClock } from '../../adapters/local/clocks.js';
import { AwsCloud } from '../../adapters/aws/cloud.js';
import { DynamoStore } from '../../adapters/aws/dynamodb-store.js';
import { EventBridgeBus } from '../../adapters/aws/event-bus.js';
import { CloudWatchLogs } from '../../adapters/aws/logs.js';
import { createRcaService, type RcaService } from '../../app/rca/index.js';
import type { Incident } from '../../core/incidents/incident.js';
import type { TopologyEdge } from '../../core/rca/topology.js';
import { SEVERITIES, type Severity } from '../../core/shared/severity.js';
import { parseOrThrow } from '../../core/shared/zod.js';
import type { EventBus } from '../../ports/event-bus.js';
import type { Store } from '../../ports/store.js';

/** The EventBridge envelope of a platform event (detail = `{ eventId, payload }`, see EventBridgeBus). */
const EnvelopeSchema = z.object({
  id: z.string().optional(),
  'detail-type': z.string().min(1),
  detail: z.object({ eventId: z.string().optional(), payload: z.object({ incidentId: z.string().min(1) }) }),
});
export type LogAnalyzerEvent = z.input<typeof EnvelopeSchema>;

const TopologySchema = z.array(z.object({ from: z.string().min(1), to: z.string().min(1) }));

export type LogAnalyzerResult =
  | { action: 'analyzed'; incidentId: string; reportId: string; topCauses: { kind: string; title: string; confidence: number }[]; escalatedTo?: Severity; gaps: string[] }
  | { action: 'postmortem'; incidentId: string; postmortemId?: string }
  | { action: 'ignored'; incidentId: string; reason: string };

export interface LogAnalyzerDeps {
  rca: RcaService;
  store: Store;
  /** Publishes `IncidentUpdated` after the report is recorded (omit to skip). */
  bus?: EventBus;
  topology?: TopologyEdge[];
}

/**
 * The RCA use case behind EventBridge: `IncidentOpened` → analyze the incident's CloudWatch Logs
 * and CloudTrail changes, store the report, put it on the timeline and escalate on critical log
 * patterns; `IncidentUpdated`/`IncidentResolved` of a resolved incident → post-mortem draft
 * (idempotent). A malformed event fails with the field named (EventBridge retries, then the DLQ).
 */
export function createLogAnalyzer(deps: LogAnalyzerDeps) {
  return async (raw: unknown): Promise<LogAnalyzerResult> => {
    const event = parseOrThrow(EnvelopeSchema, raw, 'event');
    const incidentId = event.detail.payload.incidentId;
    const type = event['detail-type'];
    if (type === 'IncidentOpened') {
      const { report, incident } = await deps.rca.analyzeAndRecord(incidentId, deps.topology ? { topology: deps.topology } : {});
      const reportId = (await deps.rca.latestReport(incidentId))?.id ?? '';
      await deps.bus?.publish('IncidentUpdated', { incidentId }, `IncidentUpdated:${incidentId}:${incident.version ?? 0}`);
      return {
        action: 'analyzed',
        incidentId,
        reportId,
        topCauses: report.causes.slice(0, 3).map((c) => ({ kind: c.kind, title: c.title, confidence: c.confidence })),
        ...(report.escalation ? { escalatedTo: report.escalation.severity } : {}),
        gaps: report.gaps,
      };
    }
    if (type === 'IncidentUpdated' || type === 'IncidentResolved') {
      const incident = await deps.store.collection<Incident>('incidents').get(incidentId);
      if (!incident) return { action: 'ignored', incidentId, reason: 'unknown incident' };
      if (incident.status !== 'resolved') return { action: 'ignored', incidentId, reason: 'incident still open' };
      const pm = await deps.rca.onIncidentResolved(incident);
      return { action: 'postmortem', incidentId, ...(pm ? { postmortemId: pm.id } : {}) };
    }
    return { action: 'ignored', incidentId, reason: `unhandled event ${type}` };
  };
}

/** Dependencies from the function's environment (AIOPS_ENV, EVENT_BUS_NAME, RCA_TOPOLOGY, POSTMORTEM_SEVERITIES). */
export function depsFromEnv(env: NodeJS.ProcessEnv = process.env): LogAnalyzerDeps {
  const clock = new SystemClock();
  const store = new DynamoStore({ env: env.AIOPS_ENV ?? 'dev', clientConfig: {} });
  const topology = env.RCA_TOPOLOGY ? parseOrThrow(TopologySchema, JSON.parse(env.RCA_TOPOLOGY), 'RCA_TOPOLOGY') : undefined;
  const requiredFor = env.POSTMORTEM_SEVERITIES ? parseOrThrow(z.array(z.enum(SEVERITIES)), env.POSTMORTEM_SEVERITIES.split(',').map((s) => s.trim()), 'POSTMORTEM_SEVERITIES') : undefined;
  const rca = createRcaService({ logs: new CloudWatchLogs({ clientConfig: {} }), cloud: new AwsCloud({ clientConfig: {} }), store, clock }, { ...(topology ? { rca: { topology: () => topology } } : {}), ...(requiredFor ? { postmortems: { requiredFor } } : {}) });
  const bus = env.EVENT_BUS_NAME ? new EventBridgeBus({ eventBusName: env.EVENT_BUS_NAME, clock, newId: randomUUID, clientConfig: {} }) : undefined;
  return { rca, store, ...(bus ? { bus } : {}), ...(topology ? { topology } : {}) };
}

let cached: ((raw: unknown) => Promise<LogAnalyzerResult>) | undefined;

/** Lambda entry point (clients are created once per container). */
export const handler = async (event: unknown): Promise<LogAnalyzerResult> => {
  cached ??= createLogAnalyzer(depsFromEnv());
  return cached(event);
};
