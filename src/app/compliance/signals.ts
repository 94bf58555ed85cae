import { type Signal, type SignalLevel, SignalSchema } from '../../core/events/signal.js';
import type { CheckSeverity } from '../../core/compliance/check.js';
import type { ComplianceFinding } from '../../core/compliance/findings/finding.js';

const LEVEL: Record<CheckSeverity, SignalLevel> = { CRITICAL: 'critical', HIGH: 'high', MEDIUM: 'medium', LOW: 'low', INFORMATIONAL: 'info' };

/**
 * The Signal for a finding that opened, reopened or resolved. The id is stable per occurrence, so a
 * re-emitted signal (after a crash between emit and store) deduplicates downstream.
 */
export function findingSignal(f: ComplianceFinding, firing: boolean, nowIso: string, source: 'compliance' | 'config' = 'compliance'): Signal {
  const occurrence = firing ? `open:${f.reopenedAt ?? f.firstSeen}` : `resolved:${f.resolvedAt ?? nowIso}`;
  return SignalSchema.parse({
    id: `compliance:${f.id}:${occurrence}`,
    sourceId: f.id,
    source,
    kind: 'compliance',
    resourceArn: f.resourceArn,
    resourceType: f.resourceType,
    rule: f.checkId,
    state: firing ? 'firing' : 'resolved',
    level: LEVEL[f.severity],
    title: f.title,
    description: f.message,
    labels: {
      checkId: f.checkId,
      findingId: f.id,
      severity: f.severity,
      service: f.service,
      ...(f.remediation ? { remediation: f.remediation } : {}),
      ...(f.frameworks.cis?.length ? { cis: f.frameworks.cis.join(',') } : {}),
      ...(f.frameworks.fsbp?.length ? { fsbp: f.frameworks.fsbp.join(',') } : {}),
    },
    time: nowIso,
    account: f.account,
    region: f.region,
    raw: { evidence: f.evidence, ...(f.error ? { error: f.error } : {}) },
  });
}
