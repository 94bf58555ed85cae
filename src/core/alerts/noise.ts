/**
 * Noise reduction as the industry defines it, at both stages: `1 − alerts/events` (dedup) and
 * `1 − incidents/alerts` (correlation). Zero inputs give 0, never NaN.
 */
export interface NoiseRow {
  day: string;
  service: string;
  events: number;
  alerts: number;
  incidents: number;
  /** 1 − alerts/events */
  eventReduction: number;
  /** 1 − incidents/alerts */
  alertReduction: number;
}

export const reduction = (out: number, input: number): number => (input > 0 ? Math.max(0, 1 - out / input) : 0);

export interface NoiseFacts {
  events: { time: string; service?: string }[];
  alerts: { firstSeen: string; service?: string }[];
  incidents: { openedAt: string; service?: string }[];
}

/** Per UTC day and service, plus an `*` service row per day with the totals. */
export function noiseByDayAndService(f: NoiseFacts): NoiseRow[] {
  const rows = new Map<string, { events: number; alerts: number; incidents: number }>();
  const bump = (time: string, service: string | undefined, k: 'events' | 'alerts' | 'incidents'): void => {
    const day = time.slice(0, 10);
    for (const svc of [service ?? 'unknown', '*']) {
      const key = `${day}|${svc}`;
      const r = rows.get(key) ?? { events: 0, alerts: 0, incidents: 0 };
      r[k]++;
      rows.set(key, r);
    }
  };
  for (const e of f.events) bump(e.time, e.service, 'events');
  for (const a of f.alerts) bump(a.firstSeen, a.service, 'alerts');
  for (const i of f.incidents) bump(i.openedAt, i.service, 'incidents');
  return [...rows.entries()]
    .map(([k, r]) => {
      const [day, service] = k.split('|') as [string, string];
      return { day, service, ...r, eventReduction: reduction(r.alerts, r.events), alertReduction: reduction(r.incidents, r.alerts) };
    })
    .sort((a, b) => (a.day === b.day ? a.service.localeCompare(b.service) : a.day.localeCompare(b.day)));
}
