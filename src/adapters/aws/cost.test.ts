import { CostExplorerClient, GetCostAndUsageCommand } from '@aws-sdk/client-cost-explorer';
import { GetProductsCommand, PricingClient } from '@aws-sdk/client-pricing';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { bundledPriceSource } from '../../core/cost/prices/snapshot.js';
import { CostExplorerSpendSource } from './cost-explorer.js';
import { PriceListPriceSource } from './pricing.js';

const ce = mockClient(CostExplorerClient);
const pricing = mockClient(PricingClient);
afterEach(() => {
  ce.reset();
  pricing.reset();
});

const group = (service: string, account: string, amount: string) => ({ Keys: [service, account], Metrics: { UnblendedCost: { Amount: amount, Unit: 'USD' } } });

describe('Adapter: CostExplorerSpendSource', () => {
  it('asks for DAILY UnblendedCost by SERVICE and LINKED_ACCOUNT with an exclusive end date, following pages', async () => {
    ce.on(GetCostAndUsageCommand)
      .resolvesOnce({ ResultsByTime: [{ TimePeriod: { Start: '2026-11-20', End: '2026-11-21' }, Groups: [group('Amazon Elastic Compute Cloud - Compute', '111111111111', '812.3456'), group('AWS Lambda', '111111111111', '60.004')] }], NextPageToken: 'p2' })
      .resolvesOnce({ ResultsByTime: [{ TimePeriod: { Start: '2026-11-21', End: '2026-11-22' }, Groups: [group('AWS Lambda', '222222222222', '12'), group('Bad', '1', 'NaN')] }] });
    const src = new CostExplorerSpendSource({ client: new CostExplorerClient({}), accountTags: { '111111111111': { environment: 'prod' } } });
    const rows = await src.getDailyCost('2026-11-20', '2026-11-21');
    expect(rows).toEqual([
      { date: '2026-11-20', service: 'Amazon Elastic Compute Cloud - Compute', account: '111111111111', tags: { environment: 'prod' }, usd: 812.35 },
      { date: '2026-11-20', service: 'AWS Lambda', account: '111111111111', tags: { environment: 'prod' }, usd: 60 },
      { date: '2026-11-21', service: 'AWS Lambda', account: '222222222222', tags: {}, usd: 12 },
    ]);
    const calls = ce.commandCalls(GetCostAndUsageCommand);
    expect(calls).toHaveLength(2);
    expect(calls[0]!.args[0].input).toEqual({
      TimePeriod: { Start: '2026-11-20', End: '2026-11-22' },
      Granularity: 'DAILY',
      Metrics: ['UnblendedCost'],
      GroupBy: [
        { Type: 'DIMENSION', Key: 'SERVICE' },
        { Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' },
      ],
    });
    expect(calls[1]!.args[0].input.NextPageToken).toBe('p2');
  });

  it('makes no call for an empty range', async () => {
    expect(await new CostExplorerSpendSource({ client: new CostExplorerClient({}) }).getDailyCost('2026-11-22', '2026-11-21')).toEqual([]);
    expect(ce.commandCalls(GetCostAndUsageCommand)).toHaveLength(0);
  });
});

const ec2Item = (usd: string) =>
  JSON.stringify({
    product: { attributes: { instanceType: 'm5.large' } },
    publicationDate: '2026-11-20T00:00:00Z',
    terms: { OnDemand: { 'X.JRTCKXETXF': { priceDimensions: { 'X.JRTCKXETXF.6YS6EN2CT7': { unit: 'Hrs', beginRange: '0', endRange: 'Inf', description: '$0.097 per On Demand Linux m5.large Instance Hour', pricePerUnit: { USD: usd } } } } } },
  });

describe('Adapter: PriceListPriceSource', () => {
  it('loads prices with GetProducts filters and keeps the snapshot for keys the API does not resolve', async () => {
    pricing.on(GetProductsCommand, { ServiceCode: 'AmazonEC2' }).resolves({ PriceList: [ec2Item('0.0970000000')] });
    const src = new PriceListPriceSource({ client: new PricingClient({}), regionCode: 'us-east-1', asOf: '2026-11-24', keys: ['ec2.instance/m5.large', 'no.such/key'] });
    expect(src.getPrice('ec2.instance/m5.large')?.usd).toBe(0.096);
    await src.refresh();
    expect(src.getPrice('ec2.instance/m5.large')).toMatchObject({ usd: 0.097, unit: 'hour' });
    expect(src.liveKeys()).toEqual(['ec2.instance/m5.large']);
    expect(src.getPrice('ebs.volume/gp3')).toEqual(bundledPriceSource().getPrice('ebs.volume/gp3'));
    expect(src.asOf).toBe('2026-11-24');
    expect(src.source).toContain('Price List API');
    const input = pricing.commandCalls(GetProductsCommand)[0]!.args[0].input;
    expect(input.ServiceCode).toBe('AmazonEC2');
    expect(input.Filters).toEqual(expect.arrayContaining([{ Type: 'TERM_MATCH', Field: 'instanceType', Value: 'm5.large' }, { Type: 'TERM_MATCH', Field: 'regionCode', Value: 'us-east-1' }]));
    // The unmapped key made no call.
    expect(pricing.commandCalls(GetProductsCommand)).toHaveLength(1);
  });

  it('falls back to the snapshot when the API fails or returns no usable price', async () => {
    const lines: string[] = [];
    pricing.on(GetProductsCommand).rejectsOnce(new Error('ThrottlingException')).resolves({ PriceList: ['not json', JSON.stringify({ terms: { OnDemand: {} } })] });
    const src = new PriceListPriceSource({ client: new PricingClient({}), regionCode: 'us-east-1', asOf: '2026-11-24', keys: ['ec2.instance/m5.large', 'ebs.volume/gp3'], log: (l) => lines.push(l) });
    await src.refresh();
    expect(src.liveKeys()).toEqual([]);
    expect(src.getPrice('ec2.instance/m5.large')).toEqual(bundledPriceSource().getPrice('ec2.instance/m5.large'));
    expect(src.asOf).toBe(bundledPriceSource().asOf);
    expect(lines.join('\n')).toMatch(/ThrottlingException[\s\S]*no GB-month price for ebs.volume\/gp3/);
  });
});
