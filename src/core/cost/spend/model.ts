import { z } from 'zod';

/**
 * Daily spend, one row per day × service × account (× tag values), as Cost Explorer's
 * GetCostAndUsage returns it with DAILY granularity and UnblendedCost. The sandbox's generator
 * produces the same rows.
 */
export const CostRecordSchema = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD'),
  /** Cost Explorer SERVICE dimension value, e.g. `Amazon Elastic Compute Cloud - Compute`. */
  service: z.string().min(1),
  /** LINKED_ACCOUNT. */
  account: z.string().min(1),
  /** Cost allocation tags (`team`, `environment`…); absent keys are untagged. */
  tags: z.record(z.string(), z.string()).default({}),
  usd: z.number().finite(),
});
export type CostRecord = z.infer<typeof CostRecordSchema>;

/** Where daily spend comes from (Cost Explorer on AWS, the generator locally). Dates inclusive. */
export interface SpendSource {
  getDailyCost(startDate: string, endDate: string): Promise<CostRecord[]>;
  /**
   * Daily cost by service and one cost-allocation tag, summed over every linked account (account
   * `*`; the tag is absent on untagged spend). Optional: without it the rows of `getDailyCost`
   * must carry the tag (`dailyCostByTag` in ./tags.ts picks).
   */
  getDailyCostByTag?(tagKey: string, startDate: string, endDate: string): Promise<CostRecord[]>;
}

export type SpendDimension = 'service' | 'account' | `tag:${string}`;

/** Label of a record along a dimension (`(untagged)` when the tag is absent). */
export function dimensionValue(r: CostRecord, by: SpendDimension): string {
  if (by === 'service') return r.service;
  if (by === 'account') return r.account;
  return r.tags[by.slice(4)] ?? '(untagged)';
}

/** Daily totals per dimension value: `Map<value, Map<date, usd>>`. */
export function dailyBy(records: readonly CostRecord[], by: SpendDimension): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const r of records) {
    const k = dimensionValue(r, by);
    let m = out.get(k);
    if (!m) out.set(k, (m = new Map()));
    m.set(r.date, (m.get(r.date) ?? 0) + r.usd);
  }
  return out;
}

/** Total per dimension value between two dates (inclusive). */
export function totalsBy(records: readonly CostRecord[], by: SpendDimension, startDate: string, endDate: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of records) {
    if (r.date < startDate || r.date > endDate) continue;
    const k = dimensionValue(r, by);
    out.set(k, (out.get(k) ?? 0) + r.usd);
  }
  return out;
}

/** Dates from start to end inclusive. */
export function dateRange(startDate: string, endDate: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${startDate}T00:00:00Z`); t <= Date.parse(`${endDate}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

export const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
