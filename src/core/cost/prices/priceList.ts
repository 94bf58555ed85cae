import type { PricePoint, PriceUnit } from './table.js';

/**
 * Pure helpers for a PriceSource over the AWS Price List API (GetProducts): which product to ask
 * for, given a price key, and how to read the on-demand price out of a returned PriceList item.
 * The AWS adapter does the SDK calls; these stay testable without AWS.
 *
 * Filter attributes follow the Price List's product attributes (DescribeServices /
 * GetAttributeValues list them). They are best-effort for the less common keys: the adapter
 * must fall back to the bundled snapshot when a query returns nothing.
 */
export interface PriceListQuery {
  ServiceCode: string;
  Filters: { Type: 'TERM_MATCH'; Field: string; Value: string }[];
}

const f = (Field: string, Value: string) => ({ Type: 'TERM_MATCH' as const, Field, Value });

/** GetProducts input for a price key in a region, or undefined when the key is not mapped. */
export function priceListQuery(key: string, regionCode: string): PriceListQuery | undefined {
  const [head, ...rest] = key.split('/');
  const region = f('regionCode', regionCode);
  switch (head) {
    case 'ec2.instance':
      return { ServiceCode: 'AmazonEC2', Filters: [region, f('instanceType', rest[0]!), f('operatingSystem', 'Linux'), f('tenancy', 'Shared'), f('preInstalledSw', 'NA'), f('capacitystatus', 'Used')] };
    case 'ebs.volume':
      return { ServiceCode: 'AmazonEC2', Filters: [region, f('productFamily', 'Storage'), f('volumeApiName', rest[0]!)] };
    case 'ebs.iops':
      return { ServiceCode: 'AmazonEC2', Filters: [region, f('productFamily', 'System Operation'), f('volumeApiName', rest[0]!)] };
    case 'ebs.throughput':
      return { ServiceCode: 'AmazonEC2', Filters: [region, f('productFamily', 'Provisioned Throughput'), f('volumeApiName', rest[0]!)] };
    case 'ebs.snapshot':
      return { ServiceCode: 'AmazonEC2', Filters: [region, f('productFamily', 'Storage Snapshot'), f('storageMedia', rest[0] === 'archive' ? 'Amazon S3 Glacier' : 'Amazon S3')] };
    case 'vpc.public-ipv4':
      return { ServiceCode: 'AmazonVPC', Filters: [region, f('group', 'VPCPublicIPv4Address'), f('groupDescription', 'Hourly charge for Idle Public IPv4 Addresses')] };
    case 'elb.hour':
    case 'elb.lcu':
      return { ServiceCode: 'AWSELB', Filters: [region, f('productFamily', rest[0] === 'network' ? 'Load Balancer-Network' : 'Load Balancer-Application')] };
    case 'rds.instance':
      return { ServiceCode: 'AmazonRDS', Filters: [region, f('instanceType', rest[0]!), f('databaseEngine', 'MySQL'), f('deploymentOption', rest[1] === 'multi-az' ? 'Multi-AZ' : 'Single-AZ')] };
    case 'lambda.gb-second':
    case 'lambda.requests':
      return { ServiceCode: 'AWSLambda', Filters: [region, f('group', head === 'lambda.requests' ? 'AWS-Lambda-Requests' : rest[0] === 'arm64' ? 'AWS-Lambda-Duration-ARM' : 'AWS-Lambda-Duration')] };
    case 'dynamodb.rcu-hour':
    case 'dynamodb.wcu-hour':
      return { ServiceCode: 'AmazonDynamoDB', Filters: [region, f('group', head === 'dynamodb.rcu-hour' ? 'DDB-ReadUnits' : 'DDB-WriteUnits')] };
    case 'natgateway.hour':
    case 'natgateway.gb':
      // Hours and processed bytes are told apart by the dimension's unit (Hrs vs GB) when reading.
      return { ServiceCode: 'AmazonEC2', Filters: [region, f('productFamily', 'NAT Gateway')] };
    default:
      return undefined;
  }
}

/** Price List units → ours; `scale` turns a per-unit price into the unit we store. */
const UNITS: Record<string, { unit: PriceUnit; scale: number }> = {
  hrs: { unit: 'hour', scale: 1 },
  'gb-mo': { unit: 'GB-month', scale: 1 },
  'iops-mo': { unit: 'IOPS-month', scale: 1 },
  'mibps-mo': { unit: 'MiBps-month', scale: 1 },
  'gibps-mo': { unit: 'MiBps-month', scale: 1 / 1024 },
  'lambda-gb-second': { unit: 'GB-second', scale: 1 },
  'gb-second': { unit: 'GB-second', scale: 1 },
  requests: { unit: '1M requests', scale: 1_000_000 },
  'readcapacityunit-hrs': { unit: 'RCU-hour', scale: 1 },
  'writecapacityunit-hrs': { unit: 'WCU-hour', scale: 1 },
  'lcu-hrs': { unit: 'LCU-hour', scale: 1 },
  'nlcu-hrs': { unit: 'NLCU-hour', scale: 1 },
  gb: { unit: 'GB', scale: 1 },
};

interface PriceDimension {
  unit?: string;
  beginRange?: string;
  description?: string;
  pricePerUnit?: { USD?: string };
}

/**
 * Reads the first-tier on-demand USD price whose unit matches `wantUnit` from GetProducts'
 * `PriceList` (JSON strings). Returns undefined rather than guessing when nothing matches.
 */
export function pricePointFromPriceList(key: string, wantUnit: PriceUnit, priceList: readonly string[], asOf: string): PricePoint | undefined {
  for (const raw of priceList) {
    let item: { terms?: { OnDemand?: Record<string, { priceDimensions?: Record<string, PriceDimension> }> }; publicationDate?: string };
    try {
      item = JSON.parse(raw);
    } catch {
      continue;
    }
    for (const term of Object.values(item.terms?.OnDemand ?? {})) {
      for (const d of Object.values(term.priceDimensions ?? {})) {
        const u = UNITS[(d.unit ?? '').toLowerCase()];
        const usd = Number(d.pricePerUnit?.USD);
        if (!u || u.unit !== wantUnit || !Number.isFinite(usd) || (d.beginRange ?? '0') !== '0') continue;
        return { key, usd: Math.round(usd * u.scale * 1e10) / 1e10, unit: u.unit, note: `Price List API ${item.publicationDate ?? asOf}: ${d.description ?? ''}`.trim() };
      }
    }
  }
  return undefined;
}
