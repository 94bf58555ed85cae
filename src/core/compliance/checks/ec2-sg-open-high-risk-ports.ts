import { defineCheck, fail, pass } from '../check.js';
import { worldOpen } from './helpers.js';

export default defineCheck({
  id: 'ec2-sg-open-high-risk-ports',
  title: 'Security groups do not expose high-risk ports (databases, FTP, Telnet…) to the internet',
  description: 'Ports of databases, caches and legacy protocols (config.highRiskPorts) must not be world-open.',
  service: 'ec2',
  resourceType: 'AWS::EC2::SecurityGroup',
  severity: 'HIGH',
  frameworks: { fsbp: ['EC2.19'] },
  test: (s, ctx) => {
    const open = worldOpen(s.ipPermissions, ctx.config.highRiskPorts, ['tcp', '6', 'udp', '17']);
    const ports = [...new Set(open.map((o) => o.port))];
    return open.length === 0 ? pass() : fail(`high-risk ports open to the internet: ${ports.join(', ')}`, { ports, groupId: s.groupId });
  },
});
