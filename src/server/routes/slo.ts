import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Alert } from '../../core/alerts/alert.js';
import type { Incident } from '../../core/incidents/incident.js';
import { ValidationError } from '../../core/shared/errors.js';
import { windowLabel } from '../../core/slo/burn/windows.js';
import { sloResource } from '../../core/slo/signals.js';
import type { SloDefinition } from '../../core/slo/spec/model.js';
import type { SpecSource } from '../../core/slo/spec/parse.js';
import type { SloEvaluation, SloHistoryPoint, StoredSlo } from '../../app/slo/index.js';
import type { ServerContext } from '../context.js';

const idParams = z.object({ id: z.string().min(1) });
const historyQuery = z.object({
  since: z.string().datetime().optional(),
  until: z.string().datetime().optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(2000),
});
const sparkQuery = z.object({ points: z.coerce.number().int().min(0).max(2000).default(48) });
const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml'];

/**
 * A spec in any of the accepted request shapes: YAML text (a YAML content type or text/plain),
 * `{ spec: "<yaml>", name? }`, one OpenSLO document as JSON, or an array of documents.
 * JSON is YAML, so documents are handed to the same parser as the spec files.
 */
export function specSources(body: unknown): SpecSource[] {
  if (typeof body === 'string') {
    if (!body.trim()) throw new ValidationError('body', 'an OpenSLO spec is required (YAML text or JSON documents)');
    return [{ name: 'request', text: body }];
  }
  if (Array.isArray(body)) {
    if (body.length === 0) throw new ValidationError('body', 'an array of OpenSLO documents must not be empty');
    return [{ name: 'request', text: body.map((d) => JSON.stringify(d)).join('\n---\n') }];
  }
  if (body && typeof body === 'object') {
    const rec = body as Record<string, unknown>;
    if ('spec' in rec && typeof rec.spec === 'string' && !('apiVersion' in rec)) {
      if (rec.name !== undefined && typeof rec.name !== 'string') throw new ValidationError('body.name', 'must be a string');
      return specSources(rec.spec).map((s) => ({ ...s, name: (rec.name as string | undefined) ?? s.name }));
    }
    return [{ name: 'request', text: JSON.stringify(rec) }];
  }
  throw new ValidationError('body', 'an OpenSLO spec is required (YAML text or JSON documents)');
}

/** What a client needs of a definition: identity, objective, window and alert rules. */
export function definitionSummary(d: SloDefinition) {
  return {
    id: d.id,
    service: d.service,
    displayName: d.displayName,
    target: d.target,
    budgeting: d.budgeting,
    window: d.window.kind === 'rolling' ? `${windowLabel(d.window.durationMs)} rolling` : 'calendar month',
    sliKind: d.sli.kind,
    alertRules: d.alertRules.map((r) => ({ name: r.name, severity: r.severity, factor: r.factor, longWindow: windowLabel(r.longWindowMs), shortWindow: windowLabel(r.shortWindowMs) })),
    ...(d.owner ? { owner: d.owner } : {}),
  };
}

function statusOf(doc: StoredSlo, e: SloEvaluation) {
  return {
    ...definitionSummary(doc.definition),
    state: e.state,
    ...(e.error ? { error: e.error } : {}),
    evaluatedAt: e.at,
    sli: e.sli,
    errorRatio: e.errorRatio,
    budgetRemaining: e.budgetRemaining,
    burnRates: e.burnRates,
    timeToExhaustionMs: e.timeToExhaustionMs,
    alerts: e.alerts,
    firing: e.firing,
    remediationFrozen: e.remediationFrozen,
  };
}

export function sloRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    // read per request: a platform without this feature answers 404 instead of failing to start
    const slo = () => ctx.platform.features.slo;
    const alerts = ctx.platform.store.collection<Alert>('alerts');
    const incidents = ctx.platform.store.collection<Incident>('incidents');
    const history = ctx.platform.store.collection<SloHistoryPoint>('sloHistory');
    app.addContentTypeParser(YAML_TYPES, { parseAs: 'string' }, (_req, body, done) => done(null, body));

    app.get('/slos', { schema: { tags: ['slos'], querystring: sparkQuery } }, async (req) => {
      const docs = await slo().list();
      const items = [];
      for (const doc of docs) {
        // The last points of budget-burn history, for the list's sparklines (burn rate per long window).
        const points = (await history.find({ where: { sloId: doc.id }, order: 'desc', limit: req.query.points })).reverse();
        const windows = doc.definition.alertRules.map((r) => windowLabel(r.longWindowMs));
        const sparkline = { at: points.map((p) => p.at), budgetRemaining: points.map((p) => p.budgetRemaining), burnRates: Object.fromEntries(windows.map((w) => [w, points.map((p) => p.burnRates[w] ?? null)])) };
        items.push({ ...statusOf(doc, await slo().status(doc)), sparkline });
      }
      return { items };
    });

    app.get('/slos/:id', { schema: { tags: ['slos'], params: idParams, querystring: historyQuery } }, async (req) => {
      const doc = await slo().get(req.params.id);
      // History appears at once for an SLO whose backfill has not run yet.
      await slo().ensureBackfilled(doc.id);
      const history = await slo().history(doc.id, { limit: req.query.limit, ...(req.query.since ? { since: req.query.since } : {}), ...(req.query.until ? { until: req.query.until } : {}) });
      // The incidents its burn alerts opened, and the service's other incidents for context.
      const burnAlerts = await alerts.find({ where: { resourceArn: sloResource(doc) }, order: 'desc', limit: 100 });
      const ids = [...new Set(burnAlerts.map((a) => a.incidentId).filter((i): i is string => Boolean(i)))];
      const burned = (await Promise.all(ids.map((id) => incidents.get(id)))).filter((i): i is Incident => Boolean(i));
      const service = await incidents.find({ where: { service: doc.service }, order: 'desc', limit: 20 });
      const brief = (i: Incident) => ({ id: i.id, title: i.title, severity: i.severity, status: i.status, phase: i.phase, openedAt: i.openedAt, ...(i.resolvedAt ? { resolvedAt: i.resolvedAt } : {}) });
      return {
        ...statusOf(doc, await slo().status(doc)),
        definition: doc.definition,
        history,
        burnAlerts: burnAlerts.map((a) => ({ id: a.id, rule: a.rule, status: a.status, severity: a.severity, lastSeen: a.lastSeen, incidentId: a.incidentId })),
        incidents: burned.map(brief),
        serviceIncidents: service.map(brief),
      };
    });

    app.post('/slos/check', { schema: { tags: ['slos'] } }, async (req) => {
      const slos = slo().check(specSources(req.body));
      return { valid: true, slos: slos.map(definitionSummary) };
    });

    app.post('/slos', { schema: { tags: ['slos'] }, preHandler: ctx.role('operator') }, async (req, reply) => {
      const created = await slo().create(specSources(req.body));
      reply.code(201);
      return { items: created.map((doc) => (doc.last ? statusOf(doc, doc.last) : definitionSummary(doc.definition))) };
    });

    app.delete('/slos/:id', { schema: { tags: ['slos'], params: idParams }, preHandler: ctx.role('operator') }, async (req) => {
      await slo().remove(req.params.id);
      return { deleted: req.params.id };
    });
  };
}
