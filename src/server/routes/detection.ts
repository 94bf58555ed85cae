import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServerContext } from '../context.js';

const anomaliesQuery = z.object({
  /** Metric key as the Metrics port prints it, e.g. `AWS/EC2 CPUUtilization InstanceId=i-0abc`. */
  metric: z.string().min(1).optional(),
  /** Resource ARN the anomalies belong to. */
  resource: z.string().min(1).optional(),
  status: z.enum(['open', 'resolved']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
const explainQuery = z.object({ metric: z.string().min(1, 'give a metric key, e.g. AWS/EC2 CPUUtilization InstanceId=i-0abc') });

/** Anomaly detection: recent anomalies, a metric's scored points with its expected band, and a manual run. */
export function detectionRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    const detection = () => ctx.platform.features.detection;

    app.get('/anomalies', { schema: { tags: ['detection'], querystring: anomaliesQuery } }, async (req) => {
      const { metric, resource, status, limit } = req.query;
      return { items: await detection().anomalies({ ...(metric ? { metricKey: metric } : {}), ...(resource ? { resourceArn: resource } : {}), ...(status ? { status } : {}), limit }) };
    });

    app.get('/detect/metrics', { schema: { tags: ['detection'] } }, async () => ({ items: await detection().metrics(), lastRun: detection().lastRun() ?? null }));

    app.get('/detect/explain', { schema: { tags: ['detection'], querystring: explainQuery } }, async (req) => {
      const ex = await detection().explain(req.query.metric);
      const t0 = ex.points[0]?.t ?? 0;
      const opened = new Set(ex.anomalies.map((a) => Date.parse(a.time)).filter((t) => t >= t0));
      const threshold = detection().config.threshold;
      // Anomaly markers: the point where an anomaly opened, as the chart and the CLI table show it.
      return { ...ex, threshold, points: ex.points.map((p) => ({ ...p, anomaly: opened.has(p.t) })) };
    });

    app.post('/detect/run', { schema: { tags: ['detection'] }, preHandler: ctx.role('operator') }, async () => detection().runOnce());
  };
}
