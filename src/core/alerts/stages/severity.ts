import { z } from 'zod';
import { SEVERITIES, type Severity } from '../../shared/severity.js';
import { SIGNAL_KINDS, SIGNAL_LEVELS, SIGNAL_SOURCES, type Signal, type SignalLevel } from '../../events/signal.js';

/** One row of the seed's alarm threshold table: `value >= critical` → critical, `>= warning` → warning. */
export const ThresholdRowSchema = z.object({
  /** `<namespace> <metricName>` as on signals, e.g. `AWS/EC2 CPUUtilization`. */
  metric: z.string().min(1),
  warning: z.number(),
  critical: z.number(),
  unit: z.string().optional(),
});
export type ThresholdRow = z.infer<typeof ThresholdRowSchema>;

/** The product's default alarm thresholds (product README, "Alarm Thresholds"). */
export const DEFAULT_THRESHOLDS: ThresholdRow[] = [
  { metric: 'AWS/Lambda ErrorRate', warning: 1, critical: 5, unit: '%' },
  { metric: 'AWS/Lambda P99DurationPctOfTimeout', warning: 80, critical: 95, unit: '% of timeout' },
  { metric: 'AWS/SQS ApproximateAgeOfOldestMessage', warning: 300, critical: 900, unit: 's' },
  { metric: 'AWS/DynamoDB ThrottledRequests', warning: 1, critical: 10, unit: '/min' },
  { metric: 'AWS/EC2 CPUUtilization', warning: 70, critical: 90, unit: '%' },
  { metric: 'AWS/ApplicationELB HTTPCode_Target_5XX_Count', warning: 10, critical: 50, unit: '/min' },
];

export const SeverityRuleSchema = z.object({
  name: z.string().min(1),
  when: z
    .object({
      level: z.array(z.enum(SIGNAL_LEVELS)).optional(),
      kind: z.array(z.enum(SIGNAL_KINDS)).optional(),
      source: z.array(z.enum(SIGNAL_SOURCES)).optional(),
      environment: z.array(z.string()).optional(),
      customerFacing: z.boolean().optional(),
    })
    .default({}),
  severity: z.enum(SEVERITIES),
});
export type SeverityRule = z.infer<typeof SeverityRuleSchema>;

const PROD = ['prod'];
/**
 * Default severity rules, first match wins. A critical breach of a customer-facing SLI in prod is
 * an outage (SEV-1); the same on an internal metric is significant degradation (SEV-2); non-prod
 * is capped at SEV-3; security findings keep their own scale in any environment.
 */
export const DEFAULT_SEVERITY_RULES: SeverityRule[] = [
  { name: 'critical-customer-facing-prod', when: { level: ['critical'], environment: PROD, customerFacing: true }, severity: 'SEV-1' },
  { name: 'critical-security-finding', when: { level: ['critical'], kind: ['security-finding'] }, severity: 'SEV-1' },
  { name: 'critical-prod', when: { level: ['critical'], environment: PROD }, severity: 'SEV-2' },
  { name: 'high-security-finding', when: { level: ['high'], kind: ['security-finding'] }, severity: 'SEV-2' },
  { name: 'high-prod', when: { level: ['high'], environment: PROD }, severity: 'SEV-2' },
  { name: 'critical-or-high-non-prod', when: { level: ['critical', 'high'] }, severity: 'SEV-3' },
  { name: 'warning-prod', when: { level: ['warning', 'medium'], environment: PROD }, severity: 'SEV-3' },
  { name: 'everything-else', when: {}, severity: 'SEV-4' },
];

/**
 * The level a signal carries, or the one the threshold table gives its value; a metric alarm with
 * neither is a warning (it fired, so it breached something).
 */
export function levelOf(signal: Pick<Signal, 'level' | 'metric' | 'value' | 'kind'>, thresholds: readonly ThresholdRow[]): SignalLevel | undefined {
  if (signal.level) return signal.level;
  if (signal.metric && signal.value !== undefined) {
    const row = thresholds.find((t) => t.metric === signal.metric);
    if (row) return signal.value >= row.critical ? 'critical' : signal.value >= row.warning ? 'warning' : 'low';
  }
  if (signal.kind === 'metric-alarm' || signal.kind === 'anomaly' || signal.kind === 'slo-burn') return 'warning';
  return undefined;
}

export interface SeverityContext {
  environment: string;
  customerFacing: boolean;
}

/** Severity from rules-as-data. A severity asserted by the source (e.g. an SLO page) wins. */
export function assignSeverity(signal: Signal, ctx: SeverityContext, rules: readonly SeverityRule[], thresholds: readonly ThresholdRow[]): { severity: Severity; rule: string; level?: SignalLevel } {
  const level = levelOf(signal, thresholds);
  if (signal.severity) return { severity: signal.severity, rule: 'asserted-by-source', ...(level ? { level } : {}) };
  for (const r of rules) {
    const w = r.when;
    if (w.level && (!level || !w.level.includes(level))) continue;
    if (w.kind && !w.kind.includes(signal.kind)) continue;
    if (w.source && !w.source.includes(signal.source)) continue;
    if (w.environment && !w.environment.includes(ctx.environment)) continue;
    if (w.customerFacing !== undefined && w.customerFacing !== ctx.customerFacing) continue;
    return { severity: r.severity, rule: r.name, ...(level ? { level } : {}) };
  }
  // Fail closed: a rule table without a catch-all must not silently drop priority.
  return { severity: 'SEV-4', rule: 'no-rule-matched', ...(level ? { level } : {}) };
}
