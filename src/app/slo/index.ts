export { createSloService, type SloService } from './service.js';
export type { SloAlertStatus, SloEvaluation, SloHistoryPoint, SloServiceDeps, StoredSlo } from './types.js';
import type { SloEvaluation, SloServiceDeps } from './types.js';
import { createSloService as create } from './service.js';

/** The `evaluateSlos` use case: one evaluation of every stored SLO (what the scheduler calls each minute). */
export function evaluateSlos(deps: SloServiceDeps, now?: number): Promise<SloEvaluation[]> {
  return create(deps).evaluate(now);
}
