import { CostExplorerClient, GetCostAndUsageCommand, type CostExplorerClientConfig, type GetCostAndUsageCommandOutput, type GroupDefinition, type Group } from '@aws-sdk/client-cost-explorer';
import { addDays } from '../../core/cost/spend/model.js';
import type { CostRecord, SpendSource } from '../../core/cost/spend/model.js';
import { ALL_ACCOUNTS, DEFAULT_COST_ALLOCATION_TAGS, parseSpendGroupBy } from '../../core/cost/spend/tags.js';

export type CostExplorerSpendOptions = ({ client: CostExplorerClient; clientConfig?: never } | { clientConfig?: CostExplorerClientConfig; client?: never }) & {
  /** Cost-allocation tags per linked account (e.g. environment/team from AWS Organizations), copied onto its rows. */
  accountTags?: Record<string, Record<string, string>>;
  /** Cost Explorer metric; UnblendedCost matches the bill before credits and discounts. */
  metric?: 'UnblendedCost' | 'AmortizedCost' | 'NetUnblendedCost';
  /**
   * Tag keys activated as cost-allocation tags in the payer account (Billing → Cost allocation
   * tags); `getDailyCostByTag` groups only by these. Default: service, team, environment.
   */
  tagKeys?: readonly string[];
};

/**
 * SpendSource over Cost Explorer `GetCostAndUsage`, DAILY granularity, paginated by
 * NextPageToken. The API's End date is exclusive; SpendSource dates are inclusive. Cost Explorer
 * is a global API served from us-east-1.
 * - `getDailyCost`: grouped by SERVICE and LINKED_ACCOUNT (two groupings per request is the API's
 *   limit); account-level tags come from `accountTags`.
 * - `getDailyCostByTag`: grouped by SERVICE and TAG `<key>`, one request series per tag key, rows
 *   summed over every account (account `*`). Cost Explorer names a tag group `<key>$<value>`, and
 *   `<key>$` for untagged spend, which gets no tag.
 */
export class CostExplorerSpendSource implements SpendSource {
  private readonly client: CostExplorerClient;
  private readonly accountTags: Record<string, Record<string, string>>;
  private readonly metric: string;
  readonly tagKeys: readonly string[];

  constructor(options: CostExplorerSpendOptions = {}) {
    this.client = options.client ?? new CostExplorerClient({ region: 'us-east-1', ...(options.clientConfig ?? {}) });
    this.accountTags = options.accountTags ?? {};
    this.metric = options.metric ?? 'UnblendedCost';
    this.tagKeys = options.tagKeys ?? DEFAULT_COST_ALLOCATION_TAGS;
  }

  async getDailyCost(startDate: string, endDate: string): Promise<CostRecord[]> {
    const groupBy: GroupDefinition[] = [
      { Type: 'DIMENSION', Key: 'SERVICE' },
      { Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' },
    ];
    return this.query(startDate, endDate, groupBy, (date, [service, account], usd) => (account ? { date, service, account, tags: this.accountTags[account] ?? {}, usd } : undefined));
  }

  async getDailyCostByTag(tagKey: string, startDate: string, endDate: string): Promise<CostRecord[]> {
    parseSpendGroupBy(`tag:${tagKey}`, this.tagKeys);
    const groupBy: GroupDefinition[] = [
      { Type: 'DIMENSION', Key: 'SERVICE' },
      { Type: 'TAG', Key: tagKey },
    ];
    return this.query(startDate, endDate, groupBy, (date, [service, tagGroup], usd) => {
      if (tagGroup === undefined) return undefined;
      const cut = tagGroup.indexOf('$');
      const value = cut >= 0 ? tagGroup.slice(cut + 1) : tagGroup;
      return { date, service, account: ALL_ACCOUNTS, tags: value ? { [tagKey]: value } : {}, usd };
    });
  }

  private async query(startDate: string, endDate: string, groupBy: GroupDefinition[], toRecord: (date: string, keys: [string, string | undefined], usd: number) => CostRecord | undefined): Promise<CostRecord[]> {
    if (startDate > endDate) return [];
    const out: CostRecord[] = [];
    let token: string | undefined;
    do {
      const res: GetCostAndUsageCommandOutput = await this.client.send(
        new GetCostAndUsageCommand({
          TimePeriod: { Start: startDate, End: addDays(endDate, 1) },
          Granularity: 'DAILY',
          Metrics: [this.metric],
          GroupBy: groupBy,
          ...(token ? { NextPageToken: token } : {}),
        }),
      );
      for (const day of res.ResultsByTime ?? []) {
        const date = day.TimePeriod?.Start;
        if (!date) continue;
        for (const g of day.Groups ?? ([] as Group[])) {
          const [service, second] = g.Keys ?? [];
          const amount = Number(g.Metrics?.[this.metric]?.Amount);
          if (!service || !Number.isFinite(amount)) continue;
          const rec = toRecord(date.slice(0, 10), [service, second], Math.round(amount * 100) / 100);
          if (rec) out.push(rec);
        }
      }
      token = res.NextPageToken;
    } while (token);
    return out;
  }
}
