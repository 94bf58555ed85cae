import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { windowLabel, type BurnRateRule, type BurnSeverity } from '../../../src/core/slo/burn/windows.js';
import { nominalWindowMs, type MetricSum, type SloDefinition } from '../../../src/core/slo/spec/model.js';
import { loadSloDefinitions } from '../../../src/core/slo/spec/resolve.js';

/** The repository's spec files: the same ones the local platform evaluates. */
export const DEFAULT_SLO_DIR = fileURLToPath(new URL('../../../slos', import.meta.url));

/** Page alarms go to the critical topic, tickets to the warning one (the alarm-name severity too). */
export const ALARM_SEVERITY: Record<BurnSeverity, 'critical' | 'warning'> = { page: 'critical', ticket: 'warning' };

const DAY_S = 86_400;
const HOUR_S = 3_600;

/** Reads and validates every `*.yaml` of a directory (throws a ValidationError naming file, document and field). */
export function loadSloSpecDir(dir: string = DEFAULT_SLO_DIR): SloDefinition[] {
  const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
  return loadSloDefinitions(files.map((f) => ({ name: f, text: readFileSync(join(dir, f), 'utf8') })));
}

export interface SloBurnRateAlarmsProps {
  /** Environment for alarm names (`<environment>-<service>-<metric>-<severity>`). */
  env: string;
  /** Resolved SLOs; default: every spec in `specDir`. */
  slos?: SloDefinition[];
  /** Default: the repository's `slos/`. */
  specDir?: string;
  /** Topics for ALARM/OK of the multi-window (composite) alarms. */
  topics?: Partial<Record<'critical' | 'warning', sns.ITopic>>;
}

/** One burn-rate rule of one SLO, as CloudWatch alarms. */
export interface SloRuleAlarms {
  slo: SloDefinition;
  rule: BurnRateRule;
  long: cloudwatch.Alarm;
  short: cloudwatch.Alarm;
  /** ALARM only while both windows burn at or above the factor: the multi-window condition. */
  composite: cloudwatch.CompositeAlarm;
}

const PASCAL = (s: string) => s.replace(/(^|[-_/\s.]+)([a-zA-Z0-9])/g, (_m, _sep, c: string) => c.toUpperCase()).replace(/[^A-Za-z0-9]/g, '');

/**
 * CloudWatch alarms for every burn-rate rule of every SLO spec: a metric-math alarm per window and
 * a composite alarm (long AND short) per rule, named `<env>-<service>-<slo>-burn-<rule>-<severity>`.
 *
 * @example
 * const slo = new SloBurnRateAlarms(this, 'SloBurnRateAlarms', { env: 'prod', topics: { critical, warning } });
 * dashboard.addWidgets(...slo.widgets());
 */
export class SloBurnRateAlarms extends Construct {
  readonly slos: SloDefinition[];
  readonly rules: SloRuleAlarms[] = [];

  constructor(scope: Construct, id: string, private readonly props: SloBurnRateAlarmsProps) {
    super(scope, id);
    this.slos = props.slos ?? loadSloSpecDir(props.specDir);
    for (const slo of this.slos) {
      for (const rule of slo.alertRules) this.rules.push(this.ruleAlarms(slo, rule));
    }
  }

  static alarmName(env: string, slo: Pick<SloDefinition, 'service' | 'id'>, rule: Pick<BurnRateRule, 'name' | 'severity'>, part?: 'long' | 'short'): string {
    return `${env}-${slo.service}-${slo.id}-burn-${rule.name}-${ALARM_SEVERITY[rule.severity]}${part ? `-${part}` : ''}`;
  }

  /** The AIOps-Overview widgets for these SLOs. */
  widgets(): cloudwatch.IWidget[] {
    return sloDashboardWidgets(this.slos);
  }

  private ruleAlarms(slo: SloDefinition, rule: BurnRateRule): SloRuleAlarms {
    const base = `${PASCAL(slo.id)}${PASCAL(rule.name)}`;
    const window = (part: 'long' | 'short', windowMs: number) => {
      const alarm = new cloudwatch.Alarm(this, `${base}${part === 'long' ? 'Long' : 'Short'}Alarm`, {
        alarmName: SloBurnRateAlarms.alarmName(this.props.env, slo, rule, part),
        alarmDescription: `${slo.displayName}: burn rate over ${windowLabel(windowMs)} ≥ ${rule.factor}× (${rule.severity}, ${part} window of ${rule.name})`,
        ...burnAlarmSpec(slo, windowMs, rule.factor),
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      return alarm;
    };
    const long = window('long', rule.longWindowMs);
    const short = window('short', rule.shortWindowMs);
    const composite = new cloudwatch.CompositeAlarm(this, `${base}BurnRateAlarm`, {
      compositeAlarmName: SloBurnRateAlarms.alarmName(this.props.env, slo, rule),
      alarmDescription: `SLO ${slo.displayName} (${slo.service}) burns its error budget at ≥ ${rule.factor}× over ${windowLabel(rule.longWindowMs)} and ${windowLabel(rule.shortWindowMs)} — ${rule.severity}`,
      alarmRule: cloudwatch.AlarmRule.allOf(cloudwatch.AlarmRule.fromAlarm(long, cloudwatch.AlarmState.ALARM), cloudwatch.AlarmRule.fromAlarm(short, cloudwatch.AlarmState.ALARM)),
    });
    const topic = this.props.topics?.[ALARM_SEVERITY[rule.severity]];
    if (topic) {
      composite.addAlarmAction(new actions.SnsAction(topic));
      composite.addOkAction(new actions.SnsAction(topic));
    }
    return { slo, rule, long, short, composite };
  }
}

/**
 * A signed metric sum as a math term over query ids (`prefix0…n`; a metric already used in the same
 * expression keeps its id). Counters read missing datapoints as zero (CloudWatch omits empty sums);
 * gauges (`fill: false`) stay missing, so no data is no verdict.
 */
function sumExpression(sum: MetricSum, prefix: string, using: Record<string, cloudwatch.IMetric>, fill = true, tag = ''): string {
  const parts = sum.terms.map((t, i) => {
    const metric = new cloudwatch.Metric({ namespace: t.metric.namespace, metricName: t.metric.metricName, dimensionsMap: t.metric.dimensions, statistic: t.stat });
    const key = JSON.stringify(metric.toMetricConfig().metricStat);
    let id = Object.keys(using).find((k) => JSON.stringify((using[k] as cloudwatch.IMetric).toMetricConfig().metricStat) === key);
    if (!id) {
      id = `${prefix}${i}${tag}`;
      using[id] = metric;
    }
    return `${t.sign < 0 ? '-' : '+'}${fill ? `FILL(${id},0)` : id}`;
  });
  return `(${parts.join('').replace(/^\+/, '')})`;
}

type AlarmSpec = Pick<cloudwatch.AlarmProps, 'metric' | 'threshold' | 'comparisonOperator' | 'evaluationPeriods' | 'datapointsToAlarm'>;

/**
 * How a window's burn rate becomes one alarm. Ratio and latency SLIs: the burn-rate expression over a
 * period of the window (≤ 1 day; longer windows need every day of the window at the factor, a
 * conservative reading of CloudWatch's 1-day period). Threshold SLIs (timeslices): each minute is a
 * slice and the alarm is "M of N" with M = factor × (1 − target) × N, exact for windows ≤ 1 day;
 * longer windows count hourly slices.
 */
export function burnAlarmSpec(slo: SloDefinition, windowMs: number, factor: number): AlarmSpec {
  const windowS = Math.round(windowMs / 1000);
  const budget = 1 - slo.target;
  const sli = slo.sli;
  const ge = cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD;
  if (sli.kind === 'threshold') {
    const sliceS = windowS <= DAY_S ? 60 : HOUR_S;
    const n = Math.max(1, Math.round(windowS / sliceS));
    const using: Record<string, cloudwatch.IMetric> = {};
    const value = sumExpression(sli.metric, 'm', using, false);
    const op = { lt: '<', lte: '<=', gt: '>', gte: '>=' }[sli.op];
    const metric = new cloudwatch.MathExpression({ expression: `IF(${value} ${op} ${sli.threshold}, 0, 1)`, usingMetrics: using, period: Duration.seconds(sliceS), label: `${slo.id} bad slice` });
    return { metric, threshold: 1, comparisonOperator: ge, evaluationPeriods: n, datapointsToAlarm: Math.min(n, Math.max(1, Math.ceil(factor * budget * n))) };
  }
  const periodS = Math.min(windowS, DAY_S);
  const evaluationPeriods = Math.max(1, Math.round(windowS / periodS));
  return { metric: burnRateExpression(slo, periodS, windowLabel(windowMs)), threshold: factor, comparisonOperator: ge, evaluationPeriods, datapointsToAlarm: evaluationPeriods };
}

/**
 * The burn rate over one period as metric math. Exact for ratio SLIs and for latency SLIs (through
 * CloudWatch's percentile rank PR(:x), the share of samples at or under x); for threshold SLIs it
 * reads the statistic over the whole period, a coarse view for dashboards only.
 */
/** `tag` keeps query ids apart when several periods of one SLO share a graph. */
export function burnRateExpression(slo: SloDefinition, periodS: number, label = windowLabel(periodS * 1000), tag = ''): cloudwatch.MathExpression {
  const budget = 1 - slo.target;
  const sli = slo.sli;
  const using: Record<string, cloudwatch.IMetric> = {};
  let errorRatio: string;
  if (sli.kind === 'ratio') {
    const total = sumExpression(sli.total, 't', using, true, tag);
    const bad = sli.bad ? sumExpression(sli.bad, 'b', using, true, tag) : `(${total}-${sumExpression(sli.good as MetricSum, 'g', using, true, tag)})`;
    errorRatio = `IF(${total} > 0, ${bad} / ${total}, 0)`;
  } else if (sli.kind === 'latency') {
    const threshold = sli.thresholdMs / sli.valueToMs;
    using[`p0${tag}`] = new cloudwatch.Metric({ namespace: sli.latency.metric.namespace, metricName: sli.latency.metric.metricName, dimensionsMap: sli.latency.metric.dimensions, statistic: `PR(:${threshold})` });
    errorRatio = `(100 - FILL(p0${tag},100)) / 100`;
  } else {
    const value = sumExpression(sli.metric, 'm', using, false, tag);
    const op = { lt: '<', lte: '<=', gt: '>', gte: '>=' }[sli.op];
    errorRatio = `IF(${value} ${op} ${sli.threshold}, 0, 1)`;
  }
  return new cloudwatch.MathExpression({ expression: `(${errorRatio}) / ${round(budget)}`, usingMetrics: using, period: Duration.seconds(periodS), label: `${slo.id} burn rate ${label}` });
}

const round = (x: number) => Math.round(x * 1e9) / 1e9;

/**
 * Widgets for the AIOps-Overview dashboard: per SLO, the burn rate over each long window with the
 * rule factors as annotations, and the error budget left over the SLO window.
 */
export function sloDashboardWidgets(slos: SloDefinition[]): cloudwatch.IWidget[] {
  const widgets: cloudwatch.IWidget[] = [new cloudwatch.TextWidget({ markdown: `## SLO error-budget burn rates\n${slos.length} SLOs from slos/*.yaml: burn rate per alert window (annotations: alert factors) and the error budget left.`, width: 24, height: 2 })];
  for (const slo of slos) {
    const longWindows = [...new Set(slo.alertRules.map((r) => r.longWindowMs))].sort((a, b) => a - b);
    widgets.push(
      new cloudwatch.GraphWidget({
        title: `${slo.service} · ${slo.displayName} — burn rate`,
        left: longWindows.map((w, i) => burnRateExpression(slo, Math.min(Math.round(w / 1000), DAY_S), windowLabel(w), `_${i}`)),
        leftAnnotations: slo.alertRules.map((r) => ({ value: r.factor, label: `${r.name} ${r.severity}`, color: r.severity === 'page' ? '#d62728' : '#ff7f0e' })),
        leftYAxis: { min: 0, showUnits: false },
        width: 18,
        height: 6,
      }),
    );
    const windowS = Math.round(nominalWindowMs(slo.window) / 1000);
    widgets.push(
      new cloudwatch.SingleValueWidget({
        title: `${slo.id} — error budget left (${slo.window.kind === 'rolling' ? windowLabel(windowS * 1000) : 'month'})`,
        metrics: [new cloudwatch.MathExpression({ expression: '1 - burn', usingMetrics: { burn: burnRateExpression(slo, windowS) }, period: Duration.seconds(windowS), label: 'budget left (1 = untouched)' })],
        width: 6,
        height: 6,
      }),
    );
  }
  return widgets;
}
