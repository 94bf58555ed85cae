import { describe, expect, it } from 'vitest';
import { inTimeInterval, RouteSchema, routeLabels, TimeIntervalSchema } from './routing.js';

const defaults = { groupBy: ['service'], groupWait: 30_000, groupInterval: 300_000, repeatInterval: 14_400_000 };
const tree = RouteSchema.parse({
  receiver: 'outbox',
  routes: [
    { matchers: ['severity="SEV-1"'], receiver: 'pagerduty', continue: true, escalation: { after: '15m', receiver: 'manager' } },
    { matchers: ['service="checkout"'], receiver: 'slack-checkout', groupWait: '10s', routes: [{ matchers: ['environment!="prod"'], receiver: 'dev-null' }] },
    { matchers: ['team="data"'], receiver: 'data-hours', activeTimeIntervals: ['business-hours'] },
  ],
});
const intervals = [TimeIntervalSchema.parse({ name: 'business-hours', timezone: 'Europe/Lisbon', weekdays: ['monday:friday'], times: [{ start: '09:00', end: '18:00' }] })];
const AT = '2026-11-23T14:00:00.000Z'; // a Monday

describe('Function: routeLabels', () => {
  it.each([
    [{ severity: 'SEV-1', service: 'checkout', environment: 'prod' }, ['pagerduty', 'slack-checkout']],
    [{ severity: 'SEV-3', service: 'checkout', environment: 'prod' }, ['slack-checkout']],
    [{ severity: 'SEV-3', service: 'checkout', environment: 'dev' }, ['dev-null']],
    [{ severity: 'SEV-3', service: 'web' }, ['outbox']],
  ])('routes %j to %j (continue and override)', (labels, receivers) => {
    expect(routeLabels(labels, tree, defaults, intervals, AT).map((m) => m.receiver)).toEqual(receivers);
  });
  it('inherits timing and carries escalation', () => {
    const [pd, slack] = routeLabels({ severity: 'SEV-1', service: 'checkout' }, tree, defaults, intervals, AT);
    expect(pd?.escalation).toMatchObject({ after: 900_000, receiver: 'manager', severities: ['SEV-1'] });
    expect(slack?.groupWait).toBe(10_000);
    expect(slack?.repeatInterval).toBe(14_400_000);
  });
  it('routes by time of day', () => {
    expect(routeLabels({ team: 'data' }, tree, defaults, intervals, AT)[0]?.mutedByTime).toBe(false);
    expect(routeLabels({ team: 'data' }, tree, defaults, intervals, '2026-11-23T20:00:00.000Z')[0]?.mutedByTime).toBe(true);
    expect(inTimeInterval(intervals[0]!, '2026-11-22T14:00:00.000Z')).toBe(false);
  });
});
