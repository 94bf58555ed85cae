import { z } from 'zod';
import { parseOrThrow } from '../../core/shared/zod.js';
import { createRuntime, lambdaHandler, MetricUnit, type Runtime } from '../shared/runtime.js';
import { useCase } from '../shared/use-cases.js';

/**
 * An incident event as EventBridge delivers it from the aiops bus (EventBridgeBus envelope: the
 * topic is the detail-type). `incident.opened` → RCA over the incident's logs; `incident.updated` →
 * the post-mortem draft once it is resolved. `IncidentOpened` is the older rule's name for opened.
 */
const IncidentEventSchema = z.object({
  'detail-type': z.enum(['incident.opened', 'IncidentOpened', 'incident.updated']),
  detail: z.object({ eventId: z.string().optional(), payload: z.object({ incidentId: z.string().min(1) }).passthrough() }),
});

export function createLogAnalyzerHandler(rt: Runtime) {
  return lambdaHandler(rt, async (event: unknown) => {
    const e = parseOrThrow(IncidentEventSchema, event, 'event');
    const incidentId = e.detail.payload.incidentId;
    if (e['detail-type'] === 'incident.updated') {
      // Not idempotency-wrapped: each update may be the one that resolves it, and drafting is idempotent itself.
      const res = await useCase('draftPostmortem')(rt.deps(), { incidentId });
      if (res.postmortemId) rt.metrics.addMetric('PostmortemsDrafted', MetricUnit.Count, 1);
      return res;
    }
    const analyze = rt.idempotent('analyze', async (input: { incidentId: string }) => useCase('analyzeIncidentLogs')(rt.deps(), input), 'incidentId');
    const res = await analyze({ incidentId });
    rt.metrics.addMetric('LogPatternsFound', MetricUnit.Count, res.patterns);
    return res;
  });
}

export const handler = createLogAnalyzerHandler(createRuntime('log-analyzer'));
