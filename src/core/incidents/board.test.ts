import { describe, expect, it } from 'vitest';
import { incidentBoard } from './board.js';
import type { Severity } from '../shared/severity.js';

const inc = (id: string, severity: Severity, status: 'open' | 'resolved', openedAt: string, resolvedAt?: string) => ({ id, severity, status, openedAt, ...(resolvedAt ? { resolvedAt } : {}) });

describe('incidentBoard', () => {
  const open = [inc('a', 'SEV-4', 'open', '2026-01-01T03:00:00Z'), inc('b', 'SEV-2', 'open', '2026-01-01T01:00:00Z'), inc('c', 'SEV-2', 'open', '2026-01-01T02:00:00Z')];
  const resolved = [inc('r1', 'SEV-1', 'resolved', '2026-01-01T00:00:00Z', '2026-01-01T00:30:00Z'), inc('r2', 'SEV-3', 'resolved', '2026-01-01T00:10:00Z', '2026-01-01T04:00:00Z')];

  it('lists open incidents by severity then newest, then the most recently resolved', () => {
    expect(incidentBoard(open, resolved, 10).map((i) => i.id)).toEqual(['c', 'b', 'a', 'r2', 'r1']);
  });

  it('keeps an older severe open incident on the board when many newer ones arrive', () => {
    const burst = Array.from({ length: 20 }, (_, k) => inc(`n${k}`, 'SEV-4', 'open', `2026-01-02T00:${String(k).padStart(2, '0')}:00Z`));
    const board = incidentBoard([...burst, open[1]!], [], 10);
    expect(board[0]!.id).toBe('b');
    expect(board).toHaveLength(10);
  });

  it('fills the remaining rows with resolved incidents only, and ignores mislabelled input', () => {
    expect(incidentBoard(open, resolved, 4).map((i) => i.id)).toEqual(['c', 'b', 'a', 'r2']);
    expect(incidentBoard(resolved, open, 10)).toEqual([]);
  });
});
