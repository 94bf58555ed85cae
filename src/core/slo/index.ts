/** SLOs: OpenSLO specs, SLI event series, error budgets and multi-window multi-burn-rate rules. */
export * from './spec/documents.js';
export * from './spec/duration.js';
export * from './spec/model.js';
export * from './spec/parse.js';
export * from './spec/resolve.js';
export * from './sli/queries.js';
export * from './sli/events.js';
export * from './burn/math.js';
export * from './burn/buckets.js';
export * from './burn/windows.js';
export * from './burn/evaluate.js';
export * from './burn/calendar.js';
export * from './status.js';
export * from './signals.js';
