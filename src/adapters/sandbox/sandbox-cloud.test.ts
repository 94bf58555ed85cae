import { describe, expect, it } from 'vitest';
import { ManualClock } from '../local/clocks.js';
import { CATALOGUE } from '../../core/remediation/catalogue/index.js';
import { CATALOGUE_FIXTURES, FIXTURE_NOW } from '../../core/remediation/catalogue/support/fixtures.js';
import { Sandbox } from './sandbox.js';
import { SANDBOX_SUPPORTED_CALLS } from './sandbox-cloud.js';

/** Every state-changing call a catalogue plan or rollback makes, from the reference resources. */
function catalogueCalls(): { runbook: string; call: string }[] {
  const out: { runbook: string; call: string }[] = [];
  for (const r of CATALOGUE) {
    const resource = CATALOGUE_FIXTURES[r.id]!;
    const ctx = { resource, environment: 'dev', now: FIXTURE_NOW, diagnostics: { now: FIXTURE_NOW } };
    for (const c of r.plan(ctx)) out.push({ runbook: r.id, call: c.call });
    for (const c of r.rollback?.(ctx, resource.state) ?? []) out.push({ runbook: r.id, call: c.call });
  }
  return out;
}

describe('Class: SandboxCloud', () => {
  it.each(catalogueCalls().map((c) => [c.call, c.runbook] as const))('handles %s (used by %s)', (call) => {
    expect(SANDBOX_SUPPORTED_CALLS).toContain(call);
  });

  it('fails closed on unknown calls, missing resources and invalid parameters, changing nothing', async () => {
    const sandbox = new Sandbox({ clock: new ManualClock('2026-11-23T10:00:00.000Z') });
    const sg = sandbox.resolve('legacy-ssh');
    const before = structuredClone(sg.state);
    const cases = [
      { call: 'ec2:DeleteSecurityGroup', target: sg.arn, params: {}, error: /not supported/ },
      { call: 'ec2:RevokeSecurityGroupIngress', target: 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-nope', params: {}, error: /no such resource/ },
      { call: 'dynamodb:UpdateTable', target: sandbox.resolve('orders').arn, params: { ProvisionedThroughput: { ReadCapacityUnits: 1.5 } }, error: /integer/ },
      { call: 'sqs:StartMessageMoveTask', target: sandbox.resolve('orders-queue').arn, params: {}, error: /dead-letter/ },
      { call: 'iam:UpdateAccessKey', target: sandbox.resolve('deploy-bot').arn, params: { AccessKeyId: 'AKIANOPE', Status: 'Inactive' }, error: /no access key/ },
    ];
    for (const c of cases) {
      const res = await sandbox.cloud.execute(c);
      expect(res.ok, c.call).toBe(false);
      expect(res.error).toMatch(c.error);
    }
    expect(sandbox.resolve('legacy-ssh').state).toEqual(before);
  });

  it('revokes exactly the listed SSH ranges and keeps the others', async () => {
    const sandbox = new Sandbox({ clock: new ManualClock('2026-11-23T10:00:00.000Z') });
    const sg = sandbox.resolve('legacy-ssh');
    await sandbox.cloud.execute({ call: 'ec2:AuthorizeSecurityGroupIngress', target: sg.arn, params: { FromPort: 22, ToPort: 22, CidrIp: '10.0.0.0/8' } });
    const res = await sandbox.cloud.execute({ call: 'ec2:RevokeSecurityGroupIngress', target: sg.arn, params: { GroupId: sg.id, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] } });
    expect(res.ok).toBe(true);
    expect(sandbox.resolve('legacy-ssh').state.IpPermissions).toEqual([{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '10.0.0.0/8' }], Ipv6Ranges: [] }]);
  });
});
