import type { AsffFinding } from '../../../core/compliance/exports/asff.js';
import type { SecurityHubPort } from '../securityHubSync.js';

/** An in-memory Security Hub: GetFindings with UpdatedAt/ProductArn filters and paging, BatchImportFindings. */
export class FakeSecurityHub implements SecurityHubPort {
  readonly stored = new Map<string, Record<string, unknown>>();
  readonly imported: AsffFinding[][] = [];
  getCalls = 0;
  /** Ids BatchImportFindings reports as failed. */
  rejectIds = new Set<string>();
  failNextImport = false;

  add(...findings: Record<string, unknown>[]): void {
    for (const f of findings) this.stored.set(String(f.Id), f);
  }

  async getFindings(input: Parameters<SecurityHubPort['getFindings']>[0]) {
    this.getCalls++;
    const range = input.Filters.UpdatedAt?.[0];
    const notProduct = input.Filters.ProductArn?.find((p) => p.Comparison === 'NOT_EQUALS')?.Value;
    const all = [...this.stored.values()]
      .filter((f) => !range || (String(f.UpdatedAt) >= range.Start && String(f.UpdatedAt) <= range.End))
      .filter((f) => !notProduct || f.ProductArn !== notProduct)
      .sort((a, b) => String(a.UpdatedAt).localeCompare(String(b.UpdatedAt)));
    const offset = Number(input.NextToken ?? 0);
    const page = all.slice(offset, offset + input.MaxResults);
    return { Findings: page, ...(offset + input.MaxResults < all.length ? { NextToken: String(offset + input.MaxResults) } : {}) };
  }

  async batchImportFindings(findings: AsffFinding[]) {
    if (this.failNextImport) {
      this.failNextImport = false;
      throw new Error('ThrottlingException');
    }
    if (findings.length > 100) throw new Error('InvalidInputException: more than 100 findings');
    this.imported.push(findings);
    const failed = findings.filter((f) => this.rejectIds.has(f.Id));
    for (const f of findings) if (!this.rejectIds.has(f.Id)) this.stored.set(f.Id, f);
    return { SuccessCount: findings.length - failed.length, FailedCount: failed.length, FailedFindings: failed.map((f) => ({ Id: f.Id, ErrorCode: 'InvalidInput', ErrorMessage: 'rejected' })) };
  }
}
