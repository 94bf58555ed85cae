import { z } from 'zod';
import { parseOrThrow } from '../../shared/zod.js';

/**
 * Prices as data. A price key is SKU-like and human readable: `<service>.<dimension>/<variant>`,
 * e.g. `ec2.instance/m5.large`, `ebs.volume/gp3`, `rds.instance/db.m5.large/multi-az`.
 * Rules read prices synchronously through a `PriceSource`; the AWS adapter fills one from the
 * Price List API (GetProducts) and the local mode uses the bundled, dated snapshot.
 */
export const PRICE_UNITS = ['hour', 'GB-month', 'IOPS-month', 'MiBps-month', 'GB-second', '1M requests', 'RCU-hour', 'WCU-hour', 'LCU-hour', 'NLCU-hour', 'GB'] as const;
export type PriceUnit = (typeof PRICE_UNITS)[number];

export const PricePointSchema = z.object({
  key: z.string().regex(/^[a-z0-9-]+\.[a-z0-9-]+(\/[A-Za-z0-9._-]+)*$/, 'must look like service.dimension/variant'),
  usd: z.number().nonnegative(),
  unit: z.enum(PRICE_UNITS),
  /** True when the value was not re-checked against its source; shown next to any money figure using it. */
  approximate: z.boolean().optional(),
  note: z.string().optional(),
});
export type PricePoint = z.infer<typeof PricePointSchema>;

export const PriceSnapshotSchema = z.object({
  region: z.string().min(1),
  currency: z.literal('USD'),
  /** Date (YYYY-MM-DD) the figures were taken. */
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** Where the figures came from, in words (pages, API, region). */
  source: z.string().min(20),
  hoursPerMonth: z.number().positive(),
  prices: z.array(PricePointSchema).min(1),
});
export type PriceSnapshot = z.infer<typeof PriceSnapshotSchema>;

/** Where rules get prices. Synchronous on purpose: rules are pure; an async source pre-loads (`refresh`). */
export interface PriceSource {
  readonly region: string;
  readonly asOf: string;
  readonly source: string;
  /** Hours in a billing month used to turn hourly prices into monthly ones (AWS uses 730). */
  readonly hoursPerMonth: number;
  getPrice(key: string): PricePoint | undefined;
  /** Optional: reload from the live source (the Price List API adapter implements it). */
  refresh?(): Promise<void>;
}

/** A PriceSource over a snapshot; `overrides` replace entries (e.g. negotiated rates). */
export function createStaticPriceSource(snapshot: unknown, overrides: PricePoint[] = []): PriceSource {
  const parsed = parseOrThrow(PriceSnapshotSchema, snapshot, 'priceSnapshot');
  const byKey = new Map<string, PricePoint>();
  for (const p of [...parsed.prices, ...overrides]) byKey.set(p.key, p);
  return {
    region: parsed.region,
    asOf: parsed.asOf,
    source: parsed.source,
    hoursPerMonth: parsed.hoursPerMonth,
    getPrice: (key) => byKey.get(key),
  };
}

/** Price keys, built in one place so rules, docs and the Price List adapter agree. */
export const priceKey = {
  ec2Instance: (instanceType: string) => `ec2.instance/${instanceType}`,
  ebsVolume: (volumeType: string) => `ebs.volume/${volumeType}`,
  ebsIops: (volumeType: string) => `ebs.iops/${volumeType}`,
  ebsThroughput: (volumeType: string) => `ebs.throughput/${volumeType}`,
  ebsSnapshot: (tier: string) => `ebs.snapshot/${tier}`,
  publicIpv4Idle: () => 'vpc.public-ipv4/idle',
  elbHour: (lbType: string) => `elb.hour/${lbType}`,
  elbLcu: (lbType: string) => `elb.lcu/${lbType}`,
  rdsInstance: (dbInstanceClass: string, multiAZ: boolean) => `rds.instance/${dbInstanceClass}/${multiAZ ? 'multi-az' : 'single-az'}`,
  lambdaGbSecond: (arch: string) => `lambda.gb-second/${arch}`,
  lambdaRequests: () => 'lambda.requests',
  dynamoRcuHour: () => 'dynamodb.rcu-hour',
  dynamoWcuHour: () => 'dynamodb.wcu-hour',
  natHour: () => 'natgateway.hour',
  natGb: () => 'natgateway.gb',
} as const;
