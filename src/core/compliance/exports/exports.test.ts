import { describe, expect, it } from 'vitest';
import { getCheck } from '../checks/index.js';
import { evaluateResources } from '../engine.js';
import { type ComplianceFinding, reconcileFinding, suppressFinding } from '../findings/finding.js';
import { frameworkScore } from '../frameworks/index.js';
import { sampleInventory, sampleResource } from '../inventory/sampleInventory.js';
import { FIXTURE_NOW } from '../testing/checkCases.js';
import { AsffFindingSchema, csvCell, EXPORT_FORMATS, exportFindings, fromAsff, toAsff, toCsv, toHtml, toOcsf, toSarif, validateAsff } from './index.js';

const NOW = new Date(FIXTURE_NOW).toISOString();

/** A realistic set of findings: one per failing check of a deliberately bad inventory. */
function findings(): ComplianceFinding[] {
  const bad = [
    sampleResource('AWS::S3::Bucket', { publicAccessBlock: null, policy: null }),
    sampleResource('AWS::EC2::SecurityGroup', { ipPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [] }] }),
    sampleResource('AWS::::Account', { accountSummary: { AccountMFAEnabled: 0, AccountAccessKeysPresent: 1 } }),
    sampleResource('AWS::RDS::DBInstance', { storageEncrypted: 'yes' }),
  ];
  const r = evaluateResources(bad, { now: FIXTURE_NOW, inventory: [...sampleInventory(), ...bad] });
  const out = r.evaluations.filter((e) => e.outcome.status === 'FAIL').map((e) => reconcileFinding(undefined, e.outcome, e.check, e.resource, NOW).finding!);
  out[0] = suppressFinding(out[0]!, { reason: 'static website, reviewed', by: 'sec@example.com' }, NOW);
  return out;
}

describe('Function: toAsff', () => {
  it('produces findings with every ASFF required field', () => {
    const all = findings();
    expect(all.length).toBeGreaterThan(5);
    for (const f of all) {
      const asff = toAsff(f);
      expect(validateAsff(asff), f.checkId).toEqual([]);
      expect(asff).toMatchObject({ SchemaVersion: '2018-10-08', AwsAccountId: '111122223333', GeneratorId: `aiops/${f.checkId}`, Severity: { Label: f.severity }, Compliance: { Status: 'FAILED' } });
      expect(asff.ProductArn).toBe('arn:aws:securityhub:us-east-1:111122223333:product/111122223333/default');
    }
  });

  it('maps resource types, framework requirements and fail-closed errors', () => {
    const all = findings();
    const sg = toAsff(all.find((f) => f.checkId === 'ec2-sg-open-ssh')!);
    expect(sg.Resources[0]).toMatchObject({ Type: 'AwsEc2SecurityGroup', Region: 'us-east-1', Partition: 'aws' });
    expect(sg.Compliance!.RelatedRequirements).toContain('CIS AWS Foundations Benchmark v3.0.0/5.2');
    expect(sg.Compliance!.RelatedRequirements).toContain('AWS Foundational Security Best Practices v1.0.0/EC2.53');
    const broken = toAsff(all.find((f) => f.error)!);
    expect(broken.ProductFields!['aiops/Error']).toMatch(/storageEncrypted/);
    const account = toAsff(all.find((f) => f.resourceType === 'AWS::::Account')!);
    expect(account.Resources[0]!.Type).toBe('AwsAccount');
  });

  it('flags missing required fields', () => {
    const { Title: _t, Resources: _r, ...rest } = toAsff(findings()[1]!);
    expect(validateAsff(rest)).toEqual(expect.arrayContaining(['Title', 'Resources']));
  });
});

describe('Function: fromAsff', () => {
  it('imports a Security Hub finding and round-trips it', () => {
    const sh = {
      SchemaVersion: '2018-10-08',
      Id: 'arn:aws:securityhub:us-east-1:111122223333:subscription/aws-foundational-security-best-practices/v/1.0.0/S3.8/finding/abc',
      ProductArn: 'arn:aws:securityhub:us-east-1::product/aws/securityhub'.replace('::', ':111122223333:'),
      GeneratorId: 'aws-foundational-security-best-practices/v/1.0.0/S3.8',
      AwsAccountId: '111122223333',
      Types: ['Software and Configuration Checks/Industry and Regulatory Standards/AWS-Foundational-Security-Best-Practices'],
      CreatedAt: '2026-11-20T00:00:00.000Z',
      UpdatedAt: '2026-11-22T00:00:00.000Z',
      Severity: { Label: 'HIGH' },
      Title: 'S3 general purpose buckets should block public access',
      Description: 'This control checks whether S3 general purpose buckets block public access.',
      Resources: [{ Type: 'AwsS3Bucket', Id: 'arn:aws:s3:::public-site', Region: 'us-east-1' }],
      Compliance: { Status: 'FAILED' },
      Workflow: { Status: 'NEW' },
      RecordState: 'ACTIVE',
      ProductFields: { ControlId: 'S3.8' },
    };
    const f = fromAsff(sh);
    expect(f).toMatchObject({ origin: 'securityhub', checkId: 'securityhub:S3.8', resourceType: 'AWS::S3::Bucket', resourceId: 'public-site', status: 'open', severity: 'HIGH', firstSeen: sh.CreatedAt });
    expect(f.id).toBe(fromAsff(sh).id);
    expect(toAsff(f)).toEqual(sh);
    expect(fromAsff({ ...sh, RecordState: 'ARCHIVED' }).status).toBe('resolved');
    expect(() => fromAsff({ ...sh, AwsAccountId: 'x' })).toThrow();
    expect(fromAsff({ ...sh, Severity: { Normalized: 75 } }).severity).toBe('HIGH');
  });
});

describe('Function: toSarif', () => {
  it('is a SARIF 2.1.0 log with rules and located results', () => {
    const all = findings();
    const log = toSarif(all, { generatedAt: NOW });
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0]!;
    expect(run.tool.driver.name).toBe('MatCarv AIOps');
    const ruleIds = run.tool.driver.rules.map((r) => r.id);
    expect(new Set(ruleIds).size).toBe(ruleIds.length);
    expect(run.results).toHaveLength(all.length);
    for (const r of run.results as { ruleId: string; ruleIndex: number; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[]) {
      expect(ruleIds[r.ruleIndex]).toBe(r.ruleId);
      expect(['error', 'warning', 'note']).toContain(r.level);
      expect(r.message.text.length).toBeGreaterThan(0);
      expect(r.locations[0]!.physicalLocation.artifactLocation.uri).toMatch(/^arn:aws:/);
    }
    expect((run.results as { suppressions?: unknown[] }[]).filter((r) => r.suppressions).length).toBe(1);
  });

  it('leaves resolved findings out', () => {
    const f = { ...findings()[1]!, status: 'resolved' as const };
    expect(toSarif([f]).runs[0]!.results).toEqual([]);
  });
});

describe('Function: toOcsf', () => {
  it('emits Compliance Finding (2003) events with OCSF ids', () => {
    const o = toOcsf(findings().find((f) => f.checkId === 'iam-root-access-keys')!);
    expect(o).toMatchObject({ class_uid: 2003, category_uid: 2, type_uid: 200301, activity_id: 1, severity_id: 5, severity: 'Critical', status_id: 1, compliance: { status_id: 3, status: 'Fail' }, cloud: { provider: 'AWS', account: { uid: '111122223333' } } });
    expect(o.time).toBe(FIXTURE_NOW);
  });
});

describe('Function: toCsv', () => {
  it('writes a header and one quoted row per finding', () => {
    const all = findings();
    const lines = toCsv(all).trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^id,checkId,title,severity,status/);
    expect(lines).toHaveLength(all.length + 1);
  });

  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    [undefined, ''],
  ])('escapes %j', (v, out) => {
    expect(csvCell(v)).toBe(out);
  });
});

describe('Function: toHtml', () => {
  it('renders a self-contained, escaped report with scores', () => {
    const all = findings();
    all[1] = { ...all[1]!, message: '<script>alert(1)</script>' };
    const html = toHtml(all, { generatedAt: NOW, scores: [frameworkScore('cis', [])] });
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('CIS AWS Foundations Benchmark');
  });
});

describe('Function: exportFindings', () => {
  it.each(EXPORT_FORMATS.map((f) => [f]))('renders %s', (format) => {
    const out = exportFindings(format, findings(), { generatedAt: NOW });
    expect(out.length).toBeGreaterThan(100);
    if (format === 'asff') for (const f of JSON.parse(out).Findings) expect(AsffFindingSchema.safeParse(f).success).toBe(true);
  });
  it('uses the check registry for severity', () => {
    expect(getCheck('iam-root-access-keys')!.severity).toBe('CRITICAL');
  });
});
