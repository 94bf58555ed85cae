import { z } from 'zod';

export const LOAD_BALANCER_TYPE = 'AWS::ElasticLoadBalancingV2::LoadBalancer';

/** `AWS::ElasticLoadBalancingV2::LoadBalancer`: `DescribeLoadBalancers` + `DescribeListeners`. */
export const LoadBalancerStateSchema = z.looseObject({
  loadBalancerName: z.string(),
  type: z.enum(['application', 'network', 'gateway']),
  scheme: z.enum(['internet-facing', 'internal']),
  listeners: z.array(
    z.looseObject({
      Port: z.number().int(),
      Protocol: z.enum(['HTTP', 'HTTPS', 'TCP', 'TLS', 'UDP', 'TCP_UDP', 'GENEVE']),
      SslPolicy: z.string().optional(),
      DefaultActions: z.array(z.looseObject({ Type: z.string(), RedirectConfig: z.looseObject({ Protocol: z.string().optional() }).optional() })),
    }),
  ),
});
export type LoadBalancerState = z.infer<typeof LoadBalancerStateSchema>;
