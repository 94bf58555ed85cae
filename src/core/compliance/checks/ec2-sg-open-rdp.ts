import { defineCheck, fail, pass } from '../check.js';
import { worldOpen } from './helpers.js';

export default defineCheck({
  id: 'ec2-sg-open-rdp',
  title: 'Security groups do not allow RDP (3389) from 0.0.0.0/0 or ::/0',
  description: 'RDP open to the internet is a common ransomware entry point.',
  service: 'ec2',
  resourceType: 'AWS::EC2::SecurityGroup',
  severity: 'HIGH',
  frameworks: { cis: ['5.2', '5.3'], fsbp: ['EC2.53', 'EC2.54'] },
  test: (s) => {
    const open = worldOpen(s.ipPermissions, [3389], ['tcp', '6', 'udp', '17']);
    return open.length === 0 ? pass() : fail('RDP is open to the internet', { openRules: open, groupId: s.groupId });
  },
});
