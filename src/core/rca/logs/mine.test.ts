import { describe, expect, it } from 'vitest';
import type { ParsedLogEvent } from './events.js';
import { criticalEscalation, mineWindows, rankTemplates } from './mine.js';
import { classifyCritical } from './patterns.js';

const p = (timestamp: number, text: string, level: ParsedLogEvent['level'] = 'INFO'): ParsedLogEvent => ({ timestamp, logGroup: '/g', level, text, raw: text });
const baseline = { startMs: 0, endMs: 1000 };
const incident = { startMs: 1000, endMs: 2000 };

describe('Function: mineWindows + rankTemplates', () => {
  const events: ParsedLogEvent[] = [];
  for (let i = 0; i < 100; i++) events.push(p(i * 10, `GET /orders/${i} 200 in ${i}ms`));
  for (let i = 0; i < 100; i++) events.push(p(1000 + i * 10, `GET /orders/${i} 200 in ${i}ms`));
  for (let i = 0; i < 5; i++) events.push(p(i * 100, `WARN slow query ${i}ms`, 'WARN'));
  for (let i = 0; i < 50; i++) events.push(p(1000 + i * 10, `WARN slow query ${i}ms`, 'WARN'));
  for (let i = 0; i < 30; i++) events.push(p(1000 + i * 10, `connect ECONNREFUSED 10.0.3.${i}:5432`, 'ERROR'));
  events.push(p(5000, 'outside both windows'));
  const mined = mineWindows(events, baseline, incident);
  const ranked = rankTemplates(mined.templates, { baselineMs: 1000, incidentMs: 1000 });

  it('counts each template per window and ignores events outside them', () => {
    expect(mined.linesBaseline).toBe(105);
    expect(mined.linesIncident).toBe(180);
    expect(mined.templates.find((t) => t.template.includes('outside'))).toBeUndefined();
  });

  it('puts new templates first, then by frequency ratio', () => {
    expect(ranked.map((t) => [t.template, t.isNew])).toEqual([
      ['ERROR connect ECONNREFUSED <IP>', true],
      ['WARN WARN slow query <NUM>', false],
      ['INFO GET <PATH> <NUM> in <NUM>', false],
    ]);
    expect(ranked[1]?.ratio).toBeCloseTo(51 / 6, 5);
  });

  it('flags critical patterns and escalates only on grown templates', () => {
    expect(ranked[0]?.critical.map((c) => c.id)).toEqual(['connection-refused']);
    expect(criticalEscalation(ranked)?.severity).toBe('SEV-2');
    const steady = rankTemplates(mineWindows([p(1, 'ECONNREFUSED x', 'ERROR'), p(2, 'ECONNREFUSED x', 'ERROR'), p(3, 'ECONNREFUSED x', 'ERROR'), p(1001, 'ECONNREFUSED x', 'ERROR'), p(1002, 'ECONNREFUSED x', 'ERROR'), p(1003, 'ECONNREFUSED x', 'ERROR')], baseline, incident).templates, { baselineMs: 1000, incidentMs: 1000 });
    expect(criticalEscalation(steady)).toBeUndefined();
  });

  it('gives stable template ids across runs', () => {
    expect(mineWindows(events, baseline, incident).templates.map((t) => t.id)).toEqual(mined.templates.map((t) => t.id));
  });
});

describe('Function: classifyCritical', () => {
  it.each([
    ['java.lang.OutOfMemoryError: Java heap space', 'out-of-memory'],
    ['panic: runtime error: invalid memory address', 'panic'],
    ['connect ECONNREFUSED 10.0.0.1:5432', 'connection-refused'],
    ['ThrottlingException: Rate exceeded', 'throttling'],
    ['Task timed out after 3.00 seconds', 'timeout'],
    ['AccessDeniedException: not authorized to perform dynamodb:PutItem', 'access-denied'],
    ['No space left on device', 'disk-full'],
    ["TypeError: Cannot read properties of undefined (reading 'id')", 'code-defect'],
  ])('classifies %j as %s', (text, id) => {
    expect(classifyCritical(text).map((c) => c.id)).toContain(id);
  });

  it('finds nothing in ordinary lines', () => {
    expect(classifyCritical('GET /health 200 in 3ms')).toEqual([]);
  });
});
