import { describe, expect, it } from 'vitest';
import { noiseByDayAndService, reduction } from './noise.js';

describe('Function: noiseByDayAndService', () => {
  it('computes 1 − alerts/events and 1 − incidents/alerts per day and service, with totals', () => {
    const d = '2026-11-23T10:00:00.000Z';
    const rows = noiseByDayAndService({
      events: [...Array(10)].map(() => ({ time: d, service: 'web' })).concat([{ time: d, service: 'db' }]),
      alerts: [{ firstSeen: d, service: 'web' }, { firstSeen: d, service: 'web' }, { firstSeen: d, service: 'db' }],
      incidents: [{ openedAt: d, service: 'web' }, { openedAt: d, service: 'db' }],
    });
    expect(rows.find((r) => r.service === 'web')).toMatchObject({ events: 10, alerts: 2, incidents: 1, eventReduction: 0.8, alertReduction: 0.5 });
    expect(rows.find((r) => r.service === '*')).toMatchObject({ events: 11, alerts: 3, incidents: 2 });
  });
  it('never divides by zero', () => {
    expect(reduction(0, 0)).toBe(0);
  });
});
