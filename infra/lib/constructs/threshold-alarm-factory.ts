import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

export type AlarmSeverity = 'warning' | 'critical';
/** Seed thresholds come in pairs: `{ warning: 1, critical: 5 }`. */
export type Thresholds = Record<AlarmSeverity, number>;

export interface ThresholdAlarmProps {
  /** kebab-case resource/service name, e.g. `alert-router`. */
  service: string;
  /** kebab-case metric name, e.g. `error-rate`. */
  metricName: string;
  metric: cloudwatch.IMetric;
  thresholds: Thresholds;
  description: string;
  evaluationPeriods?: number;
  comparison?: cloudwatch.ComparisonOperator;
}

const PASCAL = (s: string) => s.replace(/(^|[-_/\s]+)([a-zA-Z0-9])/g, (_m, _sep, c: string) => c.toUpperCase()).replace(/[^A-Za-z0-9]/g, '');

/**
 * Creates warning/critical alarm pairs named `<environment>-<service>-<metric>-<severity>` and
 * wires warning to the alerts topic and critical to the critical topic (ALARM and OK). The alarm
 * name doubles as the dedupe key the alert router fingerprints on.
 */
export class ThresholdAlarmFactory extends Construct {
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(
    scope: Construct,
    id: string,
    private readonly props: { env: string; topics: Record<AlarmSeverity, sns.ITopic> },
  ) {
    super(scope, id);
  }

  static alarmName(env: string, service: string, metricName: string, severity: AlarmSeverity): string {
    return `${env}-${service}-${metricName}-${severity}`;
  }

  addThresholdAlarms(p: ThresholdAlarmProps): cloudwatch.Alarm[] {
    return (['warning', 'critical'] as const).map((severity) => {
      const alarm = new cloudwatch.Alarm(this, `${PASCAL(p.service)}${PASCAL(p.metricName)}${PASCAL(severity)}Alarm`, {
        alarmName: ThresholdAlarmFactory.alarmName(this.props.env, p.service, p.metricName, severity),
        alarmDescription: `${p.description} (${severity} at ${p.thresholds[severity]})`,
        metric: p.metric,
        threshold: p.thresholds[severity],
        comparisonOperator: p.comparison ?? cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: p.evaluationPeriods ?? 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      this.wire(alarm, severity);
      return alarm;
    });
  }

  /** A CloudWatch anomaly-detection band alarm (outside `band` standard deviations). */
  addAnomalyAlarm(p: { service: string; metricName: string; metric: cloudwatch.Metric; band?: number; description: string }): cloudwatch.CfnAlarm {
    const name = ThresholdAlarmFactory.alarmName(this.props.env, p.service, `${p.metricName}-anomaly`, 'warning');
    const metricStat = {
      metric: { namespace: p.metric.namespace, metricName: p.metric.metricName, dimensions: Object.entries(p.metric.dimensions ?? {}).map(([name, value]) => ({ name, value: String(value) })) },
      period: p.metric.period.toSeconds(),
      stat: p.metric.statistic,
    };
    new cloudwatch.CfnAnomalyDetector(this, `${PASCAL(p.service)}${PASCAL(p.metricName)}AnomalyDetector`, { singleMetricAnomalyDetector: { namespace: metricStat.metric.namespace, metricName: metricStat.metric.metricName, dimensions: metricStat.metric.dimensions, stat: metricStat.stat } });
    const alarm = new cloudwatch.CfnAlarm(this, `${PASCAL(p.service)}${PASCAL(p.metricName)}AnomalyAlarm`, {
      alarmName: name,
      alarmDescription: p.description,
      comparisonOperator: 'LessThanLowerOrGreaterThanUpperThreshold',
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      thresholdMetricId: 'band',
      treatMissingData: 'notBreaching',
      metrics: [
        { id: 'm1', returnData: true, metricStat },
        { id: 'band', expression: `ANOMALY_DETECTION_BAND(m1, ${p.band ?? 2})`, label: `${p.metricName} expected band`, returnData: true },
      ],
      alarmActions: [this.props.topics.warning.topicArn],
      okActions: [this.props.topics.warning.topicArn],
    });
    return alarm;
  }

  private wire(alarm: cloudwatch.Alarm, severity: AlarmSeverity): void {
    const action = new actions.SnsAction(this.props.topics[severity]);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    this.alarms.push(alarm);
  }
}

export const minutes = (n: number) => Duration.minutes(n);
