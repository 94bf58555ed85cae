import { defineCheck, fail, pass } from '../check.js';

export default defineCheck({
  id: 'vpc-flow-logs-enabled',
  title: 'VPC flow logging is enabled',
  description: 'Every VPC has an ACTIVE flow log capturing at least rejected traffic.',
  service: 'ec2',
  resourceType: 'AWS::EC2::VPC',
  severity: 'MEDIUM',
  frameworks: { cis: ['3.7'], fsbp: ['EC2.6'] },
  test: (s) => {
    const active = s.flowLogs.filter((f) => f.FlowLogStatus === 'ACTIVE' && (f.TrafficType === 'ALL' || f.TrafficType === 'REJECT'));
    return active.length > 0 ? pass({ flowLogs: active.map((f) => f.FlowLogId) }) : fail('no active flow log', { vpcId: s.vpcId, flowLogs: s.flowLogs });
  },
});
