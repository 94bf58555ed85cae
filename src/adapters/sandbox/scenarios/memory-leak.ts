import { defineScenario } from './scenario.js';

/**
 * A slow memory leak in the checkout containers. The sandbox publishes no memory metric (neither
 * CWAgent mem_used_percent nor ECS MemoryUtilization), so the leak shows the way it does on a
 * garbage-collected runtime: CPU creeps up as the collector works harder on a fuller heap, +30
 * points over 12 hours. The anomaly detector flags it hours before a static 80 % CPU threshold.
 */
export default defineScenario({
  id: 'memory-leak',
  title: 'Slow memory leak in the checkout ECS service',
  description: 'checkout AWS/ECS CPUUtilization ramps up by 30 points over 12 hours (GC pressure of a leaking heap).',
  faults: [{ type: 'metric', resource: 'checkout', metric: 'CPUUtilization', pattern: 'ramp', magnitude: 30, durationMinutes: 720 }],
  expected: { alarm: 'anomaly:ensemble', severity: 'SEV-3', detectedBy: 'anomaly' },
});
