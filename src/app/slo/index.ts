export { createSloService, type SloService } from './service.js';
export type { SloAlertStatus, SloEvaluation, SloHistoryPoint, SloServiceDeps, StoredSlo } from './types.js';
