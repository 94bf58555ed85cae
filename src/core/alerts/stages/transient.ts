import type { Alert } from '../alert.js';

/**
 * Transient auto-pause: alerts of a class (same source and rule, digits normalised away) that
 * usually resolve by themselves within minutes get their first notification held for a pause and
 * sent only if still firing.
 */
export interface TransientStats {
  episodes: number;
  /** Episodes that resolved within the pause. */
  quick: number;
}

export function transientClass(alert: Pick<Alert, 'source' | 'rule' | 'title' | 'metric'>): string {
  return `${alert.source}|${(alert.rule ?? alert.title).replace(/\d+/g, '#')}|${alert.metric ?? ''}`;
}

export function recordEpisode(stats: TransientStats | undefined, durationMs: number, pauseMs: number): TransientStats {
  const s = stats ?? { episodes: 0, quick: 0 };
  return { episodes: s.episodes + 1, quick: s.quick + (durationMs <= pauseMs ? 1 : 0) };
}

export function isTransient(stats: TransientStats | undefined, minEpisodes: number, ratio: number): boolean {
  return !!stats && stats.episodes >= minEpisodes && stats.quick / stats.episodes >= ratio;
}
