import { defineCheck, fail, notApplicable, pass } from '../check.js';

export default defineCheck({
  id: 'ec2-ebs-volume-encrypted',
  title: 'EBS volumes are encrypted',
  description: 'Attached and unattached EBS volumes are encrypted at rest.',
  service: 'ec2',
  resourceType: 'AWS::EC2::Volume',
  severity: 'MEDIUM',
  frameworks: { fsbp: ['EC2.3'] },
  test: (s) => {
    if (s.state === 'deleted' || s.state === 'deleting') return notApplicable(`volume is ${s.state}`);
    return s.encrypted ? pass() : fail('volume is not encrypted', { volumeId: s.volumeId, encrypted: false });
  },
});
