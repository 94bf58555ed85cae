import { EC2_TYPE, Ec2StateSchema, parseState } from '../inputs.js';
import { defineCostRule, estimate, insufficientData, isProduction, lookupPrices, notApplicable, recommend } from '../rule.js';
import { priceKey } from '../prices/table.js';
import { successorInstanceType } from '../rightSizing.js';

/** Previous-generation families cost more than their current successor of the same size. */
export default defineCostRule({
  id: 'ec2-previous-generation',
  title: 'Previous-generation EC2 instance family',
  resourceType: EC2_TYPE,
  runbookId: 'AIOps-ChangeInstanceType',
  dataNeeded: { state: ['instanceType', 'state'], metrics: [] },
  evaluate({ resource }, { config, prices }) {
    const cfg = config.rules['ec2-previous-generation'];
    const s = parseState(Ec2StateSchema, resource);
    if (s.state !== 'running') return notApplicable(`instance is ${s.state}`);
    const to = successorInstanceType(s.instanceType, cfg.successors);
    if (!to) return notApplicable(`${s.instanceType} is current generation`);
    const keys = [priceKey.ec2Instance(s.instanceType), priceKey.ec2Instance(to)];
    const p = lookupPrices(prices, keys);
    if (!p.ok) return insufficientData(`no price for ${p.missing.join(', ')}`, p.missing);
    const [oldP, newP] = [p.byKey.get(keys[0]!)!, p.byKey.get(keys[1]!)!];
    const h = prices.hoursPerMonth;
    if (newP.usd >= oldP.usd) return notApplicable(`${to} is not cheaper than ${s.instanceType}`);
    const target = resource.id;
    // A type change needs a stop/start: production instances are changed by their owners.
    const prod = isProduction(resource.tags, config);
    return recommend({
      ruleId: 'ec2-previous-generation',
      resourceArn: resource.arn,
      resourceType: resource.type,
      title: `Move ${resource.name} from ${s.instanceType} to ${to}`,
      savings: estimate(oldP.usd * h, newP.usd * h, [oldP, newP], `($${oldP.usd} - $${newP.usd})/h x ${h} h`),
      confidence: 'medium',
      recommendedAction: `Change the instance type to ${to} in a maintenance window (needs a stop/start; check AMI drivers for ENA/NVMe)${prod ? ' (production: manual)' : ''}`,
      automatable: !prod,
      ...(prod
        ? {}
        : {
            remediation: {
              runbookId: 'AIOps-ChangeInstanceType',
              target: resource.arn,
              reversible: true,
              approval: 'always',
              plan: [
                { call: 'ec2:StopInstances', target, params: { InstanceIds: [target] } },
                { call: 'ec2:ModifyInstanceAttribute', target, params: { InstanceId: target, InstanceType: { Value: to } } },
                { call: 'ec2:StartInstances', target, params: { InstanceIds: [target] } },
              ],
              rollback: [
                { call: 'ec2:StopInstances', target, params: { InstanceIds: [target] } },
                { call: 'ec2:ModifyInstanceAttribute', target, params: { InstanceId: target, InstanceType: { Value: s.instanceType } } },
                { call: 'ec2:StartInstances', target, params: { InstanceIds: [target] } },
              ],
              rollbackPlan: `Stop, set the type back to ${s.instanceType}, start.`,
            },
          }),
      evidence: { from: s.instanceType, to },
    });
  },
});
