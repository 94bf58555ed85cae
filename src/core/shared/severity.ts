/**
 * Incident severity, SEV-1 (critical) to SEV-4 (low), as the product's severity table defines it.
 * Lower number = worse. Compare with {@link severityRank}, never with string order.
 */
export const SEVERITIES = ['SEV-1', 'SEV-2', 'SEV-3', 'SEV-4'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface SeverityLevel {
  severity: Severity;
  name: 'Critical' | 'High' | 'Medium' | 'Low';
  customerImpact: string;
  /** Initial response target in minutes; undefined means "next business day". */
  initialResponseMinutes?: number;
}

export const SEVERITY_LEVELS: Record<Severity, SeverityLevel> = {
  'SEV-1': { severity: 'SEV-1', name: 'Critical', customerImpact: 'Complete outage or data loss', initialResponseMinutes: 5 },
  'SEV-2': { severity: 'SEV-2', name: 'High', customerImpact: 'Significant degradation', initialResponseMinutes: 15 },
  'SEV-3': { severity: 'SEV-3', name: 'Medium', customerImpact: 'Partial degradation', initialResponseMinutes: 60 },
  'SEV-4': { severity: 'SEV-4', name: 'Low', customerImpact: 'Minor or no customer impact' },
};

/** 1 for SEV-1 … 4 for SEV-4. */
export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s) + 1;
}

/** The worse (more urgent) of two severities. */
export function worstSeverity(a: Severity, b: Severity): Severity {
  return severityRank(a) <= severityRank(b) ? a : b;
}

export function isSeverity(x: unknown): x is Severity {
  return typeof x === 'string' && (SEVERITIES as readonly string[]).includes(x);
}
