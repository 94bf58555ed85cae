/** Cost intelligence core: input model, prices, rules, spend and the daily report (all pure). */
export * from './inputs.js';
export * from './config.js';
export * from './rule.js';
export * from './evaluate.js';
export * from './ebsCost.js';
export * from './metricQueries.js';
export { COST_RULES } from './rules/index.js';
export * from './prices/index.js';
export * from './spend/index.js';
export * from './report/index.js';
export * from './sandboxWaste.js';
export * from './fixtures.js';
