import { afterEach, describe, expect, it } from 'vitest';
import { findScenario } from '../../src/adapters/sandbox/scenarios/index.js';
import type { Alert } from '../../src/core/alerts/alert.js';
import { toAsff, validateAsff } from '../../src/core/compliance/exports/asff.js';
import type { ComplianceFinding } from '../../src/core/compliance/findings/finding.js';
import type { Incident } from '../../src/core/incidents/incident.js';
import { verifyAuditChain } from '../../src/core/remediation/audit.js';
import type { Execution } from '../../src/core/remediation/execution.js';
import type { Approval } from '../../src/ports/approvals.js';
import { advanceUntil, startTestPlatform, type TestPlatform } from './helpers.js';

let t: TestPlatform;
afterEach(async () => t?.cleanup());

const BUCKET = 'arn:aws:s3:::matcarv-assets-staging';
const WEB_SG = 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-0web0000000000001';

const open = async (p: TestPlatform['platform'], checkId: string, resourceArn: string) =>
  (await p.features.compliance.listFindings({ status: 'open', checkId })).find((f) => f.resourceArn === resourceArn);

describe('Feature: compliance on the local platform (manual clock)', () => {
  it("finds the default fleet's known violations on the scheduled scan", async () => {
    t = await startTestPlatform();
    const { platform: p } = t;
    // The first full scan runs at the next quarter hour of platform time (the clock starts at 10:00).
    await advanceUntil(t, async () => (await p.store.collection<{ id: string }>('reports').count({ kind: 'compliance-scan' })) > 0, 16);
    const failing = (await p.features.compliance.listFindings({ status: 'open' })).map((f) => `${f.checkId} ${f.resourceArn}`);
    const expected: [string, string][] = [
      ['ec2-sg-open-ssh', 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-0ssh000000000003'],
      ['s3-bucket-versioning', 'arn:aws:s3:::matcarv-logs-staging'],
      ['ec2-ebs-volume-encrypted', 'arn:aws:ec2:us-east-1:123456789012:volume/vol-0fedcba9876543210'],
      ['iam-user-no-direct-policies', 'arn:aws:iam::123456789012:user/deploy-bot'],
      ['iam-user-access-key-rotated', 'arn:aws:iam::123456789012:user/deploy-bot'],
      ['lambda-runtime-supported', 'arn:aws:lambda:us-east-1:123456789012:function:thumbnail-generator'],
      ['dynamodb-pitr-enabled', 'arn:aws:dynamodb:us-east-1:123456789012:table/orders'],
      ['sns-topic-encrypted', 'arn:aws:sns:us-east-1:123456789012:order-events'],
      ['ec2-ebs-default-encryption', 'arn:aws:iam::123456789012:root'],
    ];
    for (const [check, arn] of expected) expect(failing, check).toContain(`${check} ${arn}`);
    // Compliant resources stay clean: the encrypted, versioned, blocked assets bucket and the HTTPS-only web SG.
    expect(failing).not.toContain(`s3-bucket-public-access-block ${BUCKET}`);
    expect(failing).not.toContain(`ec2-sg-open-ssh ${WEB_SG}`);
    // No check fails because a translated state was unreadable.
    expect((await p.features.compliance.listFindings({ status: 'open' })).filter((f) => f.error)).toEqual([]);
    const scores = await p.features.compliance.scores();
    expect(scores.map((s) => s.framework).sort()).toEqual(['cis', 'fsbp']);
    for (const s of scores) expect(s.score).toBeGreaterThan(0);
  });

  it('detects the posture-drift scenario within a minute, alerts, opens an incident and gates the fix behind an approval', async () => {
    t = await startTestPlatform();
    const { platform: p } = t;
    await p.features.compliance.scan();
    await p.bus.drain();
    expect(await open(p, 's3-bucket-public-access-block', BUCKET)).toBeUndefined();

    await p.sandbox.inject(findScenario('posture-drift').faults, 'test');
    const bucketMinutes = await advanceUntil(t, async () => (await open(p, 's3-bucket-public-access-block', BUCKET)) !== undefined, 5);
    expect(bucketMinutes).toBeLessThanOrEqual(1);
    // The SSH rule is opened two minutes into the scenario; found within a minute of that.
    const sshMinutes = await advanceUntil(t, async () => (await open(p, 'ec2-sg-open-ssh', WEB_SG)) !== undefined, 5);
    expect(bucketMinutes + sshMinutes).toBeLessThanOrEqual(3);

    // The findings: public policy too, each with evidence and its linked remediation, exported as valid ASFF.
    const pab = (await open(p, 's3-bucket-public-access-block', BUCKET))!;
    const policy = (await open(p, 's3-bucket-policy-not-public', BUCKET))!;
    const ssh = (await open(p, 'ec2-sg-open-ssh', WEB_SG))!;
    expect(pab).toMatchObject({ severity: 'HIGH', remediation: 'AIOps-BlockS3PublicAccess', status: 'open' });
    expect(policy).toMatchObject({ severity: 'CRITICAL', remediation: 'AIOps-BlockS3PublicAccess' });
    expect(ssh).toMatchObject({ severity: 'HIGH', remediation: 'AIOps-RevokeOpenSSH' });
    expect(ssh.evidence).toBeTruthy();
    const asff = toAsff(ssh as ComplianceFinding);
    expect(validateAsff(asff)).toEqual([]);
    expect(asff).toMatchObject({ SchemaVersion: '2018-10-08', Severity: { Label: 'HIGH' }, Compliance: { Status: 'FAILED' }, Resources: [{ Type: 'AwsEc2SecurityGroup', Id: WEB_SG }] });

    // Signal → alert → incident.
    const signals = await p.store.collection<{ id: string; source: string; rule?: string; state: string; resourceArn: string }>('signals').find({ where: { source: 'compliance' } });
    expect(signals.some((s) => s.rule === 'ec2-sg-open-ssh' && s.resourceArn === WEB_SG && s.state === 'firing')).toBe(true);
    const alert = (await p.store.collection<Alert>('alerts').find({ where: { status: 'firing' } })).find((a) => a.rule === 'ec2-sg-open-ssh' && a.resourceArn === WEB_SG)!;
    expect(alert).toMatchObject({ source: 'compliance', labels: expect.objectContaining({ remediation: 'AIOps-RevokeOpenSSH', findingId: ssh.id }) });
    const incident = (await p.store.collection<Incident>('incidents').get(alert.incidentId!))!;
    expect(incident.status).toBe('open');

    // The linked remediation waits for a human: irreversible runbook, approval requested.
    const executions = p.store.collection<Execution>('executions');
    await advanceUntil(t, async () => (await executions.find()).some((e) => e.runbookId === 'AIOps-RevokeOpenSSH' && e.targetResource === WEB_SG && e.status === 'WAITING_APPROVAL'), 5);
    const exec = (await executions.find()).find((e) => e.runbookId === 'AIOps-RevokeOpenSSH' && e.targetResource === WEB_SG)!;
    expect(exec.incidentId).toBe(alert.incidentId);
    const approval = (await p.store.collection<Approval>('approvals').get(exec.approvalId!))!;
    expect(approval).toMatchObject({ status: 'pending', runbookId: 'AIOps-RevokeOpenSSH', targetResource: WEB_SG });
    // Nothing changed while waiting.
    expect(JSON.stringify(p.sandbox.resolve('web-sg').state)).toContain('"FromPort":22');

    await p.remediation.decide(approval.id, 'approve', 'alice');
    await advanceUntil(t, async () => (await executions.get(exec.id))!.endedAt !== undefined, 10);
    expect((await p.store.collection<Approval>('approvals').get(approval.id))!).toMatchObject({ status: 'approved', decidedBy: 'alice' });
    // The approved plan ran: the revoke of exactly the world-open port-22 rule, in the hash-chained audit log.
    const audit = await p.store.audit.list({ executionId: exec.id });
    const revoke = audit.find((a) => a.action.startsWith('ec2:RevokeSecurityGroupIngress'));
    expect(revoke).toMatchObject({ runbook: 'AIOps-RevokeOpenSSH', targetResource: WEB_SG });
    expect(JSON.stringify(approval.plan)).toContain('"FromPort":22');
    expect(JSON.stringify(approval.plan)).not.toContain('"FromPort":443');
    expect(verifyAuditChain(await p.store.audit.scan()).ok).toBe(true);
  });

  it('rescans on an ingested Config compliance change once, whatever path it came in by', async () => {
    t = await startTestPlatform();
    const { platform: p } = t;
    await p.features.compliance.scan();
    const logs = 'arn:aws:s3:::matcarv-logs-staging';
    const before = (await open(p, 's3-bucket-versioning', logs))!;
    const time = new Date(t.clock.now()).toISOString();
    const event = {
      version: '0',
      id: 'cfg-1',
      'detail-type': 'Config Rules Compliance Change',
      source: 'aws.config',
      account: '123456789012',
      region: 'us-east-1',
      time,
      resources: [logs],
      detail: {
        resourceId: 'matcarv-logs-staging',
        resourceType: 'AWS::S3::Bucket',
        awsRegion: 'us-east-1',
        awsAccountId: '123456789012',
        configRuleName: 's3-bucket-versioning-enabled',
        messageType: 'ComplianceChangeNotification',
        newEvaluationResult: { complianceType: 'NON_COMPLIANT', resultRecordedTime: time },
      },
    };
    expect((await p.alerting.ingest(event, { via: 'api' })).status).toBe('accepted');
    await t.clock.advance(30_000);
    expect(await p.features.compliance.rescanChanges()).toEqual({ events: 1, rescanned: 1 });
    expect((await p.features.compliance.getFinding(before.id))!.lastSeen).toBe(new Date(t.clock.now()).toISOString());
    // Already handled: the next pass finds nothing new.
    expect(await p.features.compliance.rescanChanges()).toEqual({ events: 0, rescanned: 0 });
  });
});
