import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { EnvConfig } from '../config.js';
import { METRICS_NAMESPACE, type AiopsFunction } from '../constructs/aiops-function.js';
import { PlatformMonitoring } from '../constructs/platform-monitoring.js';
import { ThresholdAlarmFactory, type Thresholds } from '../constructs/threshold-alarm-factory.js';
import type { AlertingStack } from './alerting-stack.js';
import type { ApiStack } from './api-stack.js';
import type { DataStack } from './data-stack.js';
import type { RemediationStack } from './remediation-stack.js';

export interface MonitoringStackProps extends StackProps {
  config: EnvConfig;
  data: DataStack;
  alerting: AlertingStack;
  remediation: RemediationStack;
  api: ApiStack;
  functions: AiopsFunction[];
}

/** Seed 000 "Alarm Thresholds" (warning, critical). */
export const SEED_THRESHOLDS = {
  lambdaErrorRatePct: { warning: 1, critical: 5 },
  lambdaP99DurationPctOfTimeout: { warning: 80, critical: 95 },
  sqsOldestMessageAgeSeconds: { warning: 5 * 60, critical: 15 * 60 },
  dynamodbThrottledPerMinute: { warning: 1, critical: 10 },
  ec2CpuUtilizationPct: { warning: 70, critical: 90 },
  alb5xxPerMinute: { warning: 10, critical: 50 },
} as const satisfies Record<string, Thresholds>;

export const DASHBOARDS = ['AIOps-Overview', 'AIOps-Lambda', 'AIOps-Infrastructure', 'AIOps-Cost', 'AIOps-Security'] as const;

const ONE_MINUTE = Duration.minutes(1);
const FIVE_MINUTES = Duration.minutes(5);

/**
 * "Everything is an alarm": the seed thresholds on every resource of the platform itself and on
 * the workload resources named in the env config, anomaly-detection band alarms, and the five
 * standard dashboards.
 */
export class MonitoringStack extends Stack {
  readonly alarms: ThresholdAlarmFactory;
  readonly dashboards: cloudwatch.Dashboard[] = [];
  readonly platform: PlatformMonitoring;

  constructor(scope: Construct, id: string, props: MonitoringStackProps) {
    super(scope, id, props);
    const { config, data, alerting, remediation, api } = props;
    const env = config.env;
    this.alarms = new ThresholdAlarmFactory(this, 'Alarms', { env, topics: { warning: alerting.alertsTopic, critical: alerting.criticalTopic } });
    const t = SEED_THRESHOLDS;

    for (const f of props.functions) {
      const service = f.functionName.replace(new RegExp(`-${env}$`), '');
      const errorRate = new cloudwatch.MathExpression({ expression: 'IF(invocations > 0, 100 * errors / invocations, 0)', usingMetrics: { errors: f.fn.metricErrors({ period: FIVE_MINUTES }), invocations: f.fn.metricInvocations({ period: FIVE_MINUTES }) }, period: FIVE_MINUTES, label: `${service} error rate %` });
      this.alarms.addThresholdAlarms({ service, metricName: 'error-rate', metric: errorRate, thresholds: t.lambdaErrorRatePct, description: `${service}: Lambda error rate %` });
      const timeoutMs = f.timeout.toMilliseconds();
      this.alarms.addThresholdAlarms({
        service,
        metricName: 'p99-duration',
        metric: f.fn.metricDuration({ statistic: 'p99', period: FIVE_MINUTES }),
        thresholds: { warning: (timeoutMs * t.lambdaP99DurationPctOfTimeout.warning) / 100, critical: (timeoutMs * t.lambdaP99DurationPctOfTimeout.critical) / 100 },
        description: `${service}: P99 duration (ms) against ${timeoutMs} ms timeout`,
      });
    }

    const queues: [string, sqs.IQueue][] = [['aiops-ingestion', alerting.ingestionQueue], ['aiops-ingestion-dlq', alerting.ingestionDlq]];
    for (const [service, q] of queues) {
      this.alarms.addThresholdAlarms({ service, metricName: 'oldest-message-age', metric: q.metricApproximateAgeOfOldestMessage({ period: ONE_MINUTE, statistic: 'Maximum' }), thresholds: t.sqsOldestMessageAgeSeconds, description: `${service}: ApproximateAgeOfOldestMessage (s)` });
    }
    this.alarms.addThresholdAlarms({ service: 'aiops-ingestion-dlq', metricName: 'visible-messages', metric: alerting.ingestionDlq.metricApproximateNumberOfMessagesVisible({ period: ONE_MINUTE, statistic: 'Maximum' }), thresholds: { warning: 1, critical: 100 }, description: 'Ingestion DLQ depth: events that could not be processed' });

    for (const table of [...data.tables, data.idempotencyTable] as dynamodb.Table[]) {
      const service = (table.node.defaultChild as dynamodb.CfnTable).tableName?.replace(new RegExp(`-${env}$`), '') ?? table.node.id;
      const throttles = new cloudwatch.MathExpression({
        expression: 'FILL(r, 0) + FILL(w, 0)',
        usingMetrics: { r: table.metric('ReadThrottleEvents', { period: ONE_MINUTE, statistic: 'Sum' }), w: table.metric('WriteThrottleEvents', { period: ONE_MINUTE, statistic: 'Sum' }) },
        period: ONE_MINUTE,
        label: `${service} throttled requests / min`,
      });
      this.alarms.addThresholdAlarms({ service, metricName: 'throttled-requests', metric: throttles, thresholds: t.dynamodbThrottledPerMinute, description: `${service}: DynamoDB throttled requests per minute` });
    }

    this.alarms.addThresholdAlarms({ service: 'remediation-orchestrator', metricName: 'executions-failed', metric: remediation.stateMachine.metricFailed({ period: FIVE_MINUTES, statistic: 'Sum' }), thresholds: { warning: 1, critical: 5 }, description: 'Remediation executions that failed' });
    this.alarms.addThresholdAlarms({ service: 'aiops-api', metricName: 'server-errors', metric: api.api.metricServerError({ period: ONE_MINUTE, statistic: 'Sum' }), thresholds: { warning: 1, critical: 10 }, description: 'API 5xx per minute' });

    for (const asg of config.monitored.autoScalingGroups) {
      const cpu = new cloudwatch.Metric({ namespace: 'AWS/EC2', metricName: 'CPUUtilization', dimensionsMap: { AutoScalingGroupName: asg }, statistic: 'Average', period: FIVE_MINUTES });
      this.alarms.addThresholdAlarms({ service: asg, metricName: 'cpu-utilization', metric: cpu, thresholds: t.ec2CpuUtilizationPct, evaluationPeriods: 2, description: `${asg}: EC2 CPUUtilization % (10 minutes)` });
      this.alarms.addAnomalyAlarm({ service: asg, metricName: 'cpu-utilization', metric: cpu, description: `${asg}: CPU outside its expected band` });
    }
    for (const lb of config.monitored.loadBalancers) {
      const service = lb.split('/')[1] ?? lb;
      const fivexx = new cloudwatch.Metric({ namespace: 'AWS/ApplicationELB', metricName: 'HTTPCode_Target_5XX_Count', dimensionsMap: { LoadBalancer: lb }, statistic: 'Sum', period: ONE_MINUTE });
      this.alarms.addThresholdAlarms({ service, metricName: 'target-5xx-count', metric: fivexx, thresholds: t.alb5xxPerMinute, description: `${service}: ALB target 5xx per minute` });
      this.alarms.addAnomalyAlarm({ service, metricName: 'request-count', metric: new cloudwatch.Metric({ namespace: 'AWS/ApplicationELB', metricName: 'RequestCount', dimensionsMap: { LoadBalancer: lb }, statistic: 'Sum', period: FIVE_MINUTES }), description: `${service}: request volume outside its expected band` });
    }
    // Alert volume is the platform's own symptom: a sudden flood or silence both deserve a look.
    this.alarms.addAnomalyAlarm({ service: 'alert-router', metricName: 'invocations', metric: alerting.alertRouter.fn.metricInvocations({ period: FIVE_MINUTES, statistic: 'Sum' }) as cloudwatch.Metric, description: 'Alert volume outside its expected band' });

    const tableName = (table: dynamodb.Table) => (table.node.defaultChild as dynamodb.CfnTable).tableName ?? table.node.id;
    this.platform = new PlatformMonitoring(this, 'PlatformMonitoring', {
      env,
      functions: props.functions,
      queues: [{ queue: alerting.ingestionQueue, deadLetterQueue: alerting.ingestionDlq, name: `aiops-ingestion-${env}` }],
      // Every table is on-demand (DataStack).
      tables: ([...data.tables, data.idempotencyTable] as dynamodb.Table[]).map((table) => ({ table, name: tableName(table), billingMode: dynamodb.BillingMode.PAY_PER_REQUEST })),
      stateMachine: remediation.stateMachine,
      api: api.api,
    });

    this.buildDashboards(props);
  }

  private buildDashboards(props: MonitoringStackProps): void {
    const { config, alerting, remediation } = props;
    const custom = (metricName: string, stat = 'Sum', dims: Record<string, string> = {}) => new cloudwatch.Metric({ namespace: METRICS_NAMESPACE, metricName, statistic: stat, dimensionsMap: { service: 'aiops', ...dims }, period: FIVE_MINUTES });
    const text = (markdown: string) => new cloudwatch.TextWidget({ markdown, width: 24, height: 2 });
    const fns = props.functions;
    this.dashboardsFor(config.env, {
      'AIOps-Overview': [
        [text(`# AIOps Overview (${config.env})\nSLO burn rates, open incidents, alert volume.`)],
        [
          new cloudwatch.GraphWidget({ title: 'SLO burn rate (1h / 6h)', left: [custom('SloBurnRate1h', 'Maximum'), custom('SloBurnRate6h', 'Maximum')], width: 12 }),
          new cloudwatch.SingleValueWidget({ title: 'Open incidents', metrics: [custom('OpenIncidents', 'Maximum')], width: 6 }),
          new cloudwatch.SingleValueWidget({ title: 'Remediations (24h)', metrics: [new cloudwatch.Metric({ namespace: 'AIOps/Automation', metricName: 'RemediationExecuted', statistic: 'Sum', period: Duration.days(1) })], width: 6 }),
        ],
        [new cloudwatch.GraphWidget({ title: 'Alert volume', left: [alerting.alertRouter.fn.metricInvocations({ period: FIVE_MINUTES }), custom('AlertsReceived'), custom('IncidentsOpened')], width: 24 })],
        [new cloudwatch.AlarmStatusWidget({ title: 'Critical alarms', alarms: this.alarms.alarms.filter((a) => a.node.id.endsWith('CriticalAlarm')).slice(0, 100), width: 24, height: 6 })],
      ],
      'AIOps-Lambda': [
        [new cloudwatch.GraphWidget({ title: 'Errors', left: fns.map((f) => f.fn.metricErrors({ period: FIVE_MINUTES, label: f.functionName })), width: 12 }), new cloudwatch.GraphWidget({ title: 'Throttles', left: fns.map((f) => f.fn.metricThrottles({ period: FIVE_MINUTES, label: f.functionName })), width: 12 })],
        [new cloudwatch.GraphWidget({ title: 'P99 duration (ms)', left: fns.map((f) => f.fn.metricDuration({ statistic: 'p99', period: FIVE_MINUTES, label: f.functionName })), width: 12 }), new cloudwatch.GraphWidget({ title: 'Cold starts', left: fns.map((f) => new cloudwatch.Metric({ namespace: METRICS_NAMESPACE, metricName: 'ColdStart', statistic: 'Sum', dimensionsMap: { service: f.functionName.replace(`-${config.env}`, '') }, period: FIVE_MINUTES, label: f.functionName })), width: 12 })],
        [text('## Per function (cdk-monitoring-constructs)')],
        this.platform.widgets('lambda'),
      ],
      'AIOps-Infrastructure': [
        [
          new cloudwatch.GraphWidget({ title: 'EC2 CPU (monitored ASGs)', left: config.monitored.autoScalingGroups.map((g) => new cloudwatch.Metric({ namespace: 'AWS/EC2', metricName: 'CPUUtilization', dimensionsMap: { AutoScalingGroupName: g }, period: FIVE_MINUTES })), width: 12 }),
          new cloudwatch.GraphWidget({ title: 'ALB target 5xx', left: config.monitored.loadBalancers.map((lb) => new cloudwatch.Metric({ namespace: 'AWS/ApplicationELB', metricName: 'HTTPCode_Target_5XX_Count', dimensionsMap: { LoadBalancer: lb }, statistic: 'Sum', period: ONE_MINUTE })), width: 12 }),
        ],
        [
          new cloudwatch.GraphWidget({ title: 'RDS CPU / ECS CPU (account)', left: [new cloudwatch.MathExpression({ expression: "SELECT AVG(CPUUtilization) FROM SCHEMA(\"AWS/RDS\", DBInstanceIdentifier) GROUP BY DBInstanceIdentifier", period: FIVE_MINUTES, label: 'RDS' }), new cloudwatch.MathExpression({ expression: "SELECT AVG(CPUUtilization) FROM SCHEMA(\"AWS/ECS\", ClusterName, ServiceName) GROUP BY ServiceName", period: FIVE_MINUTES, label: 'ECS' })], width: 12 }),
          new cloudwatch.GraphWidget({ title: 'EKS node CPU (Container Insights)', left: [new cloudwatch.MathExpression({ expression: "SELECT AVG(node_cpu_utilization) FROM SCHEMA(ContainerInsights, ClusterName) GROUP BY ClusterName", period: FIVE_MINUTES, label: 'EKS' })], width: 12 }),
        ],
        [new cloudwatch.GraphWidget({ title: 'Ingestion queue age (s)', left: [alerting.ingestionQueue.metricApproximateAgeOfOldestMessage({ period: ONE_MINUTE })], right: [alerting.ingestionDlq.metricApproximateNumberOfMessagesVisible({ period: ONE_MINUTE })], width: 12 }), new cloudwatch.GraphWidget({ title: 'Remediation executions', left: [remediation.stateMachine.metricSucceeded({ period: FIVE_MINUTES }), remediation.stateMachine.metricFailed({ period: FIVE_MINUTES })], width: 12 })],
        [text('## Platform queues, tables, orchestrator and API (cdk-monitoring-constructs)')],
        this.platform.widgets('infrastructure'),
      ],
      'AIOps-Cost': [
        [new cloudwatch.GraphWidget({ title: 'Estimated charges (USD)', left: [new cloudwatch.Metric({ namespace: 'AWS/Billing', metricName: 'EstimatedCharges', dimensionsMap: { Currency: 'USD' }, statistic: 'Maximum', period: Duration.hours(6), region: 'us-east-1' })], width: 12 }), new cloudwatch.GraphWidget({ title: 'Daily spend / savings found (USD)', left: [custom('DailySpend', 'Maximum'), custom('MonthlySavingsIdentified', 'Maximum')], width: 12 })],
        [new cloudwatch.GraphWidget({ title: 'Top cost drivers (by service)', left: [new cloudwatch.MathExpression({ expression: "SELECT MAX(EstimatedCharges) FROM SCHEMA(\"AWS/Billing\", Currency, ServiceName) GROUP BY ServiceName ORDER BY MAX() DESC LIMIT 10", period: Duration.hours(6), label: 'by service', searchRegion: 'us-east-1' })], width: 24 })],
      ],
      'AIOps-Security': [
        [new cloudwatch.GraphWidget({ title: 'Security Hub findings by severity', left: ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'].map((s) => custom('SecurityFindings', 'Maximum', { severity: s })), width: 12 }), new cloudwatch.SingleValueWidget({ title: 'Config compliance score %', metrics: [custom('ConfigComplianceScore', 'Minimum')], width: 12 })],
        [new cloudwatch.GraphWidget({ title: 'Security-relevant events ingested', left: [new cloudwatch.Metric({ namespace: 'AWS/Events', metricName: 'MatchedEvents', dimensionsMap: { RuleName: `aiops-guard-duty-finding-${config.env}` }, statistic: 'Sum', period: FIVE_MINUTES }), new cloudwatch.Metric({ namespace: 'AWS/Events', metricName: 'MatchedEvents', dimensionsMap: { RuleName: `aiops-cloud-trail-sensitive-api-${config.env}` }, statistic: 'Sum', period: FIVE_MINUTES })], width: 24 })],
      ],
    });
  }

  private dashboardsFor(env: string, layout: Record<(typeof DASHBOARDS)[number], cloudwatch.IWidget[][]>): void {
    for (const name of DASHBOARDS) {
      const d = new cloudwatch.Dashboard(this, `${name.replace(/[^A-Za-z0-9]/g, '')}Dashboard`, { dashboardName: `${name}-${env}`, defaultInterval: Duration.hours(24) });
      for (const row of layout[name]) d.addWidgets(...row);
      this.dashboards.push(d);
    }
  }
}
