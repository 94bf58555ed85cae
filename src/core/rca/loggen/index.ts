export * from './faults.js';
export * from './generate.js';
export { FAULT_PROFILES, NORMAL_TEMPLATES, DB_FAULT_PROFILES, DB_NORMAL_TEMPLATES } from './templates.js';
export type { GenLine, GenLevel, LineTemplate, FaultProfile } from './templates.js';
export * from './scenarios.js';
