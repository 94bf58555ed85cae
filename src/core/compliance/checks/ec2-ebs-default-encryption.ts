import { defineCheck, fail, pass } from '../check.js';
import { regionsToCheck } from './helpers.js';

export default defineCheck({
  id: 'ec2-ebs-default-encryption',
  title: 'EBS encryption by default is on in every region',
  description: 'New volumes and snapshot copies are encrypted without anyone having to remember.',
  service: 'ec2',
  resourceType: 'AWS::::Account',
  severity: 'MEDIUM',
  frameworks: { cis: ['2.2.1'], fsbp: ['EC2.7'] },
  test: (s, ctx) => {
    const off = regionsToCheck(s.regions, ctx.config.requiredRegions).filter((r) => !r.settings?.ebsEncryptionByDefault).map((r) => r.region);
    return off.length === 0 ? pass() : fail(`EBS default encryption is off in ${off.join(', ')}`, { regions: off });
  },
});
