import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CHECK_SEVERITIES } from '../../core/compliance/check.js';
import { EXPORT_CONTENT_TYPES, EXPORT_FORMATS, exportFindings } from '../../core/compliance/exports/index.js';
import type { ComplianceFinding } from '../../core/compliance/findings/finding.js';
import { FRAMEWORK_IDS } from '../../core/compliance/frameworks/index.js';
import { NotFoundError } from '../../core/shared/errors.js';
import type { ServerContext } from '../context.js';

const severity = z
  .string()
  .transform((s) => s.toUpperCase())
  .pipe(z.enum(CHECK_SEVERITIES));
const framework = z
  .string()
  .transform((s) => s.toLowerCase())
  .pipe(z.enum(FRAMEWORK_IDS));
const findingsQuery = z.object({
  severity: severity.optional(),
  status: z.enum(['open', 'suppressed', 'resolved']).optional(),
  framework: framework.optional(),
  check: z.string().min(1).optional(),
  resource: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
});
const idParams = z.object({ id: z.string().min(1) });
const suppressBody = z.object({
  reason: z.string().trim().min(1, 'give the reason for suppressing').max(1000),
  until: z.iso.datetime({ offset: true }).optional(),
});
const scanBody = z.object({ framework: framework.optional(), severity: severity.optional() }).default({});

/** Findings mapped to a framework carry its control ids (ASFF RelatedRequirements). */
const inFramework = (f: ComplianceFinding, fw: string | undefined) => !fw || (f.frameworks[fw as keyof ComplianceFinding['frameworks']]?.length ?? 0) > 0;

export function complianceRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    const compliance = () => ctx.platform.features.compliance;
    const find = async (q: z.infer<typeof findingsQuery>) => {
      const items = await compliance().listFindings({ ...(q.status ? { status: q.status } : {}), ...(q.severity ? { severity: q.severity } : {}), ...(q.check ? { checkId: q.check } : {}), ...(q.resource ? { resourceArn: q.resource } : {}) });
      return items.filter((f) => inFramework(f, q.framework)).slice(0, q.limit);
    };

    app.get('/findings', { schema: { tags: ['compliance'], querystring: findingsQuery } }, async (req) => ({ items: await find(req.query) }));

    app.get('/findings/:id', { schema: { tags: ['compliance'], params: idParams } }, async (req) => {
      const f = await compliance().getFinding(req.params.id);
      if (!f) throw new NotFoundError('finding', req.params.id);
      const alerts = (await ctx.platform.store.collection<{ id: string; labels: Record<string, string>; incidentId?: string; resourceArn: string }>('alerts').find({ where: { resourceArn: f.resourceArn } })).filter((a) => a.labels.findingId === f.id);
      const incidentIds = [...new Set(alerts.map((a) => a.incidentId).filter((x): x is string => !!x))];
      const executions = (await Promise.all(incidentIds.map((incidentId) => ctx.platform.store.collection<{ id: string; runbookId: string; targetResource: string }>('executions').find({ where: { incidentId } }))))
        .flat()
        .filter((e) => e.targetResource === f.resourceArn);
      return { ...f, alerts: alerts.map((a) => a.id), incidentIds, executions };
    });

    app.post('/findings/:id/suppress', { schema: { tags: ['compliance'], params: idParams, body: suppressBody }, preHandler: ctx.role('operator') }, async (req) =>
      compliance().suppress(req.params.id, { reason: req.body.reason, by: req.principal!.name, ...(req.body.until ? { until: new Date(req.body.until).toISOString() } : {}) }),
    );

    app.delete('/findings/:id/suppress', { schema: { tags: ['compliance'], params: idParams }, preHandler: ctx.role('operator') }, async (req) => compliance().unsuppress(req.params.id));

    app.get('/compliance/scores', { schema: { tags: ['compliance'] } }, async () => ({ items: await compliance().scores() }));

    app.get('/compliance/history', { schema: { tags: ['compliance'], querystring: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(96) }) } }, async (req) => ({
      items: await compliance().history(req.query.limit),
    }));

    app.post('/compliance/scan', { schema: { tags: ['compliance'], body: scanBody }, preHandler: ctx.role('operator') }, async (req) => {
      const body = req.body ?? {};
      return compliance().scan({ ...(body.framework ? { framework: body.framework } : {}), ...(body.severity ? { severity: body.severity } : {}) });
    });

    app.get(
      '/compliance/export',
      { schema: { tags: ['compliance'], querystring: findingsQuery.extend({ format: z.enum(EXPORT_FORMATS).default('json') }) } },
      async (req, reply) => {
        const { format, ...q } = req.query;
        const body = exportFindings(format, await find(q), { generatedAt: new Date(ctx.platform.clock.now()).toISOString(), scores: await compliance().scores() });
        const ext = format === 'asff' || format === 'ocsf' ? 'json' : format === 'sarif' ? 'sarif.json' : format;
        return reply
          .header('content-type', EXPORT_CONTENT_TYPES[format])
          .header('content-disposition', `attachment; filename="findings-${format}.${ext}"`)
          .send(body);
      },
    );
  };
}
