import { defineCheck, fail, pass } from '../check.js';
import { worldSources } from './helpers.js';

export default defineCheck({
  id: 'ec2-sg-open-all-ports',
  title: 'Security groups do not allow all traffic or all ports from the internet',
  description: 'An ingress rule with protocol -1, or TCP/UDP 0-65535, from 0.0.0.0/0 or ::/0.',
  service: 'ec2',
  resourceType: 'AWS::EC2::SecurityGroup',
  severity: 'CRITICAL',
  frameworks: { fsbp: ['EC2.18'] },
  test: (s) => {
    const open = s.ipPermissions
      .filter((p) => worldSources(p).length > 0)
      .filter((p) => p.IpProtocol === '-1' || ((p.FromPort ?? 0) <= 0 && (p.ToPort ?? 65535) >= 65535))
      .map((p) => ({ protocol: p.IpProtocol, fromPort: p.FromPort, toPort: p.ToPort, sources: worldSources(p) }));
    return open.length === 0 ? pass() : fail('all ports are open to the internet', { openRules: open, groupId: s.groupId });
  },
});
