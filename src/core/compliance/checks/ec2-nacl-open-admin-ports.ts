import { defineCheck, fail, pass } from '../check.js';

const ADMIN_PORTS = [22, 3389];

export default defineCheck({
  id: 'ec2-nacl-open-admin-ports',
  title: 'Network ACLs do not allow ingress from the internet to SSH/RDP',
  description: 'The first matching ingress entry (by rule number) for 0.0.0.0/0 or ::/0 on 22/3389 must not be allow.',
  service: 'ec2',
  resourceType: 'AWS::EC2::NetworkAcl',
  severity: 'MEDIUM',
  frameworks: { cis: ['5.1'], fsbp: ['EC2.21'] },
  test: (s) => {
    const ingress = s.entries.filter((e) => !e.Egress && (e.CidrBlock === '0.0.0.0/0' || e.Ipv6CidrBlock === '::/0')).sort((a, b) => a.RuleNumber - b.RuleNumber);
    const open = ADMIN_PORTS.filter((port) => {
      const first = ingress.find((e) => e.Protocol === '-1' || (['6', '17'].includes(e.Protocol) && (e.PortRange?.From ?? 0) <= port && port <= (e.PortRange?.To ?? 65535)));
      return first?.RuleAction === 'allow';
    });
    return open.length === 0 ? pass() : fail(`network ACL allows ports ${open.join(', ')} from the internet`, { ports: open, networkAclId: s.networkAclId });
  },
});
