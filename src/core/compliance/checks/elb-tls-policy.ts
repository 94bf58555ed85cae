import { defineCheck, fail, notApplicable, pass } from '../check.js';

export default defineCheck({
  id: 'elb-tls-policy',
  title: 'Load balancer TLS listeners use a current security policy',
  description: 'HTTPS/TLS listeners must not use policies that allow TLS 1.0/1.1 (config.outdatedElbSslPolicies).',
  service: 'elasticloadbalancing',
  resourceType: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
  severity: 'MEDIUM',
  frameworks: {},
  test: (s, ctx) => {
    const tls = s.listeners.filter((l) => l.Protocol === 'HTTPS' || l.Protocol === 'TLS');
    if (tls.length === 0) return notApplicable('no HTTPS/TLS listener');
    const weak = tls.filter((l) => !l.SslPolicy || ctx.config.outdatedElbSslPolicies.includes(l.SslPolicy)).map((l) => ({ port: l.Port, sslPolicy: l.SslPolicy ?? null }));
    return weak.length === 0 ? pass() : fail(`outdated TLS policy on port(s) ${weak.map((w) => w.port).join(', ')}`, { listeners: weak });
  },
});
