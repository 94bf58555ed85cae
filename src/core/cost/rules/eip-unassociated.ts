import { EIP_TYPE, EipStateSchema, parseState } from '../inputs.js';
import { defineCostRule, estimate, insufficientData, isProduction, lookupPrices, notApplicable, recommend } from '../rule.js';
import { priceKey } from '../prices/table.js';

/** Trusted Advisor "Unassociated Elastic IP Addresses": an allocated address with no association. */
export default defineCostRule({
  id: 'eip-unassociated',
  title: 'Unassociated Elastic IP address',
  resourceType: EIP_TYPE,
  runbookId: 'AIOps-ReleaseElasticIp',
  dataNeeded: { state: ['allocationId', 'associationId', 'publicIp'], metrics: [] },
  evaluate({ resource }, { config, prices }) {
    const s = parseState(EipStateSchema, resource);
    if (s.associationId) return notApplicable(`associated (${s.associationId})`);
    const key = priceKey.publicIpv4Idle();
    const p = lookupPrices(prices, [key]);
    if (!p.ok) return insufficientData('no price for an idle public IPv4 address', p.missing);
    const hourly = p.byKey.get(key)!;
    const prod = isProduction(resource.tags, config);
    return recommend({
      ruleId: 'eip-unassociated',
      resourceArn: resource.arn,
      resourceType: resource.type,
      title: `Elastic IP ${s.publicIp ?? s.allocationId} is not associated`,
      savings: estimate(hourly.usd * prices.hoursPerMonth, 0, [hourly], `public IPv4 $${hourly.usd}/h x ${prices.hoursPerMonth} h`),
      confidence: 'high',
      recommendedAction: 'Release the Elastic IP address (check no allow-list or DNS record depends on it)',
      automatable: !prod,
      ...(prod
        ? {}
        : {
            remediation: {
              runbookId: 'AIOps-ReleaseElasticIp',
              target: resource.arn,
              // A released address can only sometimes be recovered (ec2:AllocateAddress with the same IP): treat as irreversible.
              reversible: false,
              approval: 'always',
              plan: [{ call: 'ec2:ReleaseAddress', target: s.allocationId, params: { AllocationId: s.allocationId } }],
              rollback: [],
              rollbackPlan: `No guaranteed rollback: try ec2:AllocateAddress with Address=${s.publicIp ?? 'the released IP'} (succeeds only if the IP is still free).`,
            },
          }),
      evidence: { allocationId: s.allocationId, publicIp: s.publicIp },
    });
  },
});
