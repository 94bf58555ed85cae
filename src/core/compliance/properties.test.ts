import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CheckOutcome, DEFAULT_COMPLIANCE_CONFIG, indexInventory, runCheck } from './check.js';
import { CHECKS, getCheck } from './checks/index.js';
import { type ComplianceFinding, reconcileFinding } from './findings/finding.js';
import { INVENTORY_SCHEMAS } from './inventory/index.js';
import { sampleInventory, sampleResource } from './inventory/sampleInventory.js';
import { FIXTURE_NOW } from './testing/checkCases.js';

const ctx = { now: FIXTURE_NOW, config: DEFAULT_COMPLIANCE_CONFIG, inventory: indexInventory(sampleInventory()) };

describe('Property: runCheck is total and fails closed', () => {
  it('never throws and never passes a state its schema rejects', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CHECKS), fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 })), (check, junk) => {
        const r = { ...sampleResource(check.resourceType), state: junk as Record<string, unknown> };
        const out = runCheck(check, r, ctx);
        expect(['PASS', 'FAIL', 'NOT_APPLICABLE']).toContain(out.status);
        if (!INVENTORY_SCHEMAS[check.resourceType].safeParse(junk).success) {
          expect(out.status).toBe('FAIL');
          expect(out.error).toMatch(/^state/);
          if (out.status === 'FAIL') expect(out.evidence.unknown).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a compliant resource passing whatever extra fields the adapter adds', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CHECKS), fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }).map((k) => `x_${k}`), fc.jsonValue({ maxDepth: 1 })), (check, extra) => {
        const r = sampleResource(check.resourceType);
        const out = runCheck(check, { ...r, state: { ...r.state, ...extra } }, ctx);
        expect(out.status).not.toBe('FAIL');
      }),
      { numRuns: 200 },
    );
  });
});

describe('Property: security group checks', () => {
  const cidr = fc.tuple(fc.constantFrom(10, 172, 192), fc.nat(255), fc.nat(255)).map(([a, b, c]) => `${a}.${b}.${c}.0/24`);
  const perm = fc.record({ IpProtocol: fc.constantFrom('tcp', 'udp', '-1', '6'), FromPort: fc.nat(65535), ToPort: fc.nat(65535), IpRanges: fc.array(cidr.map((CidrIp) => ({ CidrIp })), { maxLength: 3 }), Ipv6Ranges: fc.constant([]) });
  it('never flags rules whose sources are all private ranges', () => {
    fc.assert(
      fc.property(fc.array(perm, { maxLength: 5 }), (ipPermissions) => {
        const sg = sampleResource('AWS::EC2::SecurityGroup', { ipPermissions });
        for (const id of ['ec2-sg-open-ssh', 'ec2-sg-open-rdp', 'ec2-sg-open-all-ports', 'ec2-sg-open-high-risk-ports']) expect(runCheck(getCheck(id)!, sg, ctx).status).toBe('PASS');
      }),
    );
  });
});

describe('Property: finding lifecycle', () => {
  const check = getCheck('rds-not-public')!;
  const db = sampleResource('AWS::RDS::DBInstance');
  const FAIL: CheckOutcome = { status: 'FAIL', message: 'public', evidence: {}, checkId: check.id, resourceArn: db.arn };
  const PASS: CheckOutcome = { status: 'PASS', checkId: check.id, resourceArn: db.arn };

  it('first seen never moves, last seen only grows, and the status follows the last outcome', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 30 }), (fails) => {
        let f: ComplianceFinding | undefined;
        let firstSeen: string | undefined;
        let last = '';
        fails.forEach((failing, i) => {
          const now = new Date(FIXTURE_NOW + i * 60_000).toISOString();
          f = reconcileFinding(f, failing ? FAIL : PASS, check, db, now).finding ?? f;
          if (f) {
            firstSeen ??= f.firstSeen;
            expect(f.firstSeen).toBe(firstSeen);
            expect(f.lastSeen >= last).toBe(true);
            last = f.lastSeen;
            expect(f.status).toBe(failing ? 'open' : 'resolved');
          }
        });
        const opens = fails.filter((x, i) => x && (i === 0 || !fails[i - 1])).length;
        if (f) expect(f.reopenCount).toBe(opens - 1);
      }),
    );
  });
});
