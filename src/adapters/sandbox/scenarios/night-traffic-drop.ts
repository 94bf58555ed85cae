import { defineScenario } from './scenario.js';

/**
 * Inject at night (e.g. 03:00 UTC): checkout traffic falls to 60 % of its usual night level for two
 * hours (a broken upstream, a DNS change). The value is still higher than many quiet hours look
 * to a static "too few requests" threshold, which therefore misses it; compared with the
 * expected value for that time of day it is far too low.
 */
export default defineScenario({
  id: 'night-traffic-drop',
  title: 'Night-time traffic drop on the checkout load balancer',
  description: 'checkout-alb RequestCount drops to 60 % of the usual level for 2 hours; inject it at night.',
  faults: [{ type: 'metric', resource: 'checkout-alb', metric: 'RequestCount', pattern: 'scale', magnitude: 0.6, durationMinutes: 120 }],
  expected: { alarm: 'anomaly:ensemble', severity: 'SEV-3', detectedBy: 'anomaly' },
});
