import type { CheckSeverity, ComplianceCheck } from '../check.js';
import { CHECKS } from '../checks/index.js';
import type { ComplianceFinding } from '../findings/finding.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

type Level = 'error' | 'warning' | 'note';
const LEVEL: Record<CheckSeverity, Level> = { CRITICAL: 'error', HIGH: 'error', MEDIUM: 'warning', LOW: 'note', INFORMATIONAL: 'note' };
/** GitHub code scanning's `security-severity` (0–10) per label. */
const SECURITY_SEVERITY: Record<CheckSeverity, string> = { CRITICAL: '9.5', HIGH: '8.0', MEDIUM: '5.5', LOW: '3.0', INFORMATIONAL: '0.0' };

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: {
    tool: { driver: { name: string; informationUri: string; version: string; rules: Record<string, unknown>[] } };
    results: Record<string, unknown>[];
    invocations?: { executionSuccessful: boolean; endTimeUtc?: string }[];
  }[];
}

/**
 * SARIF 2.1.0 log of the open and suppressed findings. Cloud resources are not files: each result's
 * location is the resource ARN (as an artifact URI and a logical location).
 */
export function toSarif(findings: readonly ComplianceFinding[], o: { version?: string; generatedAt?: string; checks?: readonly ComplianceCheck[] } = {}): SarifLog {
  const checks = o.checks ?? CHECKS;
  const active = findings.filter((f) => f.status !== 'resolved');
  const ruleIds = [...new Set(active.map((f) => f.checkId))].sort();
  const byId = new Map(checks.map((c) => [c.id, c]));
  const rules = ruleIds.map((id) => {
    const c = byId.get(id);
    const sample = active.find((f) => f.checkId === id)!;
    const severity = c?.severity ?? sample.severity;
    const tags = ['security', 'compliance', ...(c?.frameworks.cis ?? []).map((x) => `CIS-${x}`), ...(c?.frameworks.fsbp ?? [])];
    return {
      id,
      name: id.replace(/(^|-)([a-z0-9])/g, (_m, _d, ch: string) => ch.toUpperCase()),
      shortDescription: { text: c?.title ?? sample.title },
      fullDescription: { text: c?.description ?? sample.description },
      help: { text: c?.remediation ? `Remediation runbook: ${c.remediation}` : (c?.description ?? sample.description) },
      defaultConfiguration: { level: LEVEL[severity] },
      properties: { tags, 'security-severity': SECURITY_SEVERITY[severity], precision: 'very-high' },
    };
  });
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  const results = active.map((f) => ({
    ruleId: f.checkId,
    ruleIndex: index.get(f.checkId)!,
    level: LEVEL[f.severity],
    message: { text: `${f.title}: ${f.message} (${f.resourceArn})` },
    locations: [{ physicalLocation: { artifactLocation: { uri: f.resourceArn } }, logicalLocations: [{ fullyQualifiedName: f.resourceArn, kind: 'resource' }] }],
    partialFingerprints: { 'aiopsFindingId/v1': f.id },
    properties: { severity: f.severity, resourceType: f.resourceType, region: f.region, account: f.account, firstSeen: f.firstSeen, lastSeen: f.lastSeen },
    ...(f.status === 'suppressed' && f.suppression ? { suppressions: [{ kind: 'external', status: 'accepted', justification: f.suppression.reason }] } : {}),
  }));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'MatCarv AIOps', informationUri: 'https://github.com/matcarv/aiops', version: o.version ?? '0.1.0', rules } },
        results,
        invocations: [{ executionSuccessful: true, ...(o.generatedAt ? { endTimeUtc: o.generatedAt } : {}) }],
      },
    ],
  };
}
