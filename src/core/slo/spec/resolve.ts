import type { MetricId, Statistic } from '../../../ports/metrics.js';
import { ValidationError } from '../../shared/errors.js';
import { presetRules, type BurnRatePresetId, type BurnRateRule, BURN_RATE_PRESETS } from '../burn/windows.js';
import type { AlertConditionSpec, CloudWatchSourceSpec, MetricSource, SliSpec, SloDoc } from './documents.js';
import { parseDuration } from './duration.js';
import { ANNOTATIONS, DEFAULT_BUDGET_POLICY, nominalWindowMs, type BudgetPolicy, type MetricSum, type SliDefinition, type SloDefinition, type SloWindow } from './model.js';
import { parseSpecDocuments, type SpecDocuments, type SpecSource } from './parse.js';

const MINUTE = 60_000;

/**
 * Parses spec texts and resolves every SLO into an SloDefinition: references (indicatorRef,
 * alertPolicies, conditionRef) are followed, metric sources become signed metric sums, and the
 * alert rules come from the SLO's AlertPolicies or from its burn-rate preset (Workbook by default).
 *
 * @example
 * const [slo] = loadSloDefinitions([{ name: 'orders.yaml', text }]);
 * slo.alertRules.map((r) => r.factor); // [14.4, 6, 3, 1]
 */
export function loadSloDefinitions(sources: SpecSource[], defaults: { preset?: BurnRatePresetId; policy?: BudgetPolicy } = {}): SloDefinition[] {
  return resolveSlos(parseSpecDocuments(sources), defaults);
}

export function resolveSlos(docs: SpecDocuments, defaults: { preset?: BurnRatePresetId; policy?: BudgetPolicy } = {}): SloDefinition[] {
  const slis = new Map(docs.slis.map((d) => [d.metadata.name, d]));
  const services = new Map(docs.services.map((d) => [d.metadata.name, d]));
  const policies = new Map(docs.alertPolicies.map((d) => [d.metadata.name, d]));
  const conditions = new Map(docs.alertConditions.map((d) => [d.metadata.name, d]));

  return docs.slos.map((slo) => {
    const at = `${slo.source} SLO ${slo.metadata.name}`;
    const s = slo.spec;
    const objective = s.objectives[0];
    if (!objective) throw new ValidationError(`${at}.spec.objectives`, 'exactly one objective');
    const target = objective.target ?? (objective.targetPercent !== undefined ? objective.targetPercent / 100 : undefined);
    if (target === undefined) throw new ValidationError(`${at}.spec.objectives.0.target`, 'required (e.g. 0.999) or targetPercent (e.g. 99.9)');

    let sliName: string;
    let sliSpec: SliSpec;
    if (s.indicator) {
      sliName = s.indicator.metadata.name;
      sliSpec = s.indicator.spec;
    } else {
      const ref = s.indicatorRef as string;
      const sli = slis.get(ref);
      if (!sli) throw new ValidationError(`${at}.spec.indicatorRef`, `no SLI named ${ref}`);
      sliName = ref;
      sliSpec = sli.spec;
    }
    const sli = resolveSli(sliSpec, objective, `${at}.indicator(${sliName})`);

    const window = resolveWindow(s.timeWindow[0] as SloDoc['spec']['timeWindow'][number]);
    let stepMs = MINUTE;
    if (s.budgetingMethod === 'Timeslices') {
      if (!objective.timeSliceWindow) throw new ValidationError(`${at}.spec.objectives.0.timeSliceWindow`, 'required with budgetingMethod Timeslices (e.g. 1m)');
      stepMs = parseDuration(objective.timeSliceWindow) as number;
      if (stepMs % MINUTE !== 0) throw new ValidationError(`${at}.spec.objectives.0.timeSliceWindow`, 'must be whole minutes (metrics are read per minute)');
    }

    const service = services.get(s.service);
    const annotations = { ...(service?.metadata.annotations ?? {}), ...(slo.metadata.annotations ?? {}) };
    const presetName = annotations[ANNOTATIONS.preset] ?? defaults.preset ?? 'workbook';
    if (!(presetName in BURN_RATE_PRESETS)) throw new ValidationError(`${at}.metadata.annotations.${ANNOTATIONS.preset}`, `must be one of ${Object.keys(BURN_RATE_PRESETS).join(', ')}`);
    const policyRules = s.alertPolicies.flatMap((p, i) => {
      const policy = typeof p === 'string' ? policies.get(p) : p;
      if (!policy) throw new ValidationError(`${at}.spec.alertPolicies.${i}`, `no AlertPolicy named ${String(p)}`);
      return policy.spec.conditions.map((c, j) => {
        const cond = 'conditionRef' in c ? conditions.get(c.conditionRef) : c;
        if (!cond) throw new ValidationError(`${at}.spec.alertPolicies.${i}.conditions.${j}.conditionRef`, `no AlertCondition named ${(c as { conditionRef: string }).conditionRef}`);
        return ruleFromCondition(cond.metadata.name, cond.spec, `${at}.spec.alertPolicies.${i}.conditions.${j}`);
      });
    });
    const alertRules = policyRules.length > 0 ? policyRules : presetRules(presetName as BurnRatePresetId, nominalWindowMs(window));
    for (const r of alertRules) {
      if (r.longWindowMs > nominalWindowMs(window)) throw new ValidationError(`${at}.spec.alertPolicies`, `rule ${r.name}: long window exceeds the SLO window`);
    }

    const labels: Record<string, string> = {};
    for (const [k, v] of Object.entries({ ...(service?.metadata.labels ?? {}), ...(slo.metadata.labels ?? {}) })) labels[k] = Array.isArray(v) ? v.join(',') : v;

    const owner = annotations[ANNOTATIONS.owner];
    const def: SloDefinition = {
      id: slo.metadata.name,
      displayName: slo.metadata.displayName ?? objective.displayName ?? slo.metadata.name,
      service: s.service,
      sliName,
      sli,
      budgeting: s.budgetingMethod,
      target,
      timeSliceTarget: objective.timeSliceTarget ?? (sli.kind === 'threshold' ? 1 : target),
      stepMs,
      window,
      alertRules,
      alertPreset: policyRules.length > 0 ? 'custom' : presetName,
      policy: resolvePolicy(annotations[ANNOTATIONS.policy], defaults.policy ?? DEFAULT_BUDGET_POLICY, `${at}.metadata.annotations.${ANNOTATIONS.policy}`),
      labels,
      source: slo.source,
    };
    if (s.description) def.description = s.description;
    if (owner) def.owner = owner;
    return def;
  });
}

function resolveWindow(w: SloDoc['spec']['timeWindow'][number]): SloWindow {
  if (!w.isRolling) return { kind: 'calendar-month' };
  return { kind: 'rolling', durationMs: parseDuration(w.duration) as number };
}

function ruleFromCondition(name: string, spec: AlertConditionSpec, at: string): BurnRateRule {
  const longWindowMs = parseDuration(spec.condition.lookbackWindow) as number;
  const shortWindowMs = parseDuration(spec.condition.alertAfter) as number;
  if (shortWindowMs >= longWindowMs) throw new ValidationError(`${at}.spec.condition.alertAfter`, 'the short window (alertAfter) must be shorter than lookbackWindow');
  return { name, severity: spec.severity, factor: spec.condition.threshold, longWindowMs, shortWindowMs };
}

const POLICY_WORDS = { 'raise-severity': 'raiseSeverity', 'freeze-remediation': 'freezeRemediations', 'notify-owner': 'notifyOwner' } as const;

/** `raise-severity,notify-owner` switches on exactly those consequences; `none` switches all off. */
function resolvePolicy(text: string | undefined, fallback: BudgetPolicy, at: string): BudgetPolicy {
  if (text === undefined) return { ...fallback };
  const policy: BudgetPolicy = { raiseSeverity: false, freezeRemediations: false, notifyOwner: false };
  for (const word of text.split(',').map((w) => w.trim()).filter(Boolean)) {
    if (word === 'none') continue;
    const key = POLICY_WORDS[word as keyof typeof POLICY_WORDS];
    if (!key) throw new ValidationError(at, `unknown consequence ${word} (use ${Object.keys(POLICY_WORDS).join(', ')} or none)`);
    policy[key] = true;
  }
  return policy;
}

function resolveSli(spec: SliSpec, objective: { op?: string | undefined; value?: number | undefined }, at: string): SliDefinition {
  if (spec.ratioMetric) {
    const r = spec.ratioMetric;
    const total = metricSum(r.total, `${at}.spec.ratioMetric.total`);
    if (r.good) return { kind: 'ratio', good: metricSum(r.good, `${at}.spec.ratioMetric.good`), total };
    return { kind: 'ratio', bad: metricSum(r.bad as MetricSource, `${at}.spec.ratioMetric.bad`), total };
  }
  const t = spec.thresholdMetric as NonNullable<SliSpec['thresholdMetric']>;
  const path = `${at}.spec.thresholdMetric`;
  if (t.latencyShare) {
    const cw = t.metricSource.spec;
    if (!cw.namespace || !cw.metricName) throw new ValidationError(`${path}.metricSource.spec`, 'latencyShare needs namespace and metricName of the latency metric');
    return {
      kind: 'latency',
      latency: { metric: { namespace: cw.namespace, metricName: cw.metricName, dimensions: dims(cw.dimensions) } },
      percentiles: t.latencyShare.percentiles,
      thresholdMs: t.latencyShare.thresholdMs,
      valueToMs: t.latencyShare.valueToMs,
      count: metricSum(t.latencyShare.count, `${path}.latencyShare.count`),
    };
  }
  if (!objective.op || objective.value === undefined) throw new ValidationError(`${at}.objectives.0.op`, 'a thresholdMetric SLI needs op and value on the objective (e.g. op: lte, value: 0.3)');
  return { kind: 'threshold', metric: metricSum(t, `${path}`), op: objective.op as 'lt' | 'lte' | 'gt' | 'gte', threshold: objective.value };
}

function dims(list: Array<{ name: string; value: string }> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of list ?? []) out[d.name] = d.value;
  return out;
}

/** A metric source as a signed sum: one metric, or a MetricDataQueries expression of `+`/`-` over query ids. */
function metricSum(source: MetricSource, at: string): MetricSum {
  const cw: CloudWatchSourceSpec = source.metricSource.spec;
  if (!cw.metrics) {
    const metric: MetricId = { namespace: cw.namespace as string, metricName: cw.metricName as string, dimensions: dims(cw.dimensions) };
    return { terms: [{ sign: 1, metric, stat: cw.stat as Statistic }] };
  }
  const queries = cw.metrics;
  const byId = new Map(queries.map((q) => [q.id, q]));
  const returned = queries.filter((q) => q.returnData !== false && (q.expression || queries.length === 1));
  const result = returned.length === 1 ? returned[0] : queries.find((q) => q.expression && q.returnData === true);
  if (!result) throw new ValidationError(`${at}.metricSource.spec.metrics`, 'exactly one query must return data (set returnData: false on the others)');
  if (result.metricStat) return { terms: [{ sign: 1, metric: { ...result.metricStat.metric, dimensions: dims(result.metricStat.metric.dimensions) }, stat: result.metricStat.stat }] };
  const expr = result.expression as string;
  const terms: MetricSum['terms'] = [];
  const token = /\s*([+-])?\s*([a-z][a-zA-Z0-9_]*)\s*/y;
  let pos = 0;
  while (pos < expr.length) {
    token.lastIndex = pos;
    const m = token.exec(expr);
    if (!m || (terms.length > 0 && !m[1])) throw new ValidationError(`${at}.metricSource.spec.metrics.${queries.indexOf(result)}.expression`, `only sums and differences of query ids are supported (e.g. "m1 + m2 - m3"), got "${expr}"`);
    const ref = byId.get(m[2] as string);
    if (!ref?.metricStat) throw new ValidationError(`${at}.metricSource.spec.metrics.${queries.indexOf(result)}.expression`, `${m[2]} is not the id of a metricStat query`);
    terms.push({ sign: m[1] === '-' ? -1 : 1, metric: { ...ref.metricStat.metric, dimensions: dims(ref.metricStat.metric.dimensions) }, stat: ref.metricStat.stat });
    pos = token.lastIndex;
  }
  if (terms.length === 0) throw new ValidationError(`${at}.metricSource.spec.metrics`, 'empty expression');
  return { terms };
}
