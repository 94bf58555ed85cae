import { defineCheck, fail, notApplicable, pass } from '../check.js';

export default defineCheck({
  id: 'ec2-instance-no-public-ip',
  title: 'EC2 instances have no public IPv4 address',
  description: 'Instances are reached through load balancers or SSM, not directly from the internet.',
  service: 'ec2',
  resourceType: 'AWS::EC2::Instance',
  severity: 'MEDIUM',
  frameworks: { fsbp: ['EC2.9'] },
  test: (s) => {
    if (s.state.Name === 'terminated') return notApplicable('instance is terminated');
    return s.publicIpAddress ? fail(`instance has public IP ${s.publicIpAddress}`, { publicIpAddress: s.publicIpAddress }) : pass();
  },
});
