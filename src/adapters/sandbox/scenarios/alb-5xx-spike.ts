import { defineScenario } from './scenario.js';

/**
 * A bad origin deploy returns 80 errors a minute from the checkout ALB for 6 minutes, and
 * CloudFront caches the error pages (12 % 5xx at the edge). The ALB 5xx alarm fires after 2
 * minutes; invalidating the distribution drops the cached errors, and the alarm clears once the
 * origin is healthy again.
 */
export default defineScenario({
  id: 'alb-5xx-spike',
  title: "ALB 5xx spike with cached error pages",
  description: "checkout-alb returns 5xx; CloudFront serves cached errors.",
  faults: [
    { type: 'metric', resource: 'checkout-alb', metric: 'HTTPCode_Target_5XX_Count', pattern: 'flatline', magnitude: 80, durationMinutes: 6 },
    { type: 'metric', resource: 'checkout-cdn', metric: '5xxErrorRate', pattern: 'flatline', magnitude: 12, durationMinutes: 120 },
  ],
  expected: {
    alarm: 'staging-checkout-5xx-count-critical',
    severity: 'SEV-3',
    runbook: 'AIOps-InvalidateCFCache',
    needsApproval: false,
    targetState: { resource: 'checkout-cdn', field: 'Invalidations.0.Status', equals: 'Completed' },
    resolves: true,
  },
});
