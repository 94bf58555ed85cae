import type * as apigw from 'aws-cdk-lib/aws-apigateway';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { DefaultDashboards, MonitoringFacade, type IDynamicDashboardFactory, type IDynamicDashboardSegment } from 'cdk-monitoring-constructs';
import { Construct } from 'constructs';
import type { AiopsFunction } from './aiops-function.js';

export interface PlatformMonitoringProps {
  env: string;
  functions: AiopsFunction[];
  queues: { queue: sqs.IQueue; deadLetterQueue: sqs.IQueue; name: string }[];
  tables: { table: dynamodb.ITable; name: string; billingMode: dynamodb.BillingMode }[];
  stateMachine: sfn.IStateMachine;
  api: apigw.IRestApi;
}

/**
 * The platform's own Lambdas, queues, tables, state machine and API as cdk-monitoring-constructs
 * segments (its standard latency, error, throttle, age and capacity graphs). Only the widgets are
 * used: the alarms stay with ThresholdAlarmFactory (seed thresholds, `<env>-<service>-<metric>-<severity>`
 * names, topics), and the widgets go onto the five AIOps dashboards instead of the facade's own.
 */
export class PlatformMonitoring extends Construct {
  private readonly segments: { group: 'lambda' | 'infrastructure'; segment: IDynamicDashboardSegment }[] = [];

  constructor(scope: Construct, id: string, props: PlatformMonitoringProps) {
    super(scope, id);
    let group: 'lambda' | 'infrastructure' = 'lambda';
    // Collects the segments instead of creating dashboards.
    const collector: IDynamicDashboardFactory = { addDynamicSegment: (segment) => void this.segments.push({ group, segment }), getDashboard: () => undefined };
    const facade = new MonitoringFacade(this, 'Facade', { dashboardFactory: collector, alarmFactoryDefaults: { alarmNamePrefix: props.env, actionsEnabled: false } });
    for (const f of props.functions) facade.monitorLambdaFunction({ lambdaFunction: f.fn, humanReadableName: f.functionName, alarmFriendlyName: f.functionName });
    group = 'infrastructure';
    for (const q of props.queues) facade.monitorSqsQueueWithDlq({ queue: q.queue, deadLetterQueue: q.deadLetterQueue, humanReadableName: q.name, alarmFriendlyName: q.name });
    for (const t of props.tables) facade.monitorDynamoTable({ table: t.table, billingMode: t.billingMode, humanReadableName: t.name, alarmFriendlyName: t.name });
    facade.monitorStepFunction({ stateMachine: props.stateMachine, humanReadableName: `remediation-orchestrator-${props.env}`, alarmFriendlyName: 'remediation-orchestrator' });
    facade.monitorApiGateway({ api: props.api, apiStage: props.env, humanReadableName: `aiops-api-${props.env}`, alarmFriendlyName: 'aiops-api' });
  }

  /** The detail widgets of one group: `lambda` (every function) or `infrastructure` (queues, tables, orchestrator, API). */
  widgets(group: 'lambda' | 'infrastructure'): cloudwatch.IWidget[] {
    return this.segments.filter((s) => s.group === group).flatMap((s) => s.segment.widgetsForDashboard(DefaultDashboards.DETAIL));
  }
}
