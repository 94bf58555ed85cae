import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../shared/errors.js';
import type { CheckOutcome } from '../check.js';
import { getCheck } from '../checks/index.js';
import { sampleResource } from '../inventory/sampleInventory.js';
import { type ComplianceFinding, findingId, reconcileFinding, suppressFinding, unsuppressFinding } from './finding.js';

const check = getCheck('s3-bucket-public-access-block')!;
const bucket = sampleResource('AWS::S3::Bucket', { publicAccessBlock: null });
const FAIL: CheckOutcome = { status: 'FAIL', message: 'public', evidence: { x: 1 }, checkId: check.id, resourceArn: bucket.arn };
const PASS: CheckOutcome = { status: 'PASS', checkId: check.id, resourceArn: bucket.arn };
const T = (m: number) => new Date(Date.UTC(2026, 10, 23, 0, m)).toISOString();

const open = (): ComplianceFinding => reconcileFinding(undefined, FAIL, check, bucket, T(0)).finding!;

describe('Function: reconcileFinding', () => {
  it('opens a new finding with a stable id, first seen = last seen', () => {
    const r = reconcileFinding(undefined, FAIL, check, bucket, T(0));
    expect(r.change).toBe('opened');
    expect(r.finding).toMatchObject({ id: findingId(check.id, bucket.arn), status: 'open', complianceStatus: 'FAILED', workflow: 'NEW', firstSeen: T(0), lastSeen: T(0), severity: 'HIGH', remediation: 'AIOps-BlockS3PublicAccess', frameworks: { cis: ['2.1.4'], fsbp: ['S3.8'] } });
  });

  it.each([
    ['still failing', FAIL, 'updated', 'open'],
    ['now passing', PASS, 'resolved', 'resolved'],
    ['resource out of scope', { status: 'NOT_APPLICABLE', reason: 'gone', checkId: check.id, resourceArn: bucket.arn } as CheckOutcome, 'resolved', 'resolved'],
  ] as const)('on an open finding, %s → %s', (_n, outcome, change, status) => {
    const r = reconcileFinding(open(), outcome, check, bucket, T(5));
    expect(r.change).toBe(change);
    expect(r.finding!.status).toBe(status);
    expect(r.finding!.firstSeen).toBe(T(0));
    expect(r.finding!.lastSeen).toBe(T(5));
  });

  it('reopens a resolved finding, keeping first seen and counting the reopen', () => {
    const resolved = reconcileFinding(open(), PASS, check, bucket, T(5)).finding!;
    expect(resolved.resolvedAt).toBe(T(5));
    const r = reconcileFinding(resolved, FAIL, check, bucket, T(9));
    expect(r.change).toBe('reopened');
    expect(r.finding).toMatchObject({ status: 'open', firstSeen: T(0), lastSeen: T(9), reopenedAt: T(9), reopenCount: 1 });
    expect(r.finding!.resolvedAt).toBeUndefined();
  });

  it('keeps a suppressed finding quiet until the suppression expires, then reopens it', () => {
    const s = suppressFinding(open(), { reason: 'accepted risk: public website bucket', by: 'sec@example.com', until: T(30) }, T(1));
    expect(reconcileFinding(s, FAIL, check, bucket, T(10))).toMatchObject({ change: 'suppressed-seen', finding: { status: 'suppressed' } });
    expect(reconcileFinding(s, FAIL, check, bucket, T(31))).toMatchObject({ change: 'reopened', finding: { status: 'open' } });
  });

  it('passing without a stored finding changes nothing', () => {
    expect(reconcileFinding(undefined, PASS, check, bucket, T(0))).toEqual({ change: 'unchanged' });
  });

  it('is idempotent: the same failing outcome twice yields the same finding', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), (m) => {
        const once = reconcileFinding(open(), FAIL, check, bucket, T(m)).finding!;
        const twice = reconcileFinding(once, FAIL, check, bucket, T(m)).finding!;
        expect(twice).toEqual(once);
      }),
    );
  });
});

describe('Function: suppressFinding', () => {
  it.each([
    ['empty reason', { reason: ' ', by: 'a' }, 'reason'],
    ['no principal', { reason: 'known', by: '' }, 'by'],
    ['bad expiry', { reason: 'known', by: 'a', until: 'tomorrow' }, 'until'],
    ['expiry in the past', { reason: 'known', by: 'a', until: T(0) }, 'until'],
  ])('rejects %s, naming the field', (_n, input, field) => {
    expect(() => suppressFinding(open(), input, T(1))).toThrow(ValidationError);
    try {
      suppressFinding(open(), input, T(1));
    } catch (e) {
      expect((e as ValidationError).field).toBe(field);
    }
  });

  it('records reason, principal and expiry; unsuppress reopens', () => {
    const s = suppressFinding(open(), { reason: 'pen-test window', by: 'sec@example.com', until: T(60) }, T(1));
    expect(s).toMatchObject({ status: 'suppressed', workflow: 'SUPPRESSED', suppression: { reason: 'pen-test window', by: 'sec@example.com', at: T(1), until: T(60) } });
    const u = unsuppressFinding(s);
    expect(u.status).toBe('open');
    expect(u.suppression).toBeUndefined();
  });
});
