import { describe, expect, it } from 'vitest';
import type { Notification, Notifier } from '../../ports/notifier.js';

export type Outcome = 'ok' | 'server-error' | 'throttled' | 'bad-request' | 'network';

/** A notifier wired to a backend the test controls (a 127.0.0.1 server or a mocked SDK client). */
export interface NotifierHarness {
  notifier: Notifier;
  respondWith(outcome: Outcome): void;
  /** Raw requests the backend received, as text (JSON body or serialised SDK input). */
  requests(): string[];
  /** Outcomes this backend can produce (the outbox, for one, never fails). */
  outcomes: Outcome[];
  close?(): Promise<void>;
}

export const SAMPLE: Notification = {
  key: 'inc-1:pager:trigger:0',
  receiver: 'pager',
  action: 'trigger',
  title: '[SEV-1] FIRING: checkout: error rate critical',
  summary: '2 firing alert(s): prod-checkout-api-error-rate-critical; ALB 5xx',
  severity: 'SEV-1',
  incidentId: 'inc-1',
  link: 'http://localhost:3000/incidents/inc-1',
  labels: { service: 'checkout', environment: 'prod' },
  details: { alertCount: 2 },
};

const EXPECTED: Record<Outcome, { ok: boolean; retryable?: boolean }> = {
  ok: { ok: true },
  'server-error': { ok: false, retryable: true },
  throttled: { ok: false, retryable: true },
  'bad-request': { ok: false, retryable: false },
  network: { ok: false, retryable: true },
};

/**
 * The one conformance suite every notifier passes: success is ok, transient failures are
 * retryable, our own mistakes are not, it never throws, and what it sends names the incident.
 */
export function describeNotifierConformance(name: string, make: () => Promise<NotifierHarness>): void {
  describe(`Notifier conformance: ${name}`, () => {
    for (const outcome of ['ok', 'server-error', 'throttled', 'bad-request', 'network'] as const) {
      it(`reports ${outcome} as ${JSON.stringify(EXPECTED[outcome])}`, async () => {
        const h = await make();
        try {
          if (!h.outcomes.includes(outcome)) return;
          h.respondWith(outcome);
          const r = await h.notifier.notify(SAMPLE);
          expect(r.ok).toBe(EXPECTED[outcome].ok);
          if (!r.ok) {
            expect(r.retryable).toBe(EXPECTED[outcome].retryable);
            expect(r.reason.length).toBeGreaterThan(0);
          }
        } finally {
          await h.close?.();
        }
      });
    }
    it('sends something that identifies the incident, for every action', async () => {
      const h = await make();
      try {
        h.respondWith('ok');
        for (const action of ['trigger', 'acknowledge', 'resolve'] as const) {
          const r = await h.notifier.notify({ ...SAMPLE, action, key: `inc-1:pager:${action}:0` });
          expect(r.ok).toBe(true);
        }
        const reqs = h.requests();
        expect(reqs.length).toBeGreaterThanOrEqual(3);
        for (const req of reqs) expect(req).toMatch(/inc-1/);
      } finally {
        await h.close?.();
      }
    });
    it('declares its kind', async () => {
      const h = await make();
      expect(h.notifier.kind).toMatch(/^(sns|slack|email|pagerduty|webhook|outbox)$/);
      await h.close?.();
    });
  });
}
