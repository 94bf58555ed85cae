import { defineScenario } from './scenario.js';

/**
 * A deploy adds ~80 ms to every checkout request: the ALB's p99 response time steps from ~0.14 s
 * to ~0.23 s for three hours. Far below any static latency threshold people set for a web API
 * (0.5–1 s), so no alarm fires; the anomaly detector sees the level shift within one run.
 */
export default defineScenario({
  id: 'latency-level-shift',
  title: 'Latency level shift on the checkout load balancer',
  description: 'checkout-alb TargetResponseTime (p99) rises by 80 ms for 3 hours; no static alarm fires, the anomaly detector does.',
  faults: [{ type: 'metric', resource: 'checkout-alb', metric: 'TargetResponseTime', pattern: 'step', magnitude: 0.08, durationMinutes: 180 }],
  expected: { alarm: 'anomaly:ensemble', severity: 'SEV-3', detectedBy: 'anomaly' },
});
