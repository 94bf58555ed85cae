import { CostExplorerClient, GetCostAndUsageCommand, type CostExplorerClientConfig, type GetCostAndUsageCommandOutput } from '@aws-sdk/client-cost-explorer';
import { addDays } from '../../core/cost/spend/model.js';
import type { CostRecord, SpendSource } from '../../core/cost/spend/model.js';

export type CostExplorerSpendOptions = ({ client: CostExplorerClient; clientConfig?: never } | { clientConfig?: CostExplorerClientConfig; client?: never }) & {
  /** Cost-allocation tags per linked account (e.g. environment/team from AWS Organizations), copied onto its rows. */
  accountTags?: Record<string, Record<string, string>>;
  /** Cost Explorer metric; UnblendedCost matches the bill before credits and discounts. */
  metric?: 'UnblendedCost' | 'AmortizedCost' | 'NetUnblendedCost';
};

/**
 * SpendSource over Cost Explorer `GetCostAndUsage`: DAILY granularity, grouped by SERVICE and
 * LINKED_ACCOUNT (Cost Explorer allows two groupings per request, so per-resource tag grouping
 * would need a separate request per tag key; account-level tags come from `accountTags`).
 * Paginated by NextPageToken. The API's End date is exclusive; SpendSource dates are inclusive.
 * Cost Explorer is a global API served from us-east-1.
 */
export class CostExplorerSpendSource implements SpendSource {
  private readonly client: CostExplorerClient;
  private readonly accountTags: Record<string, Record<string, string>>;
  private readonly metric: string;

  constructor(options: CostExplorerSpendOptions = {}) {
    this.client = options.client ?? new CostExplorerClient({ region: 'us-east-1', ...(options.clientConfig ?? {}) });
    this.accountTags = options.accountTags ?? {};
    this.metric = options.metric ?? 'UnblendedCost';
  }

  async getDailyCost(startDate: string, endDate: string): Promise<CostRecord[]> {
    if (startDate > endDate) return [];
    const out: CostRecord[] = [];
    let token: string | undefined;
    do {
      const res: GetCostAndUsageCommandOutput = await this.client.send(
        new GetCostAndUsageCommand({
          TimePeriod: { Start: startDate, End: addDays(endDate, 1) },
          Granularity: 'DAILY',
          Metrics: [this.metric],
          GroupBy: [
            { Type: 'DIMENSION', Key: 'SERVICE' },
            { Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' },
          ],
          ...(token ? { NextPageToken: token } : {}),
        }),
      );
      for (const day of res.ResultsByTime ?? []) {
        const date = day.TimePeriod?.Start;
        if (!date) continue;
        for (const g of day.Groups ?? []) {
          const [service, account] = g.Keys ?? [];
          const amount = Number(g.Metrics?.[this.metric]?.Amount);
          if (!service || !account || !Number.isFinite(amount)) continue;
          out.push({ date: date.slice(0, 10), service, account, tags: this.accountTags[account] ?? {}, usd: Math.round(amount * 100) / 100 });
        }
      }
      token = res.NextPageToken;
    } while (token);
    return out;
  }
}
