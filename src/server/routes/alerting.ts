import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { backtest, checkConfig, feedbackByRule, loadAlertingConfig, recordFeedback, type AlertingConfig } from '../../app/alerting/index.js';
import { Cron } from 'croner';
import { windowOpen, type MaintenanceWindow } from '../../core/alerts/stages/maintenance.js';
import { ValidationError } from '../../core/shared/errors.js';
import type { ServerContext } from '../context.js';

const isoOrAgo = z.string().min(1).describe('ISO 8601 timestamp, or a duration back from now such as 7d, 12h, 30m');

/** `7d`, `12h`, `30m` → an ISO timestamp that far back from `now`; ISO timestamps pass through. */
export function resolveSince(value: string, now: number, field = 'since'): string {
  const m = /^(\d+)([dhm])$/.exec(value);
  if (m) return new Date(now - Number(m[1]) * { d: 86_400_000, h: 3_600_000, m: 60_000 }[m[2] as 'd' | 'h' | 'm']).toISOString();
  if (Number.isNaN(Date.parse(value))) throw new ValidationError(field, 'must be an ISO 8601 timestamp or a duration like 7d');
  return value;
}

/** The config's maintenance windows as the console and CLI show them (matchers as text). */
export function maintenanceWindowsView(windows: readonly MaintenanceWindow[], now: number): { name: string; cron: string; timezone: string; durationMs: number; matchers: string[]; allowSeverity?: string; openNow: boolean; nextOpening?: string }[] {
  const at = new Date(now).toISOString();
  return windows.map((w) => {
    const next = new Cron(w.cron, { timezone: w.timezone, paused: true }).nextRun(new Date(now));
    return {
      name: w.name,
      cron: w.cron,
      timezone: w.timezone,
      durationMs: w.duration,
      matchers: w.matchers.map((m) => `${m.name}${m.op}${JSON.stringify(m.value)}`),
      ...(w.allowSeverity ? { allowSeverity: w.allowSeverity } : {}),
      openNow: windowOpen(w, at),
      ...(next ? { nextOpening: next.toISOString() } : {}),
    };
  });
}

/** Silences, noise metrics, feedback, config check and replay/backtest of the alerting pipeline. */
export function alertingRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    const { alerting, store, clock } = ctx.platform;

    app.get('/silences', { schema: { tags: ['alerting'], description: 'All silences, expired ones included (kept for audit)' } }, async () => ({ items: await alerting.listSilences() }));

    app.post(
      '/silences',
      {
        schema: { tags: ['alerting'], body: z.object({ matchers: z.array(z.string().min(1)).min(1), startsAt: z.string().optional(), endsAt: z.string().optional(), duration: z.string().optional(), comment: z.string().min(1) }) },
        preHandler: ctx.role('operator'),
      },
      async (req, reply) => {
        const now = clock.now();
        const startsAt = req.body.startsAt ?? new Date(now).toISOString();
        const endsAt = req.body.endsAt ?? (req.body.duration ? new Date(Date.parse(startsAt) + (Date.parse(startsAt) - Date.parse(resolveSince(req.body.duration, Date.parse(startsAt), 'duration')))).toISOString() : undefined);
        if (!endsAt) throw new ValidationError('endsAt', 'give endsAt or a duration such as 2h');
        return reply.code(201).send(await alerting.createSilence({ matchers: req.body.matchers, startsAt, endsAt, comment: req.body.comment, createdBy: req.principal!.name }));
      },
    );

    app.delete('/silences/:id', { schema: { tags: ['alerting'], params: z.object({ id: z.string() }) }, preHandler: ctx.role('operator') }, async (req) => alerting.expireSilence(req.params.id, req.principal!.name));

    app.get('/maintenance-windows', { schema: { tags: ['alerting'], description: 'Maintenance windows of the live alerting config, whether each is open now and when it next opens' } }, async () => ({
      items: maintenanceWindowsView(alerting.config.maintenanceWindows, clock.now()),
    }));

    app.get('/noise', { schema: { tags: ['alerting'], description: 'Noise reduction per day and service: 1 − alerts/events and 1 − incidents/alerts', querystring: z.object({ since: isoOrAgo.optional() }) } }, async (req) => ({
      items: await alerting.noise(req.query.since ? { since: resolveSince(req.query.since, clock.now()) } : {}),
    }));

    app.post(
      '/feedback',
      { schema: { tags: ['alerting'], body: z.object({ targetId: z.string().min(1), targetKind: z.enum(['incident', 'alert', 'anomaly']), verdict: z.enum(['useful', 'too-sensitive', 'noisy', 'incorrect']), comment: z.string().max(2000).optional() }) }, preHandler: ctx.role('viewer') },
      async (req, reply) => reply.code(201).send(await recordFeedback(store, clock, { ...req.body, principal: req.principal!.name })),
    );
    app.get('/feedback', { schema: { tags: ['alerting'], description: 'Feedback per detecting rule, for tuning thresholds' } }, async () => ({ items: await feedbackByRule(store) }));

    // The platform loads and watches the alerting config file; these routes show it and reload on request.
    const reloader = ctx.platform.alertingConfig;

    app.get('/alerting/config', { schema: { tags: ['alerting'], description: 'The live alerting config and the outcome of the last load of its file' } }, async () => ({
      path: reloader.path,
      last: reloader.last ?? null,
      config: alerting.config,
    }));

    app.post(
      '/alerting/config/reload',
      {
        schema: { tags: ['alerting'], description: 'Re-read and validate the alerting config file (or the given YAML) and swap it in atomically; an invalid config keeps the live one and names the field', body: z.object({ yaml: z.string().min(1).optional() }).optional() },
        preHandler: ctx.role('operator'),
      },
      async (req, reply) => {
        if (req.body?.yaml) {
          const check = checkConfig(req.body.yaml);
          if (!check.ok) return reply.code(400).send({ error: 'validation', field: check.errors[0]?.path, reason: check.errors[0]?.message, errors: check.errors, kept: true });
          await alerting.reloadConfig(check.config);
          return { ok: true, source: 'request', warnings: check.warnings };
        }
        const r = await reloader.reload();
        if (!r.ok) return reply.code(400).send({ error: 'validation', field: r.errors[0]?.path, reason: r.errors[0]?.message, errors: r.errors, kept: true, path: r.path });
        return { ...r, source: 'file' };
      },
    );

    app.post('/config/check', { schema: { tags: ['alerting'], body: z.object({ yaml: z.string() }) } }, async (req, reply) => {
      const r = checkConfig(req.body.yaml);
      return reply.code(r.ok ? 200 : 400).send(r.ok ? { ok: true, warnings: r.warnings } : r);
    });

    app.post(
      '/replay',
      { schema: { tags: ['alerting'], description: 'Re-run stored signals through a proposed config and compare with the live one', body: z.object({ since: isoOrAgo, until: z.string().optional(), yaml: z.string() }) } , preHandler: ctx.role('operator') },
      async (req, reply) => {
        const check = checkConfig(req.body.yaml);
        if (!check.ok) return reply.code(400).send(check);
        const since = resolveSince(req.body.since, clock.now());
        return backtest(store, { since, ...(req.body.until ? { until: req.body.until } : {}), // A resolved config is valid input again (durations accept milliseconds).
        current: alerting.config as unknown as AlertingConfig, proposed: loadAlertingConfig(req.body.yaml) as unknown as AlertingConfig });
      },
    );
  };
}
