/** Public surface of the compliance core: checks, inventory model, frameworks, findings and exports. */
export * from './check.js';
export { CHECKS, checksByType, getCheck } from './checks/index.js';
export * from './engine.js';
export * from './exports/index.js';
export * from './findings/finding.js';
export * from './frameworks/index.js';
export * from './inventory/index.js';
export { sampleInventory, sampleResource, type SampleOptions } from './inventory/sampleInventory.js';
export * from './cloudtrail/anomalies.js';
export * from './cloudtrail/record.js';
export * from './docs.js';
export { type Violation, violationCatalogue } from './inventory/violations.js';
