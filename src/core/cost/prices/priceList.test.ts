import { describe, expect, it } from 'vitest';
import { pricePointFromPriceList, priceListQuery } from './priceList.js';

/** Shaped like a GetProducts PriceList entry (product + OnDemand terms with price dimensions). */
const ec2Item = JSON.stringify({
  product: { productFamily: 'Compute Instance', attributes: { instanceType: 'm5.large', regionCode: 'us-east-1', operatingSystem: 'Linux' } },
  publicationDate: '2026-11-01T00:00:00Z',
  terms: { OnDemand: { 'SKU.JRTCKXETXF': { priceDimensions: { 'SKU.JRTCKXETXF.6YS6EN2CT7': { unit: 'Hrs', beginRange: '0', endRange: 'Inf', description: '$0.096 per On Demand Linux m5.large Instance Hour', pricePerUnit: { USD: '0.0960000000' } } } } } },
});

describe('Function: priceListQuery', () => {
  it('maps an EC2 key to AmazonEC2 filters for Linux shared on-demand', () => {
    expect(priceListQuery('ec2.instance/m5.large', 'us-east-1')).toEqual({
      ServiceCode: 'AmazonEC2',
      Filters: [
        { Type: 'TERM_MATCH', Field: 'regionCode', Value: 'us-east-1' },
        { Type: 'TERM_MATCH', Field: 'instanceType', Value: 'm5.large' },
        { Type: 'TERM_MATCH', Field: 'operatingSystem', Value: 'Linux' },
        { Type: 'TERM_MATCH', Field: 'tenancy', Value: 'Shared' },
        { Type: 'TERM_MATCH', Field: 'preInstalledSw', Value: 'NA' },
        { Type: 'TERM_MATCH', Field: 'capacitystatus', Value: 'Used' },
      ],
    });
    expect(priceListQuery('rds.instance/db.m5.large/multi-az', 'us-east-1')?.Filters).toContainEqual({ Type: 'TERM_MATCH', Field: 'deploymentOption', Value: 'Multi-AZ' });
    expect(priceListQuery('unknown.thing/x', 'us-east-1')).toBeUndefined();
  });
});

describe('Function: pricePointFromPriceList', () => {
  it('reads the first-tier on-demand USD price', () => {
    expect(pricePointFromPriceList('ec2.instance/m5.large', 'hour', [ec2Item], '2026-11-23')).toMatchObject({ key: 'ec2.instance/m5.large', usd: 0.096, unit: 'hour' });
  });

  it('scales per-request prices to per million', () => {
    const item = JSON.stringify({ terms: { OnDemand: { a: { priceDimensions: { b: { unit: 'Requests', beginRange: '0', pricePerUnit: { USD: '0.0000002000' } } } } } } });
    expect(pricePointFromPriceList('lambda.requests', '1M requests', [item], '2026-11-23')?.usd).toBeCloseTo(0.2, 10);
  });

  it('returns undefined for malformed items, other units or higher tiers', () => {
    const tier2 = JSON.stringify({ terms: { OnDemand: { a: { priceDimensions: { b: { unit: 'Hrs', beginRange: '100', pricePerUnit: { USD: '1' } } } } } } });
    expect(pricePointFromPriceList('k.k/x', 'hour', ['{not json', tier2], '2026-11-23')).toBeUndefined();
    expect(pricePointFromPriceList('k.k/x', 'GB-month', [ec2Item], '2026-11-23')).toBeUndefined();
  });
});
