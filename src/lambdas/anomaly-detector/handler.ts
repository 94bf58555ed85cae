import { z } from 'zod';
import { parseOrThrow } from '../../core/shared/zod.js';
import { createRuntime, lambdaHandler, MetricUnit, type Runtime } from '../shared/runtime.js';
import { useCase } from '../shared/use-cases.js';

/** EventBridge Scheduler input `{ task }`, or a scheduled EventBridge event carrying `time`. */
const ScheduleEventSchema = z.object({ task: z.literal('anomaly-detection').optional(), time: z.string().datetime().optional() }).passthrough();

export function createAnomalyDetectorHandler(rt: Runtime) {
  return lambdaHandler(rt, async (event: unknown) => {
    const e = parseOrThrow(ScheduleEventSchema, event ?? {}, 'event');
    const deps = rt.deps();
    const scheduledFor = e.time ?? new Date(deps.clock.now()).toISOString();
    const res = await useCase('runDetection')(deps, { scheduledFor });
    rt.metrics.addMetric('AnomaliesDetected', MetricUnit.Count, res.anomalies);
    rt.metrics.addMetric('SeriesScanned', MetricUnit.Count, res.series);
    return res;
  });
}

export const handler = createAnomalyDetectorHandler(createRuntime('anomaly-detector'));
