import type { Cloud } from '../../ports/cloud.js';
import type { Clock } from '../../ports/clock.js';
import type { Logs } from '../../ports/logs.js';
import type { Store } from '../../ports/store.js';
import { createRcaAnalysis, type RcaServiceOptions } from './analysis.js';
import { createPostmortems, type PostmortemOptions } from './postmortems.js';

export type { RcaContext, RcaReportDoc, RcaServiceOptions } from './analysis.js';
export type { PostmortemDoc, PostmortemOptions, PostmortemStatus, Reminder } from './postmortems.js';

/**
 * The RCA and post-mortem use case: `analyze` / `analyzeAndRecord` an incident, and the post-mortem
 * lifecycle (draft on resolution, edit, publish, reminders, action-item export, MTTA/MTTD/MTTR).
 *
 * @example
 * const rca = createRcaService({ logs, cloud, store, clock });
 * const { report } = await rca.analyzeAndRecord('inc-42', { topology });
 * const pm = await rca.onIncidentResolved(resolvedIncident);
 */
export function createRcaService(deps: { logs: Logs; cloud: Cloud; store: Store; clock: Clock }, options: { rca?: RcaServiceOptions; postmortems?: PostmortemOptions } = {}) {
  return { ...createRcaAnalysis(deps, options.rca), ...createPostmortems(deps, options.postmortems) };
}

export type RcaService = ReturnType<typeof createRcaService>;
