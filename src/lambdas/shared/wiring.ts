import { wireUseCases } from './use-cases.js';

/**
 * Where the Lambda entry points meet src/app. The use cases are written in parallel on other
 * branches; at merge, import them here and register them, e.g.
 *
 *   import { ingestSignals } from '../../app/ingest-signals.js';
 *   wireUseCases({ ingestSignals: (deps, inputs) => ingestSignals(deps, inputs) });
 *
 * Until then every handler fails closed with USE_CASE_NOT_WIRED.
 */
wireUseCases({});
