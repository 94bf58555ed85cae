import { type AsffFinding, fromAsff, toAsff } from '../../core/compliance/exports/asff.js';
import type { ComplianceFinding } from '../../core/compliance/findings/finding.js';
import { stableHash } from '../../core/shared/hash.js';
import type { Clock } from '../../ports/clock.js';
import type { Store } from '../../ports/store.js';

/**
 * The two Security Hub calls the sync needs, shaped like the SDK v3 commands so the AWS adapter is
 * `send(new GetFindingsCommand(input))` / `send(new BatchImportFindingsCommand({ Findings }))`.
 */
export interface SecurityHubPort {
  getFindings(input: {
    Filters: { UpdatedAt?: { Start: string; End: string }[]; ProductArn?: { Value: string; Comparison: 'EQUALS' | 'NOT_EQUALS' }[] };
    SortCriteria?: { Field: string; SortOrder: 'asc' | 'desc' }[];
    MaxResults: number;
    NextToken?: string;
  }): Promise<{ Findings?: unknown[]; NextToken?: string }>;
  batchImportFindings(findings: AsffFinding[]): Promise<{ SuccessCount: number; FailedCount: number; FailedFindings?: { Id?: string; ErrorCode?: string; ErrorMessage?: string }[] }>;
}

export interface SecurityHubSyncOptions {
  hub: SecurityHubPort;
  store: Store;
  clock: Clock;
  /** Our product ARN (custom integration); our own findings are not re-imported. */
  productArn?: string;
  /** Re-read this much before the cursor: Security Hub updates are eventually consistent. Default 5 min. */
  overlapMs?: number;
  /** First import looks back this far. Default 90 days (Security Hub's retention). */
  initialLookbackMs?: number;
  /** Pages per run (MaxResults 100 each); the cursor advances to the newest finding read. Default 100. */
  maxPages?: number;
}

interface Cursor {
  id: string;
  updatedAt: string;
  at: string;
  /** Resume exactly at `at` (a run stopped at its page limit) instead of re-reading the overlap. */
  resume?: boolean;
}

const IMPORT_CURSOR = 'compliance:securityhub-import-cursor';
const PUBLISH_CURSOR = 'compliance:securityhub-publish-cursor';
/** BatchImportFindings accepts at most 100 findings and 240 KB per request. */
export const BATCH_MAX_FINDINGS = 100;
export const BATCH_MAX_BYTES = 240 * 1024;

/** Splits ASFF findings into BatchImportFindings requests (≤ 100 findings, ≤ 240 KB each). */
export function batchForImport(findings: readonly AsffFinding[]): AsffFinding[][] {
  const batches: AsffFinding[][] = [];
  let current: AsffFinding[] = [];
  let bytes = 2;
  for (const f of findings) {
    const size = Buffer.byteLength(JSON.stringify(f)) + 1;
    if (current.length > 0 && (current.length >= BATCH_MAX_FINDINGS || bytes + size > BATCH_MAX_BYTES)) {
      batches.push(current);
      current = [];
      bytes = 2;
    }
    current.push(f);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

export interface ImportResult {
  window: { start: string; end: string };
  pages: number;
  imported: number;
  unchanged: number;
  quarantined: number;
  /** More findings remain; the next run continues from the cursor. */
  truncated: boolean;
}

export interface PublishResult {
  batches: number;
  published: number;
  failed: { id: string; errorCode: string; message: string }[];
}

/**
 * Security Hub ↔ store sync: imports findings incrementally (GetFindings by UpdatedAt, paginated) every
 * 15 minutes, and publishes our findings (BatchImportFindings in batches of 100).
 */
export function createSecurityHubSync(o: SecurityHubSyncOptions) {
  const findings = o.store.collection<ComplianceFinding>('findings');
  const settings = o.store.collection<Cursor>('settings');
  const quarantine = o.store.collection<{ id: string; source: string; status: string; receivedAt: string; reason: string; raw: unknown }>('quarantine');
  const overlap = o.overlapMs ?? 5 * 60_000;
  const iso = (ms: number) => new Date(ms).toISOString();

  async function importFindings(): Promise<ImportResult> {
    const now = o.clock.now();
    const cursor = await settings.get(IMPORT_CURSOR);
    const start = cursor ? (cursor.resume ? cursor.at : iso(Date.parse(cursor.at) - overlap)) : iso(now - (o.initialLookbackMs ?? 90 * 86_400_000));
    const end = iso(now);
    const result: ImportResult = { window: { start, end }, pages: 0, imported: 0, unchanged: 0, quarantined: 0, truncated: false };
    let token: string | undefined;
    let newest = cursor?.at ?? start;
    do {
      const page = await o.hub.getFindings({
        Filters: { UpdatedAt: [{ Start: start, End: end }], ...(o.productArn ? { ProductArn: [{ Value: o.productArn, Comparison: 'NOT_EQUALS' }] } : {}) },
        SortCriteria: [{ Field: 'UpdatedAt', SortOrder: 'asc' }],
        MaxResults: 100,
        ...(token ? { NextToken: token } : {}),
      });
      result.pages++;
      for (const raw of page.Findings ?? []) {
        let f: ComplianceFinding;
        try {
          f = fromAsff(raw);
        } catch (e) {
          // Nothing is thrown away: a finding we cannot read goes to quarantine with the reason.
          result.quarantined++;
          const key = typeof raw === 'object' && raw && 'Id' in raw ? String((raw as { Id: unknown }).Id) : JSON.stringify(raw);
          await quarantine.put({ id: `securityhub-${stableHash(key)}`, source: 'securityhub', status: 'quarantined', receivedAt: end, reason: e instanceof Error ? e.message.slice(0, 500) : String(e), raw });
          continue;
        }
        const prev = await findings.get(f.id);
        if (prev && prev.lastSeen === f.lastSeen && prev.status === f.status) result.unchanged++;
        else {
          // Keep a local suppression across re-imports.
          await findings.put(prev?.suppression ? { ...f, suppression: prev.suppression } : f);
          result.imported++;
        }
        const updated = (raw as AsffFinding).UpdatedAt;
        if (updated > newest) newest = updated;
      }
      token = page.NextToken;
    } while (token && result.pages < (o.maxPages ?? 100));
    result.truncated = token !== undefined;
    await settings.put({ id: IMPORT_CURSOR, updatedAt: end, at: result.truncated ? newest : end, ...(result.truncated ? { resume: true } : {}) });
    return result;
  }

  /** Publishes our findings (checks and Config rules) updated since the last successful publish. Failed ones are retried next run. */
  async function publishFindings(): Promise<PublishResult> {
    const now = iso(o.clock.now());
    const cursor = await settings.get(PUBLISH_CURSOR);
    const changed = (await findings.find(cursor ? { since: cursor.at } : {})).filter((f) => f.origin !== 'securityhub');
    const asff = changed.map((f) => toAsff(f, o.productArn ? { productArn: o.productArn } : {}));
    const result: PublishResult = { batches: 0, published: 0, failed: [] };
    for (const batch of batchForImport(asff)) {
      result.batches++;
      try {
        const r = await o.hub.batchImportFindings(batch);
        result.published += r.SuccessCount;
        for (const f of r.FailedFindings ?? []) result.failed.push({ id: f.Id ?? '', errorCode: f.ErrorCode ?? 'Unknown', message: f.ErrorMessage ?? '' });
      } catch (e) {
        for (const f of batch) result.failed.push({ id: f.Id, errorCode: 'RequestFailed', message: e instanceof Error ? e.message : String(e) });
      }
    }
    if (result.failed.length === 0) await settings.put({ id: PUBLISH_CURSOR, updatedAt: now, at: now });
    return result;
  }

  return { importFindings, publishFindings };
}

export type SecurityHubSync = ReturnType<typeof createSecurityHubSync>;
