import { stableHash } from '../shared/hash.js';

/**
 * One AutomationAuditLog record, with the nine fields the automation specification requires,
 * plus a sequence number and a hash chain so that tampering with history is detectable.
 */
export interface AuditFields {
  executionId: string;
  /** ISO 8601 UTC */
  timestamp: string;
  trigger: string;
  runbook: string;
  targetResource: string;
  action: string;
  outcome: 'SUCCESS' | 'FAILURE' | 'SKIPPED';
  /** `automated` or the principal who approved. */
  operator: string;
  rollbackPlan: string;
}

export interface AuditRecord extends AuditFields {
  seq: number;
  prevHash: string;
  hash: string;
}

export const AUDIT_FIELDS: readonly (keyof AuditFields)[] = [
  'executionId',
  'timestamp',
  'trigger',
  'runbook',
  'targetResource',
  'action',
  'outcome',
  'operator',
  'rollbackPlan',
];

export const GENESIS_HASH = '0'.repeat(16);

/** The hash of a record covers its fields, its sequence number and the previous record's hash. */
export function auditHash(fields: AuditFields, seq: number, prevHash: string): string {
  const canonical = JSON.stringify([seq, prevHash, ...AUDIT_FIELDS.map((k) => fields[k])]);
  return stableHash(canonical) + stableHash(`chain:${canonical}`);
}

export function chainAuditRecord(fields: AuditFields, prev: AuditRecord | undefined): AuditRecord {
  const seq = prev ? prev.seq + 1 : 1;
  const prevHash = prev ? prev.hash : GENESIS_HASH;
  return { ...fields, seq, prevHash, hash: auditHash(fields, seq, prevHash) };
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  /** First broken record, if any. */
  brokenAt?: number;
  reason?: string;
}

/** Verifies a chain read in sequence order. */
export function verifyAuditChain(records: readonly AuditRecord[]): AuditVerification {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  for (const r of records) {
    if (r.seq !== expectedSeq) return { ok: false, checked: expectedSeq - 1, brokenAt: r.seq, reason: `sequence gap: expected ${expectedSeq}, found ${r.seq}` };
    if (r.prevHash !== prevHash) return { ok: false, checked: expectedSeq - 1, brokenAt: r.seq, reason: 'prevHash does not match the previous record' };
    if (auditHash(r, r.seq, r.prevHash) !== r.hash) return { ok: false, checked: expectedSeq - 1, brokenAt: r.seq, reason: 'record content does not match its hash' };
    prevHash = r.hash;
    expectedSeq++;
  }
  return { ok: true, checked: records.length };
}
