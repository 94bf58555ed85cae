import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Execution } from '../../core/remediation/execution.js';
import { verifyAuditChain, AUDIT_FIELDS, type AuditRecord } from '../../core/remediation/audit.js';
import { CATALOGUE } from '../../core/remediation/catalogue/index.js';
import { NotFoundError } from '../../core/shared/errors.js';
import type { Approval } from '../../ports/approvals.js';
import type { ApiCore, ServerContext } from '../context.js';

const idParams = z.object({ id: z.string().min(1) });

export function auditCsv(records: AuditRecord[]): string {
  const cols = ['seq', ...AUDIT_FIELDS, 'prevHash', 'hash'] as const;
  const esc = (v: unknown) => `"${String(v ?? '').replace(/"/g, '""')}"`;
  return [cols.join(','), ...records.map((r) => cols.map((c) => esc(r[c as keyof AuditRecord])).join(','))].join('\n') + '\n';
}

export function remediationRoutes(ctx: ServerContext<ApiCore>): FastifyPluginAsyncZod {
  return async (app) => {
    const { store, remediation } = ctx.platform;
    const executions = store.collection<Execution>('executions');
    const approvals = store.collection<Approval>('approvals');

    app.get('/runbooks', { schema: { tags: ['remediation'] } }, async () => ({
      items: CATALOGUE.map(({ eligible: _e, plan: _p, rollback, validate, ...d }) => ({ ...d, hasRollback: Boolean(rollback), validates: Boolean(validate) })),
    }));

    app.get('/executions', { schema: { tags: ['remediation'], querystring: z.object({ status: z.string().optional(), incidentId: z.string().optional(), limit: z.coerce.number().int().min(1).max(1000).default(100) }) } }, async (req) => {
      const where: Record<string, string> = {};
      if (req.query.status) where.status = req.query.status;
      if (req.query.incidentId) where.incidentId = req.query.incidentId;
      return { items: await executions.find({ where, order: 'desc', limit: req.query.limit }) };
    });

    app.get('/executions/:id', { schema: { tags: ['remediation'], params: idParams } }, async (req) => {
      const e = await executions.get(req.params.id);
      if (!e) throw new NotFoundError('execution', req.params.id);
      return { ...e, audit: await store.audit.list({ executionId: e.id }) };
    });

    app.post(
      '/executions',
      {
        schema: { tags: ['remediation'], description: 'Start a runbook on one resource (dryRun shows the exact calls without acting)', body: z.object({ runbookId: z.string().min(1), targetResource: z.string().min(1), dryRun: z.boolean().default(true), incidentId: z.string().optional() }) },
        preHandler: ctx.role('operator'),
      },
      async (req, reply) => {
        const r = await remediation.start({ ...req.body, trigger: `operator:${req.principal!.name}`, operator: req.principal!.name });
        return reply.code(r.created ? 202 : 200).send(r.execution);
      },
    );

    app.post('/executions/:id/rollback', { schema: { tags: ['remediation'], params: idParams }, preHandler: ctx.role('operator') }, async (req) => remediation.rollback(req.params.id, req.principal!.name));

    app.get('/approvals', { schema: { tags: ['approvals'], querystring: z.object({ status: z.enum(['pending', 'approved', 'rejected', 'expired']).optional() }) } }, async (req) => ({
      items: await approvals.find({ ...(req.query.status ? { where: { status: req.query.status } } : {}), order: 'desc', limit: 200 }),
    }));

    const decision = z.object({ comment: z.string().max(2000).optional() }).default({});
    app.post('/approvals/:id/approve', { schema: { tags: ['approvals'], params: idParams, body: decision }, preHandler: ctx.role('approver') }, async (req) => remediation.decide(req.params.id, 'approve', req.principal!.name, req.body?.comment));
    app.post('/approvals/:id/reject', { schema: { tags: ['approvals'], params: idParams, body: decision }, preHandler: ctx.role('approver') }, async (req) => remediation.decide(req.params.id, 'reject', req.principal!.name, req.body?.comment));

    app.get(
      '/audit',
      { schema: { tags: ['audit'], querystring: z.object({ executionId: z.string().optional(), runbook: z.string().optional(), outcome: z.enum(['SUCCESS', 'FAILURE', 'SKIPPED']).optional(), limit: z.coerce.number().int().min(1).max(5000).default(200) }) } },
      // Newest first for people; the store lists in sequence order, so take the tail.
      async (req) => {
        const { limit, ...filters } = req.query;
        return { items: (await store.audit.list(filters)).slice(-limit).reverse() };
      },
    );
    app.get('/audit/verify', { schema: { tags: ['audit'] } }, async () => verifyAuditChain(await store.audit.scan()));
    app.get('/audit/export', { schema: { tags: ['audit'], querystring: z.object({ format: z.enum(['jsonl', 'csv']).default('jsonl') }) } }, async (req, reply) => {
      const all = await store.audit.scan();
      if (req.query.format === 'csv') return reply.type('text/csv').send(auditCsv(all));
      return reply.type('application/x-ndjson').send(all.map((r) => JSON.stringify(r)).join('\n') + '\n');
    });
  };
}
