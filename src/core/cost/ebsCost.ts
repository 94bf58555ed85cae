import type { EbsState } from './inputs.js';
import type { PricePoint, PriceSource } from './prices/table.js';
import { priceKey } from './prices/table.js';

/** gp3 includes 3,000 IOPS and 125 MiB/s; more is billed per IOPS-month / MiBps-month. */
export const GP3_FREE_IOPS = 3000;
export const GP3_FREE_THROUGHPUT = 125;

export interface VolumeCost {
  monthlyUsd: number;
  keys: string[];
  formula: string;
}

/** Monthly cost of a volume configuration; `undefined` when a needed price is missing. */
export function volumeMonthlyCost(v: Pick<EbsState, 'volumeType' | 'size' | 'iops' | 'throughput'>, prices: PriceSource): { cost: VolumeCost; used: PricePoint[] } | { missing: string[] } {
  const keys = [priceKey.ebsVolume(v.volumeType)];
  const extraIops = v.volumeType === 'gp3' ? Math.max(0, (v.iops ?? GP3_FREE_IOPS) - GP3_FREE_IOPS) : v.volumeType === 'io1' || v.volumeType === 'io2' ? (v.iops ?? 0) : 0;
  const extraTp = v.volumeType === 'gp3' ? Math.max(0, (v.throughput ?? GP3_FREE_THROUGHPUT) - GP3_FREE_THROUGHPUT) : 0;
  if (extraIops > 0) keys.push(priceKey.ebsIops(v.volumeType));
  if (extraTp > 0) keys.push(priceKey.ebsThroughput(v.volumeType));
  const used: PricePoint[] = [];
  const missing: string[] = [];
  for (const k of keys) {
    const p = prices.getPrice(k);
    if (p) used.push(p);
    else missing.push(k);
  }
  if (missing.length) return { missing };
  const [gb, iopsP, tpP] = [used[0]!, extraIops > 0 ? used[1] : undefined, extraTp > 0 ? used[used.length - 1] : undefined];
  const monthlyUsd = v.size * gb.usd + extraIops * (iopsP?.usd ?? 0) + extraTp * (tpP?.usd ?? 0);
  const parts = [`${v.size} GB x $${gb.usd}`];
  if (iopsP) parts.push(`${extraIops} IOPS x $${iopsP.usd}`);
  if (tpP) parts.push(`${extraTp} MiB/s x $${tpP.usd}`);
  return { cost: { monthlyUsd, keys, formula: `${v.volumeType}: ${parts.join(' + ')}` }, used };
}

/** gp2 performance: 3 IOPS/GiB (min 100, max 16,000); throughput 128 MiB/s up to 170 GiB, 250 above 334 GiB. */
export function gp2Performance(sizeGiB: number): { iops: number; throughput: number } {
  const iops = Math.min(16000, Math.max(100, 3 * sizeGiB));
  // Between 170 and 334 GiB gp2 reaches 250 MiB/s only on burst credits; matching 250 keeps performance equal or better.
  const throughput = sizeGiB <= 170 ? 128 : 250;
  return { iops, throughput };
}
