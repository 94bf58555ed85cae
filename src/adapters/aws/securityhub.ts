import { type AwsSecurityFinding, BatchImportFindingsCommand, GetFindingsCommand, type GetFindingsCommandInput, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { batchForImport, type SecurityHubPort } from '../../app/compliance/securityHubSync.js';
import type { AsffFinding } from '../../core/compliance/exports/asff.js';

type GetFindingsInput = Parameters<SecurityHubPort['getFindings']>[0];
type ImportResult = Awaited<ReturnType<SecurityHubPort['batchImportFindings']>>;

/** Security Hub caps GetFindings at 100 per page. */
export const GET_FINDINGS_MAX_RESULTS = 100;

/**
 * The Security Hub sync's port over SDK v3. `getFindings` is one page (the sync follows
 * `NextToken` and keeps its own cursor); `allFindings` follows every page for one-off reads.
 * `batchImportFindings` splits into requests Security Hub accepts (≤ 100 findings, ≤ 240 KB) and
 * adds up the per-request results, so a caller can hand it any number of findings.
 */
export class AwsSecurityHub implements SecurityHubPort {
  constructor(private readonly client: SecurityHubClient = new SecurityHubClient({})) {}

  async getFindings(input: GetFindingsInput): Promise<{ Findings?: unknown[]; NextToken?: string }> {
    const res = await this.client.send(new GetFindingsCommand({ ...(input as GetFindingsCommandInput), MaxResults: Math.min(input.MaxResults, GET_FINDINGS_MAX_RESULTS) }));
    return { Findings: res.Findings ?? [], ...(res.NextToken ? { NextToken: res.NextToken } : {}) };
  }

  /** Every finding matching the filters, page after page (bounded by `maxPages`). */
  async allFindings(input: Omit<GetFindingsInput, 'NextToken' | 'MaxResults'>, maxPages = 1000): Promise<unknown[]> {
    const out: unknown[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await this.getFindings({ ...input, MaxResults: GET_FINDINGS_MAX_RESULTS, ...(token ? { NextToken: token } : {}) });
      out.push(...(page.Findings ?? []));
      token = page.NextToken;
    } while (token && ++pages < maxPages);
    return out;
  }

  async batchImportFindings(findings: AsffFinding[]): Promise<ImportResult> {
    const total: ImportResult = { SuccessCount: 0, FailedCount: 0, FailedFindings: [] };
    for (const batch of batchForImport(findings)) {
      const res = await this.client.send(new BatchImportFindingsCommand({ Findings: batch as unknown as AwsSecurityFinding[] }));
      total.SuccessCount += res.SuccessCount ?? 0;
      total.FailedCount += res.FailedCount ?? 0;
      for (const f of res.FailedFindings ?? []) total.FailedFindings!.push({ ...(f.Id ? { Id: f.Id } : {}), ...(f.ErrorCode ? { ErrorCode: f.ErrorCode } : {}), ...(f.ErrorMessage ? { ErrorMessage: f.ErrorMessage } : {}) });
    }
    return total;
  }
}
