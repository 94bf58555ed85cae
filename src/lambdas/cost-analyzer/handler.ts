import { z } from 'zod';
import { parseOrThrow } from '../../core/shared/zod.js';
import { createRuntime, lambdaHandler, MetricUnit, type Runtime } from '../shared/runtime.js';
import { useCase } from '../shared/use-cases.js';

const CostEventSchema = z.object({ task: z.literal('cost-report').optional(), time: z.string().datetime().optional() }).passthrough();

/** Daily report, idempotent per day: a retried schedule writes the same report once. */
export function createCostAnalyzerHandler(rt: Runtime) {
  return lambdaHandler(rt, async (event: unknown) => {
    const e = parseOrThrow(CostEventSchema, event ?? {}, 'event');
    const deps = rt.deps();
    const scheduledFor = e.time ?? new Date(deps.clock.now()).toISOString();
    const day = scheduledFor.slice(0, 10);
    const analyze = rt.idempotent('cost', async (input: { day: string; scheduledFor: string }) => useCase('analyzeCost')(deps, { scheduledFor: input.scheduledFor, reportKey: `cost/${input.day}.json` }), 'day');
    const res = await analyze({ day, scheduledFor });
    rt.metrics.addMetric('MonthlySavingsIdentified', MetricUnit.Count, res.monthlySavings);
    rt.metrics.addMetric('Recommendations', MetricUnit.Count, res.recommendations);
    return res;
  });
}

export const handler = createCostAnalyzerHandler(createRuntime('cost-analyzer'));
