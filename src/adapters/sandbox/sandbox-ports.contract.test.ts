import { describeCloudContract } from '../../ports/cloud.contract.js';
import { describeLogsContract } from '../../ports/logs.contract.js';
import { describeMetricsContract } from '../../ports/metrics.contract.js';
import { ManualClock } from '../local/clocks.js';
import { Sandbox } from './sandbox.js';

const fresh = () => {
  const clock = new ManualClock('2026-11-23T10:00:00.000Z');
  return { clock, sandbox: new Sandbox({ clock, seed: 3 }) };
};

describeCloudContract('SandboxCloud', async () => {
  const { sandbox } = fresh();
  const asg = sandbox.resolve('web-asg');
  return { cloud: sandbox.cloud, action: { call: 'autoscaling:SetDesiredCapacity', target: asg.arn, params: { AutoScalingGroupName: 'web-asg', DesiredCapacity: 6 }, field: 'DesiredCapacity', expected: 6 } };
});

describeMetricsContract('SandboxMetrics', async () => {
  const { clock, sandbox } = fresh();
  return { metrics: sandbox.metrics, now: clock.now() };
});

describeLogsContract('SandboxLogs', async () => {
  const { clock, sandbox } = fresh();
  return { logs: sandbox.logs, resourceArn: sandbox.resolve('orders-processor').arn, now: clock.now() };
});
