import { z } from 'zod';
import { parseOrThrow } from '../../core/shared/zod.js';
import { createRuntime, lambdaHandler, MetricUnit, type Runtime } from '../shared/runtime.js';
import { useCase } from '../shared/use-cases.js';

/**
 * The incident-opened event as EventBridge delivers it from the aiops bus (EventBridgeBus
 * envelope). Alerting publishes the topic `incident.opened`; `IncidentOpened` is the rule's name for it.
 */
const IncidentOpenedSchema = z.object({
  'detail-type': z.enum(['incident.opened', 'IncidentOpened']),
  detail: z.object({ eventId: z.string().optional(), payload: z.object({ incidentId: z.string().min(1) }).passthrough() }),
});

export function createLogAnalyzerHandler(rt: Runtime) {
  return lambdaHandler(rt, async (event: unknown) => {
    const e = parseOrThrow(IncidentOpenedSchema, event, 'event');
    const analyze = rt.idempotent('analyze', async (input: { incidentId: string }) => useCase('analyzeIncidentLogs')(rt.deps(), input), 'incidentId');
    const res = await analyze({ incidentId: e.detail.payload.incidentId });
    rt.metrics.addMetric('LogPatternsFound', MetricUnit.Count, res.patterns);
    return res;
  });
}

export const handler = createLogAnalyzerHandler(createRuntime('log-analyzer'));
