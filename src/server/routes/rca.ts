import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { NotFoundError } from '../../core/shared/errors.js';
import type { ServerContext } from '../context.js';

const idParams = z.object({ id: z.string().min(1) });
const actionItem = z.object({
  id: z.string().min(1),
  title: z.string().min(1).max(300),
  detail: z.string().max(5000),
  priority: z.enum(['P1', 'P2', 'P3']),
  dueDays: z.number().int().min(0).max(365),
  owner: z.string().max(200).optional(),
  source: z.string().max(200),
});
const editBody = z
  .object({
    markdown: z.string().min(1).max(500_000).optional(),
    actionItems: z.array(actionItem).max(100).optional(),
    status: z.enum(['draft', 'in-review']).optional(),
  })
  .refine((b) => b.markdown !== undefined || b.actionItems !== undefined || b.status !== undefined, 'give markdown, actionItems or status');

/**
 * RCA reports and post-mortems: `/incidents/:id/rca` (latest report; POST re-runs it),
 * `/postmortems` (list, draft, view, edit, publish, export), `/reports/response` (MTTA/MTTD/MTTR).
 */
export function rcaRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    // read per request: a platform without this feature answers 404 instead of failing to start
    const rca = () => ctx.platform.features.rca;

    app.get('/incidents/:id/rca', { schema: { tags: ['rca'], params: idParams } }, async (req) => {
      const doc = await rca().latestReport(req.params.id);
      if (!doc) throw new NotFoundError('rca report for incident', req.params.id);
      return doc;
    });

    app.post('/incidents/:id/rca', { schema: { tags: ['rca'], params: idParams }, preHandler: ctx.role('operator') }, async (req, reply) => {
      const { report } = await rca().analyzeIncident(req.params.id);
      const doc = await rca().latestReport(req.params.id);
      return reply.code(201).send(doc ?? { incidentId: req.params.id, report });
    });

    app.get('/postmortems', { schema: { tags: ['postmortems'], querystring: z.object({ status: z.enum(['draft', 'in-review', 'published']).optional(), incidentId: z.string().min(1).optional() }) } }, async (req) => {
      const items = await rca().list({ ...(req.query.status ? { status: req.query.status } : {}), ...(req.query.incidentId ? { incidentId: req.query.incidentId } : {}) });
      return { items: items.map(({ markdown: _m, ...rest }) => rest) };
    });

    app.post('/postmortems', { schema: { tags: ['postmortems'], body: z.object({ incidentId: z.string().min(1) }) }, preHandler: ctx.role('operator') }, async (req, reply) => {
      return reply.code(201).send(await rca().draftFor(req.body.incidentId));
    });

    app.get('/postmortems/:id', { schema: { tags: ['postmortems'], params: idParams } }, async (req) => rca().get(req.params.id));

    app.put('/postmortems/:id', { schema: { tags: ['postmortems'], params: idParams, body: editBody }, preHandler: ctx.role('operator') }, async (req) => {
      return rca().edit(req.params.id, req.body, req.principal!.name);
    });

    app.post('/postmortems/:id/publish', { schema: { tags: ['postmortems'], params: idParams }, preHandler: ctx.role('operator') }, async (req) => {
      return rca().publish(req.params.id, req.principal!.name);
    });

    app.get('/postmortems/:id/export', { schema: { tags: ['postmortems'], params: idParams } }, async (req, reply) => {
      const d = await rca().get(req.params.id);
      return reply.type('text/markdown; charset=utf-8').header('content-disposition', `attachment; filename="${d.id}.md"`).send(d.markdown);
    });

    app.get('/postmortems/:id/action-items', { schema: { tags: ['postmortems'], params: idParams, querystring: z.object({ repo: z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'owner/name').optional() }) } }, async (req) => {
      return rca().exportActionItems(req.params.id, req.query.repo);
    });

    app.get('/reports/response', { schema: { tags: ['rca'], querystring: z.object({ since: z.string().datetime().optional(), until: z.string().datetime().optional(), bucket: z.enum(['day', 'week', 'month', 'all']).optional() }) } }, async (req) => {
      return { items: await rca().responseReport({ ...(req.query.since ? { since: req.query.since } : {}), ...(req.query.until ? { until: req.query.until } : {}), ...(req.query.bucket ? { bucket: req.query.bucket } : {}) }) };
    });
  };
}
