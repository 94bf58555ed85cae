import { CostExplorerClient, GetCostAndUsageCommand } from '@aws-sdk/client-cost-explorer';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { CostExplorerSpendSource } from './cost-explorer.js';

const ce = mockClient(CostExplorerClient);
afterEach(() => ce.reset());

describe('Adapter: CostExplorerSpendSource.getDailyCostByTag', () => {
  it('groups by SERVICE and TAG for a configured cost-allocation tag, summing accounts, untagged spend without the tag', async () => {
    const tagGroup = (service: string, tag: string, amount: string) => ({ Keys: [service, tag], Metrics: { UnblendedCost: { Amount: amount, Unit: 'USD' } } });
    ce.on(GetCostAndUsageCommand)
      .resolvesOnce({ ResultsByTime: [{ TimePeriod: { Start: '2026-11-20', End: '2026-11-21' }, Groups: [tagGroup('AWS Lambda', 'team$payments', '40.5'), tagGroup('AWS Lambda', 'team$', '9.999')] }], NextPageToken: 'p2' })
      .resolvesOnce({ ResultsByTime: [{ TimePeriod: { Start: '2026-11-21', End: '2026-11-22' }, Groups: [tagGroup('Amazon Simple Storage Service', 'team$data$lake', '3'), { Keys: ['AWS Lambda'], Metrics: { UnblendedCost: { Amount: '1', Unit: 'USD' } } }] }] });
    const src = new CostExplorerSpendSource({ client: new CostExplorerClient({}), tagKeys: ['team', 'service'] });
    expect(await src.getDailyCostByTag('team', '2026-11-20', '2026-11-21')).toEqual([
      { date: '2026-11-20', service: 'AWS Lambda', account: '*', tags: { team: 'payments' }, usd: 40.5 },
      { date: '2026-11-20', service: 'AWS Lambda', account: '*', tags: {}, usd: 10 },
      // A tag value may itself contain `$`: only the first one separates key and value.
      { date: '2026-11-21', service: 'Amazon Simple Storage Service', account: '*', tags: { team: 'data$lake' }, usd: 3 },
    ]);
    const calls = ce.commandCalls(GetCostAndUsageCommand);
    expect(calls.map((c) => c.args[0].input)).toEqual([
      { TimePeriod: { Start: '2026-11-20', End: '2026-11-22' }, Granularity: 'DAILY', Metrics: ['UnblendedCost'], GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }, { Type: 'TAG', Key: 'team' }] },
      { TimePeriod: { Start: '2026-11-20', End: '2026-11-22' }, Granularity: 'DAILY', Metrics: ['UnblendedCost'], GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }, { Type: 'TAG', Key: 'team' }], NextPageToken: 'p2' },
    ]);
  });

  it('refuses a tag that is not a configured cost-allocation tag without calling the API', async () => {
    const src = new CostExplorerSpendSource({ client: new CostExplorerClient({}), tagKeys: ['team'] });
    await expect(src.getDailyCostByTag('owner', '2026-11-20', '2026-11-21')).rejects.toMatchObject({ field: 'groupBy' });
    expect(new CostExplorerSpendSource({ client: new CostExplorerClient({}) }).tagKeys).toEqual(['service', 'team', 'environment']);
    expect(ce.commandCalls(GetCostAndUsageCommand)).toHaveLength(0);
  });

});
