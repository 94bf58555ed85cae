import { defineCheck, fail, pass } from '../check.js';
import { worldOpen } from './helpers.js';

export default defineCheck({
  id: 'ec2-sg-open-ssh',
  title: 'Security groups do not allow SSH (22) from 0.0.0.0/0 or ::/0',
  description: 'SSH open to the internet invites brute force; reach instances through SSM or a bastion.',
  service: 'ec2',
  resourceType: 'AWS::EC2::SecurityGroup',
  severity: 'HIGH',
  frameworks: { cis: ['5.2', '5.3'], fsbp: ['EC2.53', 'EC2.54'] },
  remediation: 'AIOps-RevokeOpenSSH',
  test: (s) => {
    const open = worldOpen(s.ipPermissions, [22]);
    return open.length === 0 ? pass() : fail(`SSH is open to ${[...new Set(open.flatMap((o) => o.sources))].join(' and ')}`, { openRules: open, groupId: s.groupId });
  },
});
