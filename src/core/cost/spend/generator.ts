import { hashNormal, hashUniform } from '../../shared/hash.js';
import type { CostRecord, SpendSource } from './model.js';
import { dateRange } from './model.js';

/** One service's share of the bill and how it moves. */
export interface ServiceProfile {
  service: string;
  /** USD per day at the start date. */
  baseDailyUsd: number;
  /** Weekday/weekend swing: weekend days cost `1 - weekendDipPct/100` of weekdays. */
  weekendDipPct: number;
  /** Day-to-day noise, as a fraction (0.03 = 3 % standard deviation). */
  noise: number;
}

export interface SpendSpike {
  service: string;
  date: string;
  /** Multiplier on that day's cost (3 = triple). */
  factor: number;
  /** Days the spike lasts (default 1). */
  days?: number;
}

export interface SpendGeneratorOptions {
  seed: string;
  startDate: string;
  endDate: string;
  accounts: { id: string; share: number; tags?: Record<string, string> }[];
  services: ServiceProfile[];
  /** Compound monthly growth of the whole bill, in percent. */
  growthPctPerMonth: number;
  spikes?: SpendSpike[];
}

/** A realistic mix for a mid-size account (about $1,900/day), in Cost Explorer's service names. */
export const DEFAULT_SERVICE_MIX: ServiceProfile[] = [
  { service: 'Amazon Elastic Compute Cloud - Compute', baseDailyUsd: 820, weekendDipPct: 18, noise: 0.03 },
  { service: 'Amazon Relational Database Service', baseDailyUsd: 310, weekendDipPct: 2, noise: 0.02 },
  { service: 'Amazon Simple Storage Service', baseDailyUsd: 140, weekendDipPct: 5, noise: 0.04 },
  { service: 'EC2 - Other', baseDailyUsd: 160, weekendDipPct: 8, noise: 0.04 },
  { service: 'Amazon DynamoDB', baseDailyUsd: 95, weekendDipPct: 25, noise: 0.06 },
  { service: 'AWS Lambda', baseDailyUsd: 60, weekendDipPct: 35, noise: 0.08 },
  { service: 'Elastic Load Balancing', baseDailyUsd: 55, weekendDipPct: 10, noise: 0.03 },
  { service: 'Amazon CloudWatch', baseDailyUsd: 45, weekendDipPct: 6, noise: 0.05 },
  { service: 'Amazon Virtual Private Cloud', baseDailyUsd: 70, weekendDipPct: 12, noise: 0.05 },
  { service: 'AWS Data Transfer', baseDailyUsd: 110, weekendDipPct: 20, noise: 0.07 },
];

export const DEFAULT_ACCOUNTS = [
  { id: '111111111111', share: 0.65, tags: { environment: 'prod', team: 'platform' } },
  { id: '222222222222', share: 0.25, tags: { environment: 'staging', team: 'platform' } },
  { id: '333333333333', share: 0.1, tags: { environment: 'dev', team: 'data' } },
];

/**
 * Deterministic daily spend: base × growth × weekday factor × (1 + noise) × spikes, split over
 * accounts. The same options always give the same rows (hashed noise keyed by seed/service/date).
 */
export function generateSpend(o: SpendGeneratorOptions): CostRecord[] {
  const out: CostRecord[] = [];
  const start = Date.parse(`${o.startDate}T00:00:00Z`);
  const dailyGrowth = Math.pow(1 + o.growthPctPerMonth / 100, 1 / 30.4375);
  for (const date of dateRange(o.startDate, o.endDate)) {
    const t = Date.parse(`${date}T00:00:00Z`);
    const dayIndex = Math.round((t - start) / 86_400_000);
    const dow = new Date(t).getUTCDay();
    const weekend = dow === 0 || dow === 6;
    for (const s of o.services) {
      let usd = s.baseDailyUsd * Math.pow(dailyGrowth, dayIndex) * (weekend ? 1 - s.weekendDipPct / 100 : 1);
      usd *= Math.max(0.5, 1 + s.noise * hashNormal(`${o.seed}|${s.service}|${date}`));
      for (const sp of o.spikes ?? []) {
        const from = Date.parse(`${sp.date}T00:00:00Z`);
        if (sp.service === s.service && t >= from && t < from + (sp.days ?? 1) * 86_400_000) usd *= sp.factor;
      }
      for (const a of o.accounts) {
        // Small per-account jitter so accounts do not move in perfect lockstep.
        const jitter = 1 + 0.01 * (hashUniform(`${o.seed}|${a.id}|${s.service}|${date}`) - 0.5);
        out.push({ date, service: s.service, account: a.id, tags: a.tags ?? {}, usd: Math.round(usd * a.share * jitter * 100) / 100 });
      }
    }
  }
  return out;
}

/** A SpendSource over generated data (the sandbox's Cost Explorer). */
export function createGeneratedSpendSource(o: Omit<SpendGeneratorOptions, 'startDate' | 'endDate'> & { startDate: string }): SpendSource {
  return {
    async getDailyCost(startDate, endDate) {
      const from = startDate < o.startDate ? o.startDate : startDate;
      if (from > endDate) return [];
      return generateSpend({ ...o, startDate: o.startDate, endDate }).filter((r) => r.date >= from);
    },
  };
}
