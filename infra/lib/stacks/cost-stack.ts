import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import type { EnvConfig } from '../config.js';
import { AiopsFunction } from '../constructs/aiops-function.js';
import { acknowledge, acknowledgeBucketGrant, iam5 } from '../constructs/nag.js';
import { SecureBucket } from '../constructs/secure-bucket.js';
import type { AlertingStack } from './alerting-stack.js';
import type { DataStack } from './data-stack.js';

export interface CostStackProps extends StackProps {
  config: EnvConfig;
  data: DataStack;
  alerting: AlertingStack;
}

/** Seed: "Daily 03:00 UTC — Generate cost anomaly report and post to Slack". */
export const COST_REPORT_SCHEDULE = { minute: '0', hour: '3' } as const;

/** FinOps: the cost-analyzer Lambda, a private encrypted report bucket and its 03:00 UTC schedule. */
export class CostStack extends Stack {
  readonly reports: SecureBucket;
  readonly costAnalyzer: AiopsFunction;

  constructor(scope: Construct, id: string, props: CostStackProps) {
    super(scope, id, props);
    const { config, data, alerting } = props;
    this.reports = new SecureBucket(this, 'CostReports', { config, purpose: 'cost-reports' });
    this.costAnalyzer = new AiopsFunction(this, 'CostAnalyzerFunction', {
      config,
      name: 'cost-analyzer',
      description: 'Daily cost anomaly report and savings recommendations',
      timeout: Duration.minutes(10),
      memorySize: 1024,
      environment: { REPORTS_BUCKET_NAME: this.reports.bucket.bucketName, EVENT_BUS_NAME: alerting.bus.eventBusName, ALERTS_TOPIC_ARN: alerting.alertsTopic.topicArn, NOTIFIER_SECRET_ARN: alerting.notifierSecret.secretArn, ...data.storeEnvironment() },
    });
    const fn = this.costAnalyzer.fn;
    this.reports.bucket.grantReadWrite(fn);
    data.grantStore(fn);
    data.grantIdempotency(fn);
    alerting.grantNotify(fn, 'alerts');
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['ce:GetCostAndUsage', 'ce:GetCostForecast', 'ce:GetAnomalies', 'ce:GetRightsizingRecommendation', 'ce:GetSavingsPlansPurchaseRecommendation', 'pricing:GetProducts', 'tag:GetResources', 'ec2:DescribeInstances', 'ec2:DescribeVolumes', 'ec2:DescribeAddresses', 'ec2:DescribeSnapshots', 'rds:DescribeDBInstances', 'cloudwatch:GetMetricData', 'lambda:ListFunctions', 's3:ListAllMyBuckets'],
        resources: ['*'],
      }),
    );
    acknowledge(fn, 'Cost Explorer, Pricing, tagging and describe/list calls have no resource-level permissions and are read-only.', iam5('Resource', '*'));
    acknowledgeBucketGrant(fn, this.reports.bucket, 'readWrite');
    new events.Rule(this, 'CostReportRule', {
      ruleName: `aiops-cost-report-${config.env}`,
      description: 'Daily 03:00 UTC cost anomaly report',
      schedule: events.Schedule.cron({ ...COST_REPORT_SCHEDULE }),
      targets: [new targets.LambdaFunction(fn, { event: events.RuleTargetInput.fromObject({ task: 'cost-report' }), retryAttempts: 2 })],
    });
  }
}
