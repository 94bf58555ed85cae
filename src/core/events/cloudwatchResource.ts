/**
 * What a CloudWatch alarm is about: the resource ARN derived from its metric dimensions, and the
 * environment/service/level encoded in the product's alarm naming convention
 * `<environment>-<service>-<metric>-<severity>` (e.g. `prod-order-api-error-rate-critical`).
 */

const ENVIRONMENTS = new Set(['prod', 'production', 'staging', 'stage', 'dev', 'test', 'qa', 'sandbox', 'sbx']);

/** Metric slugs used in alarm names, longest first so `p99-duration` wins over `duration`. */
const METRIC_SLUGS = [
  'error-rate',
  'p99-duration',
  'queue-age',
  'oldest-message-age',
  'dlq-depth',
  'throttles',
  'throttled-requests',
  'cpu-utilization',
  'cpu',
  '5xx',
  'target-5xx',
  'latency',
  'duration',
  'errors',
  'memory',
  'replica-lag',
  'connections',
  'running-tasks',
  'task-count',
  'freeable-memory',
  'free-storage',
].sort((a, b) => b.length - a.length);

export interface AlarmNameParts {
  environment?: string;
  service?: string;
  metricSlug?: string;
  level?: 'critical' | 'warning';
}

export function parseAlarmName(name: string): AlarmNameParts {
  const tokens = name.toLowerCase().split('-').filter(Boolean);
  const out: AlarmNameParts = {};
  if (tokens.length < 3) return out;
  const first = tokens[0] as string;
  const last = tokens[tokens.length - 1] as string;
  if (!ENVIRONMENTS.has(first)) return out;
  out.environment = first === 'production' ? 'prod' : first;
  let middle = tokens.slice(1);
  if (last === 'critical' || last === 'warning') {
    out.level = last;
    middle = middle.slice(0, -1);
  }
  const joined = middle.join('-');
  const slug = METRIC_SLUGS.find((s) => joined.endsWith(`-${s}`));
  if (slug) {
    out.metricSlug = slug;
    out.service = joined.slice(0, -(slug.length + 1));
  } else if (middle.length > 1) {
    out.service = middle.slice(0, -1).join('-');
    out.metricSlug = middle[middle.length - 1];
  } else if (joined) {
    out.service = joined;
  }
  return out;
}

/**
 * The ARN of the resource a metric describes, from its dimensions. Unknown dimension sets fall
 * back to `fallback` (the alarm ARN), so a signal always names something addressable.
 */
export function resourceArnFromDimensions(namespace: string, dims: Record<string, string>, region: string, account: string, fallback: string): { arn: string; type?: string } {
  const p = `${region}:${account}`;
  if (dims.FunctionName) return { arn: `arn:aws:lambda:${p}:function:${dims.FunctionName}`, type: 'AWS::Lambda::Function' };
  if (dims.QueueName) return { arn: `arn:aws:sqs:${p}:${dims.QueueName}`, type: 'AWS::SQS::Queue' };
  if (dims.TableName) return { arn: `arn:aws:dynamodb:${p}:table/${dims.TableName}`, type: 'AWS::DynamoDB::Table' };
  if (dims.AutoScalingGroupName) return { arn: `arn:aws:autoscaling:${p}:autoScalingGroup:*:autoScalingGroupName/${dims.AutoScalingGroupName}`, type: 'AWS::AutoScaling::AutoScalingGroup' };
  if (dims.InstanceId) return { arn: `arn:aws:ec2:${p}:instance/${dims.InstanceId}`, type: 'AWS::EC2::Instance' };
  if (dims.LoadBalancer) {
    if (dims.TargetGroup) return { arn: `arn:aws:elasticloadbalancing:${p}:${dims.TargetGroup}`, type: 'AWS::ElasticLoadBalancingV2::TargetGroup' };
    return { arn: `arn:aws:elasticloadbalancing:${p}:loadbalancer/${dims.LoadBalancer}`, type: 'AWS::ElasticLoadBalancingV2::LoadBalancer' };
  }
  if (dims.DBInstanceIdentifier) return { arn: `arn:aws:rds:${p}:db:${dims.DBInstanceIdentifier}`, type: 'AWS::RDS::DBInstance' };
  if (dims.DBClusterIdentifier) return { arn: `arn:aws:rds:${p}:cluster:${dims.DBClusterIdentifier}`, type: 'AWS::RDS::DBCluster' };
  if (dims.ClusterName && dims.ServiceName) return { arn: `arn:aws:ecs:${p}:service/${dims.ClusterName}/${dims.ServiceName}`, type: 'AWS::ECS::Service' };
  if (dims.ClusterName) return { arn: `arn:aws:ecs:${p}:cluster/${dims.ClusterName}`, type: 'AWS::ECS::Cluster' };
  if (dims.DistributionId) return { arn: `arn:aws:cloudfront::${account}:distribution/${dims.DistributionId}`, type: 'AWS::CloudFront::Distribution' };
  if (dims.ApiName) return { arn: `arn:aws:apigateway:${region}::/restapis/${dims.ApiName}`, type: 'AWS::ApiGateway::RestApi' };
  if (dims.StateMachineArn) return { arn: dims.StateMachineArn, type: 'AWS::StepFunctions::StateMachine' };
  void namespace;
  return { arn: fallback };
}

/** `arn:aws:cloudwatch:us-east-1:123456789012:alarm:name` → region/account. */
export function arnParts(arn: string): { region: string; account: string } {
  const parts = arn.split(':');
  return { region: parts[3] ?? '', account: parts[4] ?? '' };
}
