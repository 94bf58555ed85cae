import { ConfigServiceClient, DescribeConfigRulesCommand, GetComplianceDetailsByConfigRuleCommand } from '@aws-sdk/client-config-service';
import type { ConfigCompliancePort } from '../../app/compliance/configComplianceSync.js';

/** The Config compliance sync's port over SDK v3 (one page per call; the sync follows NextToken). */
export class AwsConfigCompliance implements ConfigCompliancePort {
  constructor(private readonly client: ConfigServiceClient = new ConfigServiceClient({})) {}

  async describeConfigRules(input: { NextToken?: string }): Promise<Awaited<ReturnType<ConfigCompliancePort['describeConfigRules']>>> {
    const res = await this.client.send(new DescribeConfigRulesCommand(input.NextToken ? { NextToken: input.NextToken } : {}));
    return {
      ConfigRules: (res.ConfigRules ?? []).map((r) => ({ ...(r.ConfigRuleName ? { ConfigRuleName: r.ConfigRuleName } : {}), ...(r.Description ? { Description: r.Description } : {}), ...(r.Source?.SourceIdentifier ? { Source: { SourceIdentifier: r.Source.SourceIdentifier } } : {}) })),
      ...(res.NextToken ? { NextToken: res.NextToken } : {}),
    };
  }

  async getComplianceDetailsByConfigRule(input: Parameters<ConfigCompliancePort['getComplianceDetailsByConfigRule']>[0]): Promise<Awaited<ReturnType<ConfigCompliancePort['getComplianceDetailsByConfigRule']>>> {
    // Config caps Limit at 100 per page.
    const res = await this.client.send(new GetComplianceDetailsByConfigRuleCommand({ ...input, Limit: Math.min(input.Limit, 100) }));
    return { EvaluationResults: (res.EvaluationResults ?? []) as NonNullable<Awaited<ReturnType<ConfigCompliancePort['getComplianceDetailsByConfigRule']>>['EvaluationResults']>, ...(res.NextToken ? { NextToken: res.NextToken } : {}) };
  }
}
