import { z } from 'zod';
import { parseOrThrow } from '../../core/shared/zod.js';
import { createRuntime, lambdaHandler, MetricUnit, type Runtime } from '../shared/runtime.js';
import { MAINTENANCE_TASKS, useCase } from '../shared/use-cases.js';

const MaintenanceEventSchema = z.object({ task: z.enum(MAINTENANCE_TASKS), time: z.string().datetime().optional() });

/** Scheduled maintenance (EventBridge Scheduler input `{ task }`), idempotent per task and minute. */
export function createMaintenanceHandler(rt: Runtime) {
  return lambdaHandler(rt, async (event: unknown) => {
    const e = parseOrThrow(MaintenanceEventSchema, event, 'event');
    const deps = rt.deps();
    const scheduledFor = e.time ?? new Date(deps.clock.now()).toISOString();
    const run = rt.idempotent('maintenance', async (input: { key: string; task: (typeof MAINTENANCE_TASKS)[number]; scheduledFor: string }) => useCase('runMaintenance')(deps, { task: input.task, scheduledFor: input.scheduledFor }), 'key');
    const res = await run({ key: `${e.task}:${scheduledFor.slice(0, 16)}`, task: e.task, scheduledFor });
    rt.metrics.addMetric('MaintenanceRuns', MetricUnit.Count, 1);
    return res;
  });
}

export const handler = createMaintenanceHandler(createRuntime('maintenance'));
