import { afterEach, describe, expect, it } from 'vitest';
import { findScenario } from '../../src/adapters/sandbox/scenarios/index.js';
import type { Alert } from '../../src/core/alerts/alert.js';
import type { Signal } from '../../src/core/events/signal.js';
import type { Incident } from '../../src/core/incidents/incident.js';
import { advanceUntil, startTestPlatform, type TestPlatform } from './helpers.js';

let t: TestPlatform | undefined;
afterEach(async () => {
  await t?.cleanup();
  t = undefined;
});

describe('Scenario: slo-error-rate-creep on a manual clock', () => {
  it('opens slow-burn tickets for checkout-availability through the alert pipeline, and never pages during the creep', async () => {
    // Only the SLO feature: detection would flag the same creep as an anomaly, which is its own test.
    t = await startTestPlatform({ features: ['slo'] });
    const p = t.platform;
    const scenario = findScenario('slo-error-rate-creep');
    const injectedAt = t.clock.now();
    await p.sandbox.inject(scenario.faults, 'test');

    // Every SLO is evaluated every minute of platform time (the scheduler's job), for a day.
    const alerts = p.store.collection<Alert>('alerts');
    const sloAlerts = async () => (await alerts.find()).filter((a) => a.source === 'slo');
    const checkoutBurn = async (rule: string) => (await sloAlerts()).find((a) => a.rule === rule && a.labels.slo === 'checkout-availability');
    const pages: string[] = [];
    const noPage = async () => {
      for (const a of await sloAlerts()) if (a.labels.burn_severity === 'page') pages.push(`${a.rule} ${a.labels.slo}`);
      return pages.length === 0;
    };

    const minutesToTicket = await advanceUntil(t, async () => (await noPage()) && (await checkoutBurn('slo-burn-3d-6h')) !== undefined, scenario.maxMinutes);
    // Hand-computed: the 3-day window's burn reaches 1× ≈ 18.5 hours into the creep.
    expect(minutesToTicket / 60).toBeGreaterThan(16);
    expect(minutesToTicket / 60).toBeLessThan(21);

    const ticket = (await checkoutBurn('slo-burn-3d-6h'))!;
    expect(ticket).toMatchObject({ status: 'firing', source: 'slo', severity: 'SEV-3', level: 'warning' });
    expect(ticket.labels).toMatchObject({
      service: 'checkout',
      slo: 'checkout-availability',
      owner: 'team-checkout',
      burn_severity: 'ticket',
      window: '3d/6h',
      alertname: 'SLOErrorBudgetBurn',
    });
    // The ticket went through the pipeline: a Signal was recorded and the alert opened an incident of the service.
    const signals = await p.store.collection<Signal>('signals').find();
    expect(signals.some((s) => s.rule === 'slo-burn-3d-6h' && s.state === 'firing' && s.labels.service === 'checkout')).toBe(true);
    const incident = await p.store.collection<Incident>('incidents').get(ticket.incidentId!);
    expect(incident).toMatchObject({ status: 'open', service: 'checkout', severity: 'SEV-3' });

    // The 3× ticket (1 d / 2 h) follows a few hours later; still no page.
    const minutesTo3x = await advanceUntil(t, async () => (await noPage()) && (await checkoutBurn('slo-burn-1d-2h')) !== undefined, 6 * 60);
    expect(minutesToTicket + minutesTo3x).toBeLessThan(24 * 60);
    expect((await checkoutBurn('slo-burn-1d-2h'))!.labels).toMatchObject({ service: 'checkout', burn_severity: 'ticket', window: '1d/2h' });

    const status = (await p.features.slo.get('checkout-availability')).last!;
    expect(status.firing.sort()).toEqual(['1d-2h', '3d-6h']);
    // The page windows stayed well under their factors (6× over 6 h, 14.4× over 1 h).
    expect(status.burnRates['6h']).toBeLessThan(6);
    expect(status.burnRates['1h']).toBeLessThan(14.4);
    expect(pages).toEqual([]);
    expect((await p.store.collection<Signal>('signals').find()).filter((s) => s.source === 'slo' && s.labels.burn_severity === 'page')).toEqual([]);
    expect(t.clock.now() - injectedAt).toBeLessThan(24 * 3_600_000);
  });
});
