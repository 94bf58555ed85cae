import { defineRunbook } from '../runbook.js';
import { bool, callOn, eligible, isProd, notEligible, str } from './support/state.js';

/**
 * Cost right-sizing (rule eip-unassociated): release an Elastic IP associated with nothing
 * (public IPv4 is billed hourly either way). Irreversible: a released address can usually not be
 * recovered, so every run needs an approval, and production addresses are left to their owners.
 */
export default defineRunbook({
  id: 'AIOps-ReleaseElasticIp',
  title: 'Release an unassociated non-production Elastic IP',
  condition: 'Cost recommendation: Elastic IP not associated with any instance or network interface, non-prod',
  action: 'Release the address (ec2:ReleaseAddress)',
  category: 'networking',
  pattern: 'lambda',
  reversible: false,
  approval: 'always',
  targetResourceType: 'AWS::EC2::EIP',
  trigger: { rule: 'cost-recommendation:eip-unassociated' },
  blastRadius: { maxResources: 1 },
  cooldownMinutes: 60,
  maxPerHour: 10,
  sandboxScenario: 'cost-unassociated-eip',
  rollbackPlan: 'None automatic: a released address cannot be re-allocated reliably. Allocate a new address (ec2:AllocateAddress) and update DNS/allow-lists that referenced the old one.',
  eligible: ({ resource, environment }) => {
    if (isProd(environment)) return notEligible('production addresses are released by their owners, not by automation');
    if (!str(resource.state, 'AllocationId')) return notEligible('AllocationId unknown');
    if (str(resource.state, 'AssociationId')) return notEligible('the address is associated');
    if (str(resource.state, 'InstanceId') || str(resource.state, 'NetworkInterfaceId')) return notEligible('the address is attached to an instance or network interface');
    if (bool(resource.state, 'Released') === true) return notEligible('already released');
    return eligible(`unassociated address ${str(resource.state, 'PublicIp') ?? ''}`.trim());
  },
  plan: ({ resource }) => [callOn(resource, 'ec2:ReleaseAddress', { AllocationId: str(resource.state, 'AllocationId') ?? resource.id }, 'release the unassociated address')],
});
