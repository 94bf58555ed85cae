import { BatchImportFindingsCommand, GetFindingsCommand, SecurityHubClient, type AwsSecurityFinding, type SecurityHubClientConfig } from '@aws-sdk/client-securityhub';
import type { AsffFinding } from '../../core/compliance/exports/asff.js';
import type { SecurityHubPort } from '../../app/compliance/securityHubSync.js';

export type SecurityHubOptions = { client: SecurityHubClient; clientConfig?: never } | { clientConfig: SecurityHubClientConfig; client?: never };

/** The Security Hub calls the compliance sync makes (GetFindings, BatchImportFindings), on SDK v3. */
export class AwsSecurityHub implements SecurityHubPort {
  private readonly client: SecurityHubClient;

  constructor(options: SecurityHubOptions) {
    this.client = options.client ?? new SecurityHubClient(options.clientConfig ?? {});
  }

  async getFindings(input: Parameters<SecurityHubPort['getFindings']>[0]): ReturnType<SecurityHubPort['getFindings']> {
    const res = await this.client.send(new GetFindingsCommand(input));
    return { ...(res.Findings ? { Findings: res.Findings } : {}), ...(res.NextToken ? { NextToken: res.NextToken } : {}) };
  }

  async batchImportFindings(findings: AsffFinding[]): ReturnType<SecurityHubPort['batchImportFindings']> {
    const res = await this.client.send(new BatchImportFindingsCommand({ Findings: findings as unknown as AwsSecurityFinding[] }));
    return {
      SuccessCount: res.SuccessCount ?? 0,
      FailedCount: res.FailedCount ?? 0,
      ...(res.FailedFindings ? { FailedFindings: res.FailedFindings.map((f) => ({ ...(f.Id ? { Id: f.Id } : {}), ...(f.ErrorCode ? { ErrorCode: f.ErrorCode } : {}), ...(f.ErrorMessage ? { ErrorMessage: f.ErrorMessage } : {}) })) } : {}),
    };
  }
}
