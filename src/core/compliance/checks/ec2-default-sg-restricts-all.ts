import { defineCheck, fail, notApplicable, pass } from '../check.js';

export default defineCheck({
  id: 'ec2-default-sg-restricts-all',
  title: "The VPC's default security group allows no traffic",
  description: 'Resources launched without a group land in the default one; it must have no rules.',
  service: 'ec2',
  resourceType: 'AWS::EC2::SecurityGroup',
  severity: 'MEDIUM',
  frameworks: { cis: ['5.4'], fsbp: ['EC2.2'] },
  test: (s) => {
    if (s.groupName !== 'default') return notApplicable('not a default security group');
    const rules = s.ipPermissions.length + s.ipPermissionsEgress.length;
    return rules === 0 ? pass() : fail(`default security group has ${rules} rule(s)`, { ingress: s.ipPermissions.length, egress: s.ipPermissionsEgress.length });
  },
});
