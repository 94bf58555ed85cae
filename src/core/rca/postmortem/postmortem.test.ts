import { describe, expect, it } from 'vitest';
import { openIncident, advance } from '../../incidents/lifecycle.js';
import type { Incident } from '../../incidents/incident.js';
import { actionItemIssues, ghIssueCommands } from './actionItems.js';
import { deadlineStatus, postmortemDueAt } from './deadlines.js';
import { impactStartMs, periodStart, responseMetrics } from './metrics.js';
import { renderTemplate } from './template.js';

const H = 3_600_000;
const T = Date.parse('2026-11-23T12:00:00Z');
const at = (ms: number): string => new Date(ms).toISOString();

describe('Function: renderTemplate', () => {
  it('fills placeholders and marks missing ones', () => {
    expect(renderTemplate('a {{x}} b {{y}} c {{z}}', { x: '1', y: '' })).toBe('a 1 b _(not available)_ c _(not available)_');
  });
});

describe('Function: deadlineStatus', () => {
  const due = postmortemDueAt(at(T));
  it('is due 48 h after resolution', () => {
    expect(due).toBe(at(T + 48 * H));
  });
  it.each([
    [T + 1 * H, 'on-track', []],
    [T + 25 * H, 'due-soon', [at(T + 24 * H)]],
    [T + 45 * H, 'due-soon', [at(T + 44 * H)]],
    [T + 50 * H, 'overdue', [at(T + 48 * H)]],
    [T + 73 * H, 'overdue', [at(T + 72 * H)]],
  ] as const)('at %d is %s with reminders %j', (now, state, reminders) => {
    const s = deadlineStatus({ dueAt: due, status: 'draft' }, now);
    expect(s.state).toBe(state);
    expect(s.remindersDue).toEqual(reminders);
  });
  it('sends nothing once the latest reminder was sent, or once published', () => {
    expect(deadlineStatus({ dueAt: due, status: 'draft', remindersSent: [at(T + 44 * H)] }, T + 45 * H).remindersDue).toEqual([]);
    expect(deadlineStatus({ dueAt: due, status: 'published' }, T + 90 * H)).toMatchObject({ state: 'done', remindersDue: [] });
  });
});

describe('Function: responseMetrics', () => {
  const mk = (id: string, service: string, severity: Incident['severity'], openedMs: number, ackMin: number, resMin: number, impactMin?: number): Incident => {
    let inc = openIncident({ id, title: id, severity, groupKey: service, service, resourceArns: [], alertIds: [], labels: impactMin !== undefined ? { impactStartedAt: at(openedMs - impactMin * 60_000) } : {}, at: at(openedMs) });
    inc = advance(inc, 'Acknowledgment', at(openedMs + ackMin * 60_000), 'jane');
    return advance(inc, 'Resolution', at(openedMs + resMin * 60_000), 'jane');
  };
  it('groups by service, severity and period with mean and percentiles', () => {
    const rows = responseMetrics([mk('a', 'checkout', 'SEV-2', T, 10, 60, 5), mk('b', 'checkout', 'SEV-2', T + H, 20, 120), mk('c', 'orders', 'SEV-1', T, 2, 30, 1)], { bucket: 'day' });
    expect(rows.map((r) => [r.service, r.severity, r.period, r.incidents])).toEqual([
      ['checkout', 'SEV-2', '2026-11-23T00:00:00.000Z', 2],
      ['orders', 'SEV-1', '2026-11-23T00:00:00.000Z', 1],
    ]);
    expect(rows[0]?.mtta).toEqual({ count: 2, meanMs: 15 * 60_000, p50Ms: 20 * 60_000, p90Ms: 20 * 60_000 });
    expect(rows[0]?.mttd).toEqual({ count: 1, meanMs: 5 * 60_000, p50Ms: 5 * 60_000, p90Ms: 5 * 60_000 });
  });
  it('buckets weeks from Monday and reads the impact start from an rca timeline entry', () => {
    expect(periodStart('2026-11-26T10:00:00Z', 'week')).toBe('2026-11-23T00:00:00.000Z');
    const inc = openIncident({ id: 'x', title: 'x', severity: 'SEV-3', groupKey: 'g', resourceArns: [], alertIds: [], labels: {}, at: at(T) });
    expect(impactStartMs({ ...inc, timeline: [...inc.timeline, { at: at(T), kind: 'rca', message: 'm', actor: 'automated', data: { impactStartMs: T - 60_000 } }] })).toBe(T - 60_000);
  });
});

describe('Function: ghIssueCommands', () => {
  it('quotes titles and bodies for the shell', () => {
    const payloads = actionItemIssues({ id: 'inc-1', severity: 'SEV-1', title: "it's down" }, [{ id: 'i1', title: "Fix the 'alias'", detail: 'd', priority: 'P1', dueDays: 2, source: 'process', owner: 'jane' }]);
    expect(payloads[0]).toMatchObject({ labels: ['incident-action-item', 'sev-1', 'p1'], assignees: ['jane'] });
    const script = ghIssueCommands(payloads);
    expect(script).toContain(`--title 'Fix the '\\''alias'\\'''`);
    expect(script).toContain("--label 'incident-action-item'");
    expect(script).toContain("--assignee 'jane'");
  });
});
