import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { NotFoundError } from '../../core/shared/errors.js';
import type { ServerContext } from '../context.js';

const idParams = z.object({ id: z.string().min(1) });
const listQuery = z.object({
  status: z.enum(['open', 'dismissed', 'approved', 'resolved']).optional(),
  ruleId: z.string().min(1).optional(),
  resourceType: z.string().min(1).optional(),
  minSavingsUsd: z.coerce.number().min(0).optional(),
  automatable: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
const dismissBody = z.object({ reason: z.string().trim().min(1, 'a dismissal needs a reason').max(2000) });
const reportQuery = z.object({ format: z.enum(['json', 'markdown', 'html']).default('json') });
const spendQuery = z.object({
  days: z.coerce.number().int().min(1).max(365).default(30),
  /** `service`, `account` or `tag:<key>` for a configured cost-allocation tag (e.g. `tag:team`); the feature validates the key. */
  groupBy: z.string().min(1).max(140).default('service'),
});
const spikeBody = z
  .object({ service: z.string().min(1).optional(), factor: z.number().positive().max(100).optional(), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(), days: z.number().int().min(1).max(31).optional() })
  .default({});

/** Cost intelligence: recommendations (dismiss, dry run, FinOps approval), the daily report, daily spend. */
export function costRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    const cost = () => ctx.platform.features.cost;

    app.get('/cost/recommendations', { schema: { tags: ['cost'], querystring: listQuery } }, async (req) => {
      const { automatable, ...rest } = req.query;
      const items = await cost().listRecommendations({ ...rest, ...(automatable ? { automatable: automatable === 'true' } : {}) });
      return { items, totalMonthlySavingsUsd: Math.round(items.filter((d) => d.status === 'open').reduce((a, d) => a + d.monthlySavingsUsd, 0) * 100) / 100 };
    });

    app.get('/cost/recommendations/:id', { schema: { tags: ['cost'], params: idParams } }, async (req) => cost().getRecommendation(req.params.id));

    app.post('/cost/recommendations/:id/dismiss', { schema: { tags: ['cost'], params: idParams, body: dismissBody }, preHandler: ctx.role('operator') }, async (req) =>
      cost().dismiss(req.params.id, req.body.reason, req.principal!.name),
    );

    app.post('/cost/recommendations/:id/dry-run', { schema: { tags: ['cost'], params: idParams }, preHandler: ctx.role('operator') }, async (req, reply) =>
      reply.code(202).send(await cost().dryRun(req.params.id, req.principal!.name)),
    );

    app.post(
      '/cost/recommendations/:id/approve',
      { schema: { tags: ['cost'], params: idParams, description: 'FinOps approval: starts the runbook, which then waits for a human decision in the Approvals page' }, preHandler: ctx.role('approver') },
      async (req, reply) => reply.code(202).send(await cost().approve(req.params.id, req.principal!.name)),
    );

    app.get('/cost/report', { schema: { tags: ['cost'], querystring: reportQuery } }, async (req, reply) => {
      const doc = await cost().latestReport();
      if (!doc) throw new NotFoundError('cost report', 'latest');
      if (req.query.format === 'markdown') return reply.type('text/markdown; charset=utf-8').send(doc.markdown);
      if (req.query.format === 'html') return reply.type('text/html; charset=utf-8').send(doc.html);
      return doc.report;
    });

    app.post('/cost/report', { schema: { tags: ['cost'], description: 'Generate today\'s report now (the schedule runs it at 03:00 UTC)' }, preHandler: ctx.role('operator') }, async () => (await cost().dailyReport()).report);

    app.get(
      '/cost/spend',
      { schema: { tags: ['cost'], querystring: spendQuery, description: 'Daily USD grouped by service, account or tag:<key> (a configured cost-allocation tag), with the spend anomalies per group' } },
      async (req) => cost().spendBy({ days: req.query.days, groupBy: req.query.groupBy }),
    );

    app.post('/cost/analyze', { schema: { tags: ['cost'] }, preHandler: ctx.role('operator') }, async () => cost().analyze());

    app.post('/cost/spend-spike', { schema: { tags: ['cost'], body: spikeBody, description: 'Sandbox: plant a spend spike in the generated bill (default EC2 ×3 yesterday)' }, preHandler: ctx.role('operator') }, async (req, reply) =>
      reply.code(201).send(await cost().injectSpendSpike(req.body ?? {}, req.principal!.name)),
    );
  };
}
