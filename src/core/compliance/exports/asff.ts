import { z } from 'zod';
import { stableHash } from '../../shared/hash.js';
import { CHECK_SEVERITIES, type CheckSeverity } from '../check.js';
import type { ComplianceFinding, ComplianceStatus, WorkflowStatus } from '../findings/finding.js';
import { FRAMEWORKS } from '../frameworks/index.js';

/** CloudFormation type → ASFF `Resources[].Type`. */
export const ASFF_RESOURCE_TYPES: Record<string, string> = {
  'AWS::::Account': 'AwsAccount',
  'AWS::S3::Bucket': 'AwsS3Bucket',
  'AWS::EC2::SecurityGroup': 'AwsEc2SecurityGroup',
  'AWS::EC2::NetworkAcl': 'AwsEc2NetworkAcl',
  'AWS::EC2::Instance': 'AwsEc2Instance',
  'AWS::EC2::Volume': 'AwsEc2Volume',
  'AWS::EC2::VPC': 'AwsEc2Vpc',
  'AWS::IAM::User': 'AwsIamUser',
  'AWS::IAM::Policy': 'AwsIamPolicy',
  'AWS::CloudTrail::Trail': 'AwsCloudTrailTrail',
  'AWS::RDS::DBInstance': 'AwsRdsDbInstance',
  'AWS::Lambda::Function': 'AwsLambdaFunction',
  'AWS::KMS::Key': 'AwsKmsKey',
  'AWS::ElasticLoadBalancingV2::LoadBalancer': 'AwsElbv2LoadBalancer',
  'AWS::CloudFront::Distribution': 'AwsCloudFrontDistribution',
  'AWS::DynamoDB::Table': 'AwsDynamoDbTable',
  'AWS::SQS::Queue': 'AwsSqsQueue',
  'AWS::SNS::Topic': 'AwsSnsTopic',
  'AWS::SecretsManager::Secret': 'AwsSecretsManagerSecret',
  'AWS::ECS::TaskDefinition': 'AwsEcsTaskDefinition',
};
const CFN_TYPES = Object.fromEntries(Object.entries(ASFF_RESOURCE_TYPES).map(([k, v]) => [v, k]));

const SEVERITY_NORMALIZED: Record<CheckSeverity, number> = { CRITICAL: 90, HIGH: 70, MEDIUM: 40, LOW: 1, INFORMATIONAL: 0 };

/**
 * The ASFF fields Security Hub requires in `BatchImportFindings` (plus the ones we always send).
 * Used to validate our exports and to parse imported findings.
 */
export const AsffFindingSchema = z.looseObject({
  SchemaVersion: z.literal('2018-10-08'),
  Id: z.string().min(1).max(512),
  ProductArn: z.string().regex(/^arn:aws[a-z-]*:securityhub:[a-z0-9-]+:\d{12}:product\/.+/),
  GeneratorId: z.string().min(1).max(512),
  AwsAccountId: z.string().regex(/^\d{12}$/),
  Types: z.array(z.string().min(1)).min(1).max(50),
  CreatedAt: z.iso.datetime({ offset: true }),
  UpdatedAt: z.iso.datetime({ offset: true }),
  FirstObservedAt: z.iso.datetime({ offset: true }).optional(),
  LastObservedAt: z.iso.datetime({ offset: true }).optional(),
  Severity: z.looseObject({ Label: z.enum(CHECK_SEVERITIES), Normalized: z.number().int().min(0).max(100).optional(), Original: z.string().optional() }),
  Title: z.string().min(1).max(256),
  Description: z.string().min(1).max(1024),
  Resources: z.array(z.looseObject({ Type: z.string().min(1), Id: z.string().min(1), Partition: z.string().optional(), Region: z.string().optional() })).min(1).max(32),
  Compliance: z.looseObject({ Status: z.enum(['PASSED', 'WARNING', 'FAILED', 'NOT_AVAILABLE']), RelatedRequirements: z.array(z.string()).max(32).optional() }).optional(),
  Workflow: z.looseObject({ Status: z.enum(['NEW', 'NOTIFIED', 'RESOLVED', 'SUPPRESSED']) }).optional(),
  RecordState: z.enum(['ACTIVE', 'ARCHIVED']).optional(),
  ProductFields: z.record(z.string(), z.string()).optional(),
});
export type AsffFinding = z.infer<typeof AsffFindingSchema>;

/** Dotted paths of the ASFF fields that are missing or invalid ([] when the finding is valid). */
export function validateAsff(finding: unknown): string[] {
  const r = AsffFindingSchema.safeParse(finding);
  return r.success ? [] : r.error.issues.map((i) => i.path.map(String).join('.') || '(root)');
}

export interface AsffOptions {
  /** Security Hub product ARN; defaults to the account's `default` custom-integration product. */
  productArn?: string;
  /** Region of the Security Hub we publish to, for the default product ARN (global resources have none). */
  homeRegion?: string;
}

const truncate = (s: string, n: number): string => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

function relatedRequirements(f: ComplianceFinding): string[] {
  const cis = (f.frameworks.cis ?? []).map((c) => `CIS AWS Foundations Benchmark v${FRAMEWORKS.cis.version}/${c}`);
  const fsbp = (f.frameworks.fsbp ?? []).map((c) => `AWS Foundational Security Best Practices v${FRAMEWORKS.fsbp.version}/${c}`);
  return [...cis, ...fsbp].slice(0, 32);
}

function findingTypes(f: ComplianceFinding): string[] {
  const types = ['Software and Configuration Checks/AWS Security Best Practices'];
  if (f.frameworks.cis?.length) types.push('Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark');
  return types;
}

/** Our finding as an ASFF finding, ready for `BatchImportFindings`. */
export function toAsff(f: ComplianceFinding, o: AsffOptions = {}): AsffFinding {
  if (f.origin === 'securityhub' && f.raw && AsffFindingSchema.safeParse(f.raw).success) return f.raw as AsffFinding;
  const region = o.homeRegion ?? (f.region === 'global' ? 'us-east-1' : f.region);
  const productArn = o.productArn ?? `arn:aws:securityhub:${region}:${f.account}:product/${f.account}/default`;
  const partition = f.resourceArn.startsWith('arn:') ? (f.resourceArn.split(':')[1] ?? 'aws') : 'aws';
  return {
    SchemaVersion: '2018-10-08',
    Id: `arn:${partition}:aiops:${region}:${f.account}:finding/${f.id}`,
    ProductArn: productArn,
    GeneratorId: `aiops/${f.checkId}`,
    AwsAccountId: f.account,
    Types: findingTypes(f),
    CreatedAt: f.firstSeen,
    UpdatedAt: f.lastSeen,
    FirstObservedAt: f.firstSeen,
    LastObservedAt: f.lastSeen,
    Severity: { Label: f.severity, Normalized: SEVERITY_NORMALIZED[f.severity], Original: f.severity },
    Title: truncate(f.title, 256),
    Description: truncate(`${f.description} ${f.message}`.trim(), 1024),
    ...(f.remediation ? { Remediation: { Recommendation: { Text: `Run the ${f.remediation} runbook (subject to its approval rule).` } } } : {}),
    ProductFields: {
      'aiops/CheckId': f.checkId,
      'aiops/FindingId': f.id,
      ...(f.remediation ? { 'aiops/Remediation': f.remediation } : {}),
      ...(f.error ? { 'aiops/Error': truncate(f.error, 1024) } : {}),
    },
    Resources: [{ Type: ASFF_RESOURCE_TYPES[f.resourceType] ?? 'Other', Id: f.resourceArn, Partition: partition, Region: f.region === 'global' ? region : f.region }],
    Compliance: { Status: f.complianceStatus, RelatedRequirements: relatedRequirements(f), ...(f.error ? { StatusReasons: [{ ReasonCode: 'CONFIG_EVALUATIONS_EMPTY', Description: truncate(f.error, 2048) }] } : {}) },
    Workflow: { Status: f.workflow },
    RecordState: f.recordState,
    ...(f.suppression ? { Note: { Text: truncate(f.suppression.reason, 512), UpdatedBy: f.suppression.by, UpdatedAt: f.suppression.at } } : {}),
  };
}

/** Older providers send only `Severity.Normalized`; derive the label the way Security Hub does. */
function withSeverityLabel(input: unknown): unknown {
  const sev = (input as { Severity?: { Label?: unknown; Normalized?: unknown } } | null)?.Severity;
  if (!sev || sev.Label !== undefined || typeof sev.Normalized !== 'number') return input;
  const n = sev.Normalized;
  const Label = n === 0 ? 'INFORMATIONAL' : n < 40 ? 'LOW' : n < 70 ? 'MEDIUM' : n < 90 ? 'HIGH' : 'CRITICAL';
  return { ...(input as object), Severity: { ...sev, Label } };
}

const WORKFLOW_TO_STATUS: Record<WorkflowStatus, ComplianceFinding['status']> = { NEW: 'open', NOTIFIED: 'open', RESOLVED: 'resolved', SUPPRESSED: 'suppressed' };

/**
 * A Security Hub finding as one of ours (origin `securityhub`), so imported and own findings are
 * listed, scored and exported together. Throws a zod error when required ASFF fields are missing.
 */
export function fromAsff(input: unknown): ComplianceFinding {
  const a = AsffFindingSchema.parse(withSeverityLabel(input));
  const res = a.Resources[0]!;
  const compliance = (a.Compliance?.Status ?? 'FAILED') as ComplianceStatus;
  const workflow = (a.Workflow?.Status ?? 'NEW') as WorkflowStatus;
  const status = a.RecordState === 'ARCHIVED' || compliance === 'PASSED' ? 'resolved' : WORKFLOW_TO_STATUS[workflow];
  const control = typeof a.ProductFields?.ControlId === 'string' ? a.ProductFields.ControlId : undefined;
  return {
    id: `sh-${stableHash(a.Id)}`,
    origin: 'securityhub',
    checkId: control ? `securityhub:${control}` : `securityhub:${a.GeneratorId}`,
    title: a.Title,
    description: a.Description,
    severity: a.Severity.Label,
    service: a.Types[0]?.split('/')[0] ?? 'securityhub',
    resourceArn: res.Id,
    resourceType: CFN_TYPES[res.Type] ?? res.Type,
    resourceId: res.Id.split(/[:/]/).pop() ?? res.Id,
    region: res.Region ?? 'global',
    account: a.AwsAccountId,
    status,
    complianceStatus: compliance,
    workflow,
    recordState: a.RecordState ?? 'ACTIVE',
    message: a.Description,
    evidence: {},
    frameworks: {},
    firstSeen: a.FirstObservedAt ?? a.CreatedAt,
    lastSeen: a.LastObservedAt ?? a.UpdatedAt,
    ...(status === 'resolved' ? { resolvedAt: a.UpdatedAt } : {}),
    reopenCount: 0,
    raw: input,
  };
}
