/** What the absence channel reads of the ensemble's parameters. */
export interface AbsenceParams {
  absenceLevel: number;
  absenceTolerance: number;
  absenceMinGaps: number;
}

/** The row of the last spike, the longest gap between spikes, gaps seen, alarmed this gap (plain JSON). */
export interface AbsenceState {
  last: number;
  maxGap: number;
  gaps: number;
  fired: boolean;
}

export const createAbsence = (): AbsenceState => ({ last: 0, maxGap: 0, gaps: 0, fired: false });

/**
 * Learns row `n` (value `x`, running range [min, min + range]) and tells whether a spiky series
 * has now been quiet for (1 + `absenceTolerance`) × the longest earlier gap between its spikes
 * (values above min + `absenceLevel` × range), once `absenceMinGaps` gaps have been seen; at most
 * once per gap. `armed` false learns without alarming (warm-up).
 */
export function stepAbsence(a: AbsenceState, p: AbsenceParams, x: number, n: number, min: number, range: number, armed: boolean): boolean {
  const gap = n - a.last;
  if (range > 0 && x > min + p.absenceLevel * range) {
    if (a.last > 0 && gap > 1) {
      a.gaps++;
      if (gap > a.maxGap) a.maxGap = gap;
    }
    a.last = n;
    a.fired = false;
    return false;
  }
  if (a.fired || !armed || a.gaps < p.absenceMinGaps || gap <= (1 + p.absenceTolerance) * a.maxGap) return false;
  a.fired = true;
  return true;
}
