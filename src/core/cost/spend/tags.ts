import { ValidationError } from '../../shared/errors.js';
import type { CostRecord, SpendDimension, SpendSource } from './model.js';

/** Account of rows that a tag query returns summed over every linked account. */
export const ALL_ACCOUNTS = '*';

/** Cost-allocation tag keys grouped by default (the fleet's `service`, the accounts' `team` and `environment`). */
export const DEFAULT_COST_ALLOCATION_TAGS: readonly string[] = ['service', 'team', 'environment'];

/** Tag keys as Cost Explorer accepts them: 1–128 characters of letters, digits, spaces and `_ . : / = + - @`. */
const TAG_KEY = /^[\p{L}\p{N} _.:/=+\-@]{1,128}$/u;

/**
 * Parses a spend grouping (`service`, `account` or `tag:<key>`), allowing only the configured
 * cost-allocation tags (Cost Explorer groups only by tags activated for cost allocation).
 * Errors name the `groupBy` field.
 */
export function parseSpendGroupBy(value: string, allowedTags: readonly string[] = DEFAULT_COST_ALLOCATION_TAGS): SpendDimension {
  if (value === 'service' || value === 'account') return value;
  if (!value.startsWith('tag:')) throw new ValidationError('groupBy', `must be service, account or tag:<key>, got "${value}"`);
  const key = value.slice(4);
  if (!TAG_KEY.test(key)) throw new ValidationError('groupBy', `"${key}" is not a valid tag key`);
  if (!allowedTags.includes(key)) throw new ValidationError('groupBy', `tag "${key}" is not a configured cost-allocation tag (configured: ${allowedTags.join(', ') || 'none'})`);
  return `tag:${key}`;
}

/**
 * Daily cost by service and one tag. A source that can group by tag itself (Cost Explorer's TAG
 * group) answers directly; otherwise its rows must carry the tag (the sandbox's generator).
 */
export async function dailyCostByTag(source: SpendSource, tagKey: string, startDate: string, endDate: string): Promise<CostRecord[]> {
  return source.getDailyCostByTag ? source.getDailyCostByTag(tagKey, startDate, endDate) : source.getDailyCost(startDate, endDate);
}

/**
 * How a billing service's cost spreads over the values of a resource-level tag (e.g. `service`:
 * EC2 compute is 66 % `web`, 34 % `batch`). Shares of a service sum to at most 1; the remainder is
 * untagged spend, as on a real bill where not every resource carries the tag.
 */
export interface TagSplit {
  key: string;
  shares: Record<string, Record<string, number>>;
}

/**
 * Splits each row's cost over the tag values of its service (the sandbox's equivalent of Cost
 * Explorer's TAG grouping for tags set on resources rather than accounts). Amounts are in cents;
 * the last share (or the untagged rest) takes the rounding remainder, so each row's total is kept
 * to the cent.
 */
export function splitByResourceTag(records: readonly CostRecord[], split: TagSplit): CostRecord[] {
  const out: CostRecord[] = [];
  for (const r of records) {
    const shares = Object.entries(split.shares[r.service] ?? {}).filter(([, s]) => s > 0);
    const complete = shares.reduce((a, [, s]) => a + s, 0) >= 1 - 1e-9;
    const totalCents = Math.round(r.usd * 100);
    let left = totalCents;
    shares.forEach(([value, share], i) => {
      const cents = complete && i === shares.length - 1 ? left : Math.round(totalCents * share);
      left -= cents;
      if (cents !== 0) out.push({ ...r, tags: { ...r.tags, [split.key]: value }, usd: cents / 100 });
    });
    if (left !== 0 || shares.length === 0) {
      const { [split.key]: _dropped, ...rest } = r.tags;
      out.push({ ...r, tags: rest, usd: left / 100 });
    }
  }
  return out;
}
