import { SEVERITIES } from '../shared/severity.js';
import type { Incident } from './incident.js';

/**
 * The incidents an overview should show, in the order an on-call engineer reads them: every open
 * incident first (most severe, then newest), then the most recently resolved ones. A plain
 * "newest N" list lets a burst of low-severity incidents push a live SEV-2 off the screen.
 */
export function incidentBoard<T extends Pick<Incident, 'severity' | 'status' | 'openedAt' | 'resolvedAt'>>(open: readonly T[], resolved: readonly T[], limit: number): T[] {
  const rank = (i: T) => SEVERITIES.indexOf(i.severity);
  const openFirst = open.filter((i) => i.status === 'open').sort((a, b) => rank(a) - rank(b) || b.openedAt.localeCompare(a.openedAt));
  const recentlyResolved = resolved.filter((i) => i.status === 'resolved').sort((a, b) => (b.resolvedAt ?? b.openedAt).localeCompare(a.resolvedAt ?? a.openedAt));
  const shown = openFirst.slice(0, limit);
  return shown.concat(recentlyResolved.slice(0, Math.max(0, limit - shown.length)));
}
