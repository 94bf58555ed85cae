import { defineRunbook } from '../runbook.js';
import { callOn, eligible, notEligible, str } from './support/state.js';

/**
 * ALB 5xx spike → invalidate the CloudFront distribution in front of it (stale error pages are the
 * usual cause of a spike that outlives its fix). The alert is on the load balancer; the engine
 * resolves the target distribution whose origin is that load balancer. CallerReference is derived
 * from the alert so a retried execution reuses the same invalidation instead of creating another.
 */
export default defineRunbook({
  id: 'AIOps-InvalidateCFCache',
  title: 'Invalidate a CloudFront distribution’s cache',
  condition: 'ALB 5xx spike (HTTPCode_Target_5XX_Count ≥ 50 / min)',
  action: 'Create a CloudFront invalidation for /*',
  category: 'networking',
  pattern: 'lambda',
  reversible: 'n/a',
  approval: 'none-outside-prod',
  targetResourceType: 'AWS::CloudFront::Distribution',
  trigger: { metric: 'AWS/ApplicationELB HTTPCode_Target_5XX_Count', above: 49, forMinutes: 2, kind: ['metric-alarm', 'anomaly'], resourceType: 'AWS::ElasticLoadBalancingV2::LoadBalancer' },
  blastRadius: { maxResources: 1 },
  cooldownMinutes: 30,
  maxPerHour: 4,
  ssmDocument: 'AIOps-InvalidateCFCache',
  sandboxScenario: 'alb-5xx-spike',
  rollbackPlan: 'None needed: an invalidation only drops cached copies; the origin serves fresh content.',
  eligible: ({ resource }) => {
    if (!str(resource.state, 'Id')) return notEligible('distribution Id unknown');
    if (str(resource.state, 'Status') === 'InProgress') return notEligible('distribution is deploying');
    return eligible('distribution deployed');
  },
  plan: ({ resource, alert }) => [
    callOn(
      resource,
      'cloudfront:CreateInvalidation',
      {
        DistributionId: str(resource.state, 'Id') ?? resource.id,
        InvalidationBatch: { Paths: { Quantity: 1, Items: ['/*'] }, CallerReference: `aiops-${alert ? `${alert.id}-${alert.startsAt}` : 'manual'}` },
      },
      'invalidate /*',
    ),
  ],
  validate: {
    metric: (r) => ({ namespace: 'AWS/CloudFront', metricName: '5xxErrorRate', dimensions: { DistributionId: str(r.state, 'Id') ?? r.id, Region: 'Global' } }),
    stat: 'Average',
    below: 5,
    withinMinutes: 10,
    datapoints: 2,
  },
});
