import type { SpendAnomaly, SpendAnomalyDetector, SpendAnomalyOptions } from './anomaly.js';
import { DEFAULT_SPEND_ANOMALY_OPTIONS, robustWeekdayDetector } from './anomaly.js';
import type { CostRecord, SpendDimension } from './model.js';
import { dailyBy, dateRange } from './model.js';

export interface GroupAnomalies {
  key: string;
  anomalies: SpendAnomaly[];
}

/**
 * Runs the detector on every group's daily series (per service by default). Missing days count
 * as zero spend: Cost Explorer omits days with no cost.
 */
export function detectSpendAnomalies(
  records: readonly CostRecord[],
  o: { fromDate: string; startDate: string; endDate: string; by?: SpendDimension; detector?: SpendAnomalyDetector; options?: Partial<Omit<SpendAnomalyOptions, 'fromDate'>> },
): GroupAnomalies[] {
  const detector = o.detector ?? robustWeekdayDetector;
  const options: SpendAnomalyOptions = { ...DEFAULT_SPEND_ANOMALY_OPTIONS, ...o.options, fromDate: o.fromDate };
  const days = dateRange(o.startDate, o.endDate);
  const out: GroupAnomalies[] = [];
  for (const [key, byDate] of dailyBy(records, o.by ?? 'service')) {
    const series = days.map((date) => ({ date, value: byDate.get(date) ?? 0 }));
    const anomalies = detector.detect(series, options);
    if (anomalies.length) out.push({ key, anomalies });
  }
  return out.sort((a, b) => a.key.localeCompare(b.key));
}
