import { describe, expect, it } from 'vitest';
import { AlertingConfigSchema } from '../../core/alerts/config.js';
import { routeLabels } from '../../core/alerts/routing.js';
import { awsAlertingConfig } from './services.js';

const receiversFor = (extra: { slack?: boolean; pagerduty?: boolean }, severity: string): string[] => {
  const config = AlertingConfigSchema.parse(awsAlertingConfig(extra));
  return routeLabels({ severity }, config.route, { groupBy: [], groupWait: 0, groupInterval: 0, repeatInterval: 0 }, [], '2026-11-23T10:00:00.000Z')
    .map((m) => m.receiver)
    .sort();
};

describe('Function: awsAlertingConfig', () => {
  it.each([
    [{}, 'SEV-1', ['critical']],
    [{}, 'SEV-3', ['alerts']],
    [{ slack: true }, 'SEV-1', ['critical', 'slack']],
    [{ slack: true }, 'SEV-3', ['alerts', 'slack']],
    [{ pagerduty: true }, 'SEV-1', ['critical', 'pagerduty']],
    [{ pagerduty: true }, 'SEV-2', ['alerts']],
    [{ slack: true, pagerduty: true }, 'SEV-1', ['critical', 'pagerduty', 'slack']],
    [{ slack: true, pagerduty: true }, 'SEV-4', ['alerts', 'slack']],
  ])('with %o routes a %s incident to %o', (extra, severity, expected) => {
    expect(receiversFor(extra, severity)).toEqual(expected);
  });

  it('declares exactly the receivers its routes use', () => {
    const c = awsAlertingConfig({ slack: true, pagerduty: true });
    expect(c.receivers?.map((r) => r.name).sort()).toEqual(['alerts', 'critical', 'pagerduty', 'slack']);
  });
});
