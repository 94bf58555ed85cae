import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { INCIDENT_PHASES } from './incident.js';
import { advance, advanceAtLeast, escalate, openIncident, phaseIndex, timings } from './lifecycle.js';

const base = () =>
  openIncident({ id: 'inc-1', title: 'CPU high', severity: 'SEV-3', groupKey: 'g', resourceArns: ['arn:x'], alertIds: ['a'], labels: {}, at: '2026-01-01T00:00:00.000Z' });

describe('Function: advance', () => {
  it('moves forward, records the phase on the timeline and stamps acknowledgement and resolution', () => {
    let inc = advance(base(), 'Triage', '2026-01-01T00:01:00.000Z', 'automated');
    inc = advance(inc, 'Acknowledgment', '2026-01-01T00:03:00.000Z', 'alice');
    inc = advance(inc, 'Resolution', '2026-01-01T00:10:00.000Z', 'automated');
    expect(inc.timeline.map((t) => t.phase)).toEqual(['Detection', 'Triage', 'Acknowledgment', 'Resolution']);
    expect(inc.acknowledgedBy).toBe('alice');
    expect(inc.status).toBe('resolved');
    expect(timings(inc)).toEqual({ mttaMs: 180_000, mttrMs: 600_000 });
  });

  it('refuses to go backwards', () => {
    const inc = advance(base(), 'Remediation', '2026-01-01T00:01:00.000Z', 'automated');
    expect(() => advance(inc, 'Triage', '2026-01-01T00:02:00.000Z', 'x')).toThrow(/cannot move from Remediation to Triage/);
    expect(advanceAtLeast(inc, 'Triage', '2026-01-01T00:02:00.000Z', 'x')).toBe(inc);
  });

  it('never goes backwards under any sequence of requested transitions (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...INCIDENT_PHASES), { maxLength: 20 }), (targets) => {
        let inc = base();
        for (const t of targets) {
          const before = phaseIndex(inc.phase);
          try {
            inc = advance(inc, t, '2026-01-01T00:05:00.000Z', 'x');
          } catch {
            /* refused transitions leave the incident unchanged */
          }
          expect(phaseIndex(inc.phase)).toBeGreaterThanOrEqual(before);
        }
        const phases = inc.timeline.filter((e) => e.kind === 'phase').map((e) => phaseIndex(e.phase!));
        expect([...phases].sort((a, b) => a - b)).toEqual(phases);
      }),
    );
  });
});

describe('Function: escalate', () => {
  it('raises severity to the worst alert and never lowers it', () => {
    const up = escalate(base(), 'SEV-1', '2026-01-01T00:01:00.000Z', 'automated', 'critical alert joined');
    expect(up.severity).toBe('SEV-1');
    expect(escalate(up, 'SEV-4', '2026-01-01T00:02:00.000Z', 'automated', 'low')).toBe(up);
  });
});
