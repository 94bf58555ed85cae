import type { CheckSeverity } from '../../core/compliance/check.js';
import { type ComplianceFinding, resolveFinding } from '../../core/compliance/findings/finding.js';
import type { Signal } from '../../core/events/signal.js';
import { stableHash } from '../../core/shared/hash.js';
import type { Cloud } from '../../ports/cloud.js';
import type { Clock } from '../../ports/clock.js';
import type { Store } from '../../ports/store.js';
import { findingSignal } from './signals.js';

type ComplianceType = 'COMPLIANT' | 'NON_COMPLIANT' | 'NOT_APPLICABLE' | 'INSUFFICIENT_DATA';

/** The two AWS Config calls the sync needs, SDK-shaped (`DescribeConfigRules`, `GetComplianceDetailsByConfigRule`). */
export interface ConfigCompliancePort {
  describeConfigRules(input: { NextToken?: string }): Promise<{ ConfigRules?: { ConfigRuleName?: string; Description?: string; Source?: { SourceIdentifier?: string } }[]; NextToken?: string }>;
  getComplianceDetailsByConfigRule(input: { ConfigRuleName: string; ComplianceTypes: ComplianceType[]; Limit: number; NextToken?: string }): Promise<{
    EvaluationResults?: {
      EvaluationResultIdentifier?: { EvaluationResultQualifier?: { ConfigRuleName?: string; ResourceType?: string; ResourceId?: string } };
      ComplianceType?: ComplianceType;
      ResultRecordedTime?: string | Date;
      Annotation?: string;
    }[];
    NextToken?: string;
  }>;
}

export interface ConfigSyncResult {
  rules: number;
  nonCompliant: number;
  opened: number;
  resolved: number;
}

/** Severity of a Config managed rule when it mirrors one of our checks' concerns; others are MEDIUM. */
const RULE_SEVERITY: Record<string, CheckSeverity> = {
  S3_BUCKET_PUBLIC_READ_PROHIBITED: 'CRITICAL',
  S3_BUCKET_PUBLIC_WRITE_PROHIBITED: 'CRITICAL',
  INCOMING_SSH_DISABLED: 'HIGH',
  RESTRICTED_INCOMING_TRAFFIC: 'HIGH',
  ROOT_ACCOUNT_MFA_ENABLED: 'CRITICAL',
  IAM_ROOT_ACCESS_KEY_CHECK: 'CRITICAL',
  CLOUD_TRAIL_ENABLED: 'HIGH',
  MULTI_REGION_CLOUD_TRAIL_ENABLED: 'HIGH',
  RDS_INSTANCE_PUBLIC_ACCESS_CHECK: 'CRITICAL',
  GUARDDUTY_ENABLED_CENTRALIZED: 'HIGH',
};

/**
 * Reads AWS Config rule compliance into the findings store (origin `config`): NON_COMPLIANT results
 * open findings and emit a Signal (source `config`), COMPLIANT results resolve them.
 */
export function createConfigComplianceSync(o: { config: ConfigCompliancePort; store: Store; clock: Clock; cloud?: Cloud; emit: (s: Signal) => Promise<void> }) {
  const findings = o.store.collection<ComplianceFinding>('findings');

  async function arnOf(type: string, id: string, cache: Map<string, Map<string, string>>): Promise<string> {
    if (id.startsWith('arn:')) return id;
    if (o.cloud) {
      let byId = cache.get(type);
      if (!byId) {
        byId = new Map();
        for (const r of await o.cloud.listResources({ type })) {
          byId.set(r.id, r.arn);
          byId.set(r.name, r.arn);
        }
        cache.set(type, byId);
      }
      const arn = byId.get(id);
      if (arn) return arn;
    }
    return `${type}/${id}`;
  }

  async function importCompliance(): Promise<ConfigSyncResult> {
    const nowIso = new Date(o.clock.now()).toISOString();
    const result: ConfigSyncResult = { rules: 0, nonCompliant: 0, opened: 0, resolved: 0 };
    const cache = new Map<string, Map<string, string>>();
    let ruleToken: string | undefined;
    do {
      const page = await o.config.describeConfigRules(ruleToken ? { NextToken: ruleToken } : {});
      for (const rule of page.ConfigRules ?? []) {
        if (!rule.ConfigRuleName) continue;
        result.rules++;
        let token: string | undefined;
        do {
          const details = await o.config.getComplianceDetailsByConfigRule({ ConfigRuleName: rule.ConfigRuleName, ComplianceTypes: ['NON_COMPLIANT', 'COMPLIANT'], Limit: 100, ...(token ? { NextToken: token } : {}) });
          for (const ev of details.EvaluationResults ?? []) {
            const q = ev.EvaluationResultIdentifier?.EvaluationResultQualifier;
            if (!q?.ResourceType || !q.ResourceId) continue;
            const arn = await arnOf(q.ResourceType, q.ResourceId, cache);
            const id = `config-${stableHash(`${rule.ConfigRuleName}|${arn}`)}`;
            const prev = await findings.get(id);
            if (ev.ComplianceType === 'NON_COMPLIANT') {
              result.nonCompliant++;
              const seen = ev.ResultRecordedTime ? new Date(ev.ResultRecordedTime).toISOString() : nowIso;
              const reopened = prev !== undefined && prev.status === 'resolved';
              const f: ComplianceFinding = {
                id,
                origin: 'config',
                checkId: `config:${rule.ConfigRuleName}`,
                title: `AWS Config rule ${rule.ConfigRuleName} is non-compliant`,
                description: rule.Description ?? `AWS Config rule ${rule.ConfigRuleName}`,
                severity: RULE_SEVERITY[rule.Source?.SourceIdentifier ?? ''] ?? 'MEDIUM',
                service: 'config',
                resourceArn: arn,
                resourceType: q.ResourceType,
                resourceId: q.ResourceId,
                region: arn.split(':')[3] || 'global',
                account: arn.split(':')[4] || '',
                status: prev?.status === 'suppressed' ? 'suppressed' : 'open',
                complianceStatus: 'FAILED',
                workflow: prev?.status === 'suppressed' ? 'SUPPRESSED' : 'NEW',
                recordState: 'ACTIVE',
                message: ev.Annotation ?? 'non-compliant',
                evidence: { configRule: rule.ConfigRuleName, annotation: ev.Annotation ?? null },
                frameworks: {},
                firstSeen: prev && !reopened ? prev.firstSeen : seen,
                lastSeen: seen,
                reopenCount: (prev?.reopenCount ?? 0) + (reopened ? 1 : 0),
                ...(prev?.suppression ? { suppression: prev.suppression } : {}),
              };
              if (!prev || reopened) {
                // Seed 001: "Config rule non-compliant → create Security Hub finding + alert".
                await o.emit(findingSignal(f, true, nowIso, 'config'));
                result.opened++;
              }
              await findings.put(f);
            } else if (prev && prev.status !== 'resolved') {
              await findings.put(resolveFinding(prev, nowIso, 'PASSED', `Config rule ${rule.ConfigRuleName} is compliant`));
              await o.emit(findingSignal({ ...prev, resolvedAt: nowIso }, false, nowIso, 'config'));
              result.resolved++;
            }
          }
          token = details.NextToken;
        } while (token);
      }
      ruleToken = page.NextToken;
    } while (ruleToken);
    return result;
  }

  return { importCompliance };
}
