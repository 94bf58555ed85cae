import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { parse as parseYaml } from 'yaml';
import { ScenarioFileSchema } from '../../adapters/sandbox/faults/schema.js';
import { ALL_SCENARIOS, findScenario } from '../../adapters/sandbox/scenarios/index.js';
import { parseOrThrow } from '../../core/shared/zod.js';
import { ValidationError } from '../../core/shared/errors.js';
import { metricKey } from '../../ports/metrics.js';
import type { ServerContext } from '../context.js';

export function sandboxRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    const { sandbox } = ctx.platform;

    app.get('/sandbox/fleet', { schema: { tags: ['sandbox'] } }, async () => ({ items: sandbox.resources(), now: new Date(ctx.platform.clock.now()).toISOString(), speed: ctx.platform.speed }));
    app.get('/sandbox/alarms', { schema: { tags: ['sandbox'] } }, async () => ({ items: sandbox.alarms().map((a) => ({ ...a.def, state: a.state })) }));
    app.get('/sandbox/timeline', { schema: { tags: ['sandbox'] } }, async () => ({ items: sandbox.timeline(200) }));
    app.get('/sandbox/scenarios', { schema: { tags: ['sandbox'] } }, async () => ({ items: ALL_SCENARIOS }));

    app.get(
      '/sandbox/metrics',
      { schema: { tags: ['sandbox'], querystring: z.object({ resource: z.string().optional(), metric: z.string().optional(), minutes: z.coerce.number().int().min(5).max(20_160).default(60) }) } },
      async (req) => {
        const defs = sandbox.metricDefs().filter((d) => {
          if (req.query.metric && d.id.metricName !== req.query.metric) return false;
          if (!req.query.resource) return true;
          const r = sandbox.resolve(req.query.resource);
          return d.resourceArn === r.arn;
        });
        const now = ctx.platform.clock.now();
        const period = req.query.minutes > 1440 ? 3600 : req.query.minutes > 360 ? 300 : 60;
        const series = await sandbox.metrics.getMetricData(
          defs.map((d, i) => ({ id: `m${i}`, metric: d.id, stat: d.stat, period })),
          now - req.query.minutes * 60_000,
          now,
        );
        return { items: series.map((s, i) => ({ ...s, key: metricKey(s.metric), resourceArn: defs[i]!.resourceArn, stat: defs[i]!.stat, period })) };
      },
    );

    app.post('/sandbox/scenarios/:id/inject', { schema: { tags: ['sandbox'], params: z.object({ id: z.string() }) }, preHandler: ctx.role('operator') }, async (req, reply) => {
      const s = findScenario(req.params.id);
      // Scheduled maintenance needs no fault: rehearsing it means running the schedule now.
      if (s.faults.length === 0 && 'runbook' in s.expected) {
        const executions = await ctx.platform.remediation.runScheduled(s.expected.runbook, new Date(ctx.platform.clock.now()));
        return reply.code(202).send({ scenario: s.id, faults: [], executions: executions.map((e) => e.id) });
      }
      const faults = await sandbox.inject(s.faults, `${req.principal!.name} (scenario ${s.id})`);
      return reply.code(202).send({ scenario: s.id, faults });
    });

    // Fault primitives, one or many, or a whole scenario file (JSON or YAML text).
    app.post('/sandbox/faults', { schema: { tags: ['sandbox'], body: z.union([z.object({ faults: z.array(z.unknown()) }), z.object({ scenario: z.unknown() })]) }, preHandler: ctx.role('operator') }, async (req, reply) => {
      const body = req.body as { faults?: unknown[]; scenario?: unknown };
      if (body.scenario !== undefined) {
        const raw = typeof body.scenario === 'string' ? parseYaml(body.scenario) : body.scenario;
        const file = parseOrThrow(ScenarioFileSchema, raw, 'scenario');
        return reply.code(202).send({ scenario: file.id, faults: await sandbox.inject(file.faults, `${req.principal!.name} (file ${file.id})`) });
      }
      if (!body.faults?.length) throw new ValidationError('faults', 'give at least one fault');
      return reply.code(202).send({ faults: await sandbox.inject(body.faults as never, req.principal!.name) });
    });

    app.post('/sandbox/clear', { schema: { tags: ['sandbox'] }, preHandler: ctx.role('operator') }, async () => {
      sandbox.clearFaults();
      return { ok: true };
    });
  };
}
