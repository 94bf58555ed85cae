import { defineCheck, fail, notApplicable, pass } from '../check.js';

export default defineCheck({
  id: 'elb-alb-https-only',
  title: 'Application Load Balancers redirect HTTP to HTTPS',
  description: 'Every HTTP listener’s default action is a redirect to HTTPS.',
  service: 'elasticloadbalancing',
  resourceType: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
  severity: 'MEDIUM',
  frameworks: { fsbp: ['ELB.1'] },
  test: (s) => {
    if (s.type !== 'application') return notApplicable(`${s.type} load balancer`);
    const plain = s.listeners.filter((l) => l.Protocol === 'HTTP' && !l.DefaultActions.some((a) => a.Type === 'redirect' && a.RedirectConfig?.Protocol === 'HTTPS'));
    return plain.length === 0 ? pass() : fail(`HTTP listener(s) on port ${plain.map((l) => l.Port).join(', ')} serve plaintext`, { ports: plain.map((l) => l.Port) });
  },
});
