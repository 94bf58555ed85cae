export * from './template.js';
export * from './draft.js';
export * from './actionItems.js';
export * from './deadlines.js';
export * from './metrics.js';
