import type { CheckSeverity } from '../check.js';
import type { ComplianceFinding } from '../findings/finding.js';
import { FRAMEWORKS } from '../frameworks/index.js';

/** OCSF 1.1 Compliance Finding (class 2003, category Findings). */
export const OCSF_COMPLIANCE_FINDING_CLASS = 2003;
export const OCSF_VERSION = '1.1.0';

const SEVERITY_ID: Record<CheckSeverity, number> = { INFORMATIONAL: 1, LOW: 2, MEDIUM: 3, HIGH: 4, CRITICAL: 5 };
const SEVERITY_NAME: Record<CheckSeverity, string> = { INFORMATIONAL: 'Informational', LOW: 'Low', MEDIUM: 'Medium', HIGH: 'High', CRITICAL: 'Critical' };
/** OCSF finding status: 1 New, 3 Suppressed, 4 Resolved. */
const STATUS: Record<ComplianceFinding['status'], { id: number; name: string }> = { open: { id: 1, name: 'New' }, suppressed: { id: 3, name: 'Suppressed' }, resolved: { id: 4, name: 'Resolved' } };
/** OCSF compliance status: 1 Pass, 2 Warning, 3 Fail, 0 Unknown. */
const COMPLIANCE: Record<ComplianceFinding['complianceStatus'], { id: number; name: string }> = { PASSED: { id: 1, name: 'Pass' }, WARNING: { id: 2, name: 'Warning' }, FAILED: { id: 3, name: 'Fail' }, NOT_AVAILABLE: { id: 0, name: 'Unknown' } };

export interface OcsfComplianceFinding {
  class_uid: number;
  class_name: 'Compliance Finding';
  category_uid: 2;
  category_name: 'Findings';
  activity_id: number;
  activity_name: string;
  type_uid: number;
  severity_id: number;
  severity: string;
  status_id: number;
  status: string;
  time: number;
  message: string;
  metadata: { version: string; product: { name: string; vendor_name: string; feature: { name: string } }; uid: string };
  finding_info: { uid: string; title: string; desc: string; types: string[]; created_time: number; first_seen_time: number; last_seen_time: number; modified_time: number };
  compliance: { status_id: number; status: string; control: string; standards: string[]; requirements: string[] };
  resources: { uid: string; type: string; region: string; cloud_partition: string }[];
  cloud: { provider: 'AWS'; account: { uid: string; type: 'AWS Account' }; region: string };
  remediation?: { desc: string };
  unmapped?: Record<string, unknown>;
}

/** A finding as an OCSF Compliance Finding event. Activity: 1 Create, 2 Update, 3 Close. */
export function toOcsf(f: ComplianceFinding): OcsfComplianceFinding {
  const activity = f.status === 'resolved' ? { id: 3, name: 'Close' } : f.firstSeen === f.lastSeen ? { id: 1, name: 'Create' } : { id: 2, name: 'Update' };
  const ms = (iso: string) => Date.parse(iso);
  const standards = [...(f.frameworks.cis?.length ? [`${FRAMEWORKS.cis.name} v${FRAMEWORKS.cis.version}`] : []), ...(f.frameworks.fsbp?.length ? [`${FRAMEWORKS.fsbp.name} v${FRAMEWORKS.fsbp.version}`] : [])];
  return {
    class_uid: OCSF_COMPLIANCE_FINDING_CLASS,
    class_name: 'Compliance Finding',
    category_uid: 2,
    category_name: 'Findings',
    activity_id: activity.id,
    activity_name: activity.name,
    type_uid: OCSF_COMPLIANCE_FINDING_CLASS * 100 + activity.id,
    severity_id: SEVERITY_ID[f.severity],
    severity: SEVERITY_NAME[f.severity],
    status_id: STATUS[f.status].id,
    status: STATUS[f.status].name,
    time: ms(f.lastSeen),
    message: f.message,
    metadata: { version: OCSF_VERSION, product: { name: 'MatCarv AIOps', vendor_name: 'MatCarv', feature: { name: 'compliance' } }, uid: f.id },
    finding_info: { uid: f.id, title: f.title, desc: f.description, types: [f.checkId], created_time: ms(f.firstSeen), first_seen_time: ms(f.firstSeen), last_seen_time: ms(f.lastSeen), modified_time: ms(f.lastSeen) },
    compliance: { status_id: COMPLIANCE[f.complianceStatus].id, status: COMPLIANCE[f.complianceStatus].name, control: f.checkId, standards, requirements: [...(f.frameworks.cis ?? []).map((c) => `CIS ${c}`), ...(f.frameworks.fsbp ?? [])] },
    resources: [{ uid: f.resourceArn, type: f.resourceType, region: f.region, cloud_partition: f.resourceArn.split(':')[1] ?? 'aws' }],
    cloud: { provider: 'AWS', account: { uid: f.account, type: 'AWS Account' }, region: f.region },
    ...(f.remediation ? { remediation: { desc: `Run the ${f.remediation} runbook.` } } : {}),
    unmapped: { evidence: f.evidence, ...(f.suppression ? { suppression: f.suppression } : {}), ...(f.error ? { error: f.error } : {}) },
  };
}
