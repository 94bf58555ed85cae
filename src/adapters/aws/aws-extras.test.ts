import { AutoScalingClient, DescribeAutoScalingGroupsCommand, SetDesiredCapacityCommand } from '@aws-sdk/client-auto-scaling';
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { AwsCloud } from './cloud.js';
import { StatefulCloud } from './stateful-cloud.js';

const ASG = 'arn:aws:autoscaling:us-east-1:111122223333:autoScalingGroup:uuid-1:autoScalingGroupName/web';

describe('Class: StatefulCloud', () => {
  const asg = mockClient(AutoScalingClient);
  const tagging = mockClient(ResourceGroupsTaggingAPIClient);
  beforeEach(() => {
    asg.reset();
    tagging.reset();
    tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: [{ ResourceARN: ASG, Tags: [{ Key: 'environment', Value: 'staging' }] }] });
    asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [{ AutoScalingGroupName: 'web', DesiredCapacity: 4, MinSize: 1, MaxSize: 10, Instances: [], HealthCheckType: 'EC2', LaunchConfigurationName: 'lc', AvailabilityZones: [], DefaultCooldown: 300, CreatedTime: new Date(0) }] });
    asg.on(SetDesiredCapacityCommand).resolves({});
  });
  const cloud = () => {
    const autoscaling = new AutoScalingClient({});
    return new StatefulCloud(new AwsCloud({ clients: { autoscaling, tagging: new ResourceGroupsTaggingAPIClient({}) } }));
  };

  it('describes an Auto Scaling group with the state runbooks decide on', async () => {
    expect((await cloud().describe(ASG))?.state).toMatchObject({ AutoScalingGroupName: 'web', DesiredCapacity: 4, MaxSize: 10 });
  });

  it('passes catalogue (API-case) parameters to the action table and returns before in API case', async () => {
    const res = await cloud().execute({ call: 'autoscaling:SetDesiredCapacity', target: ASG, params: { AutoScalingGroupName: 'web', DesiredCapacity: 5, HonorCooldown: false } });
    expect(res).toMatchObject({ ok: true, before: { DesiredCapacity: 4, desiredCapacity: 4 } });
    expect(asg.commandCalls(SetDesiredCapacityCommand)[0]?.args[0].input).toMatchObject({ AutoScalingGroupName: 'web', DesiredCapacity: 5 });
  });

  it('lists resources with their state', async () => {
    expect((await cloud().listResources({ type: 'AWS::AutoScaling::AutoScalingGroup' }))[0]?.state).toMatchObject({ DesiredCapacity: 4 });
  });

  it('returns undefined for a resource neither the tagging API nor its service knows', async () => {
    tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: [] });
    asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [] });
    expect(await cloud().describe(ASG)).toBeUndefined();
  });

  it('describes an untagged resource from its service (the tagging API only lists tagged ones)', async () => {
    tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: [] });
    expect((await cloud().describe(ASG))?.state).toMatchObject({ DesiredCapacity: 4 });
  });
});
