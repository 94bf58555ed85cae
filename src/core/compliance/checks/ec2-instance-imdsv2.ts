import { defineCheck, fail, notApplicable, pass } from '../check.js';

export default defineCheck({
  id: 'ec2-instance-imdsv2',
  title: 'EC2 instances require IMDSv2',
  description: 'HttpTokens must be "required" so SSRF cannot read instance credentials through IMDSv1.',
  service: 'ec2',
  resourceType: 'AWS::EC2::Instance',
  severity: 'HIGH',
  frameworks: { cis: ['5.6'], fsbp: ['EC2.8'] },
  test: (s) => {
    if (s.state.Name === 'terminated') return notApplicable('instance is terminated');
    if (s.metadataOptions.HttpEndpoint === 'disabled') return pass({ httpEndpoint: 'disabled' });
    return s.metadataOptions.HttpTokens === 'required' ? pass() : fail('IMDSv1 is allowed (HttpTokens=optional)', { metadataOptions: s.metadataOptions });
  },
});
