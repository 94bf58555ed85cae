import { CostExplorerClient, GetCostAndUsageCommand, type CostExplorerClientConfig } from '@aws-sdk/client-cost-explorer';
import type { CostRecord, SpendSource } from '../../core/cost/spend/model.js';

export type CostExplorerSpendOptions = { client: CostExplorerClient; clientConfig?: never } | { clientConfig: CostExplorerClientConfig; client?: never };

const nextDay = (date: string): string => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * Daily spend from Cost Explorer: GetCostAndUsage, DAILY, UnblendedCost, grouped by SERVICE and
 * LINKED_ACCOUNT (the rows the cost use case expects). Cost Explorer's end date is exclusive,
 * the SpendSource's inclusive.
 */
export class CostExplorerSpend implements SpendSource {
  private readonly client: CostExplorerClient;

  constructor(options: CostExplorerSpendOptions) {
    this.client = options.client ?? new CostExplorerClient(options.clientConfig ?? {});
  }

  async getDailyCost(startDate: string, endDate: string): Promise<CostRecord[]> {
    const out: CostRecord[] = [];
    let token: string | undefined;
    do {
      const res = await this.client.send(
        new GetCostAndUsageCommand({
          TimePeriod: { Start: startDate, End: nextDay(endDate) },
          Granularity: 'DAILY',
          Metrics: ['UnblendedCost'],
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
          const usd = Number(g.Metrics?.UnblendedCost?.Amount ?? 'NaN');
          if (!service || !account || !Number.isFinite(usd)) continue;
          out.push({ date, service, account, tags: {}, usd });
        }
      }
      token = res.NextPageToken || undefined;
    } while (token);
    return out;
  }
}
