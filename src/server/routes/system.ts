import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Alert } from '../../core/alerts/alert.js';
import type { Incident } from '../../core/incidents/incident.js';
import type { Execution } from '../../core/remediation/execution.js';
import { SEVERITIES } from '../../core/shared/severity.js';
import { incidentBoard } from '../../core/incidents/board.js';
import { RoleSchema } from '../../app/auth.js';
import type { ServerContext } from '../context.js';

const STREAMED_TOPICS = ['incident.opened', 'incident.updated', 'alert.updated', 'execution.finished', 'approval.requested'];

export function systemRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    const { store, clock, bus } = ctx.platform;

    app.get('/health', { schema: { tags: ['system'] } }, async () => ({
      status: 'ok',
      mode: 'local',
      now: new Date(clock.now()).toISOString(),
      sandboxSpeed: ctx.platform.speed,
      outbox: bus.stats(),
      schedules: ctx.platform.scheduler.list(),
    }));

    app.get('/overview', { schema: { tags: ['system'] } }, async () => {
      const incidents = store.collection<Incident>('incidents');
      const open = await incidents.find({ where: { status: 'open' } });
      const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, open.filter((i) => i.severity === s).length]));
      return {
        now: new Date(clock.now()).toISOString(),
        openIncidents: bySeverity,
        incidents: incidentBoard(open, await incidents.find({ where: { status: 'resolved' }, order: 'desc', limit: 25 }), 25).map(({ timeline: _t, ...i }) => i),
        alerts: await store.collection<Alert>('alerts').find({ order: 'desc', limit: 10 }),
        executions: await store.collection<Execution>('executions').find({ order: 'desc', limit: 10 }),
        pendingApprovals: await store.collection('approvals').count({ status: 'pending' }),
        quarantined: await store.collection('quarantine').count({ status: 'pending' }),
      };
    });

    // The kill switch is local platform state (on AWS it is the RemediationStack's configuration).
    app.get('/safety/kill-switch', { schema: { tags: ['remediation'] } }, async () => ctx.platform.safety.killSwitch);
    app.put(
      '/safety/kill-switch',
      { schema: { tags: ['remediation'], description: 'Stop every automated action (global) or those in some environments', body: z.object({ global: z.boolean(), environments: z.array(z.string().min(1)).default([]) }) }, preHandler: ctx.role('admin') },
      async (req) => ctx.platform.setKillSwitch(req.body, req.principal!.name),
    );

    app.get('/notifications', { schema: { tags: ['system'] } }, async () => ({ items: await store.collection('notifications').find({ order: 'desc', limit: 200 }) }));

    app.post('/tokens', { schema: { tags: ['system'], body: z.object({ name: z.string().min(1).max(100), role: RoleSchema }) }, preHandler: ctx.role('admin') }, async (req, reply) => {
      const token = await ctx.platform.auth.create(req.body.name, req.body.role, req.principal!.name);
      return reply.code(201).send({ name: req.body.name, role: req.body.role, token });
    });
    app.get('/tokens', { schema: { tags: ['system'] }, preHandler: ctx.role('admin') }, async () => ({ items: await ctx.platform.auth.list() }));
    app.get('/whoami', { schema: { tags: ['system'] }, preHandler: ctx.role('viewer') }, async (req) => req.principal);

    // Server-sent events: the console refreshes what changed without reloading.
    app.get('/events', { schema: { tags: ['system'], hide: true } }, (req, reply) => {
      reply.raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
      reply.raw.write(`event: hello\ndata: ${JSON.stringify({ now: clock.now() })}\n\n`);
      const unsubscribers = STREAMED_TOPICS.map((topic) => bus.subscribe(topic, (e) => void reply.raw.write(`event: ${topic}\ndata: ${JSON.stringify(e.payload)}\n\n`)));
      const heartbeat = setInterval(() => reply.raw.write(`event: tick\ndata: ${JSON.stringify({ now: clock.now() })}\n\n`), 1000);
      req.raw.on('close', () => {
        clearInterval(heartbeat);
        unsubscribers.forEach((u) => u());
      });
    });
  };
}
