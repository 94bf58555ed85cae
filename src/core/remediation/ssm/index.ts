export { lintSsmDocument, lintSsmYaml, isDestructive, READ_API, RECORDING_CALLS } from './lint.js';
export type { LintIssue } from './lint.js';
export { runSsmDocument, parseIsoDuration } from './interpreter.js';
export type { ApiHandler, ScriptHandler, SsmRunOptions, SsmRunResult, StepRecord, StepStatus } from './interpreter.js';
export { parseSsmDocument, SsmDocumentSchema, SSM_ACTIONS } from './schema.js';
export type { SsmDocument, SsmStep } from './schema.js';
export { documentParameters, hasDocumentParameters } from './parameters.js';
export type { DocumentSettings } from './parameters.js';
export { READ_SHAPES } from './readShapes.js';
