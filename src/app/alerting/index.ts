/** The alerting use case's public surface (what the server, CLI, sandbox and lambdas call). */
export { createAlertingService, type AlertingDeps, type AlertingService, type IngestOptions } from './service.js';
export { checkConfig, checkConfigDoc, loadAlertingConfig, validateAlertingConfig, type ConfigCheck, type ConfigProblem } from './checkConfig.js';
export { ConfigFileReloader, defaultConfigPath, type ConfigReloadResult } from './configFile.js';
export { AlertingConfigSchema, resolveAlertingConfig, type AlertingConfig, type ResolvedAlertingConfig } from './config.js';
export { replay, backtest, type ReplayOptions, type ReplayOutcome, type Backtest } from './replay.js';
export { recordFeedback, feedbackByRule, exportFeedback, FEEDBACK_VERDICTS, type FeedbackInput, type FeedbackRecord, type RuleFeedback } from './feedback.js';
export type { IngestResult, IngestVia, QuarantineRecord, StoredSignal, TransactionalStore } from './records.js';
export type { NotificationRecord } from './dispatcher.js';
export type { Silence, SilenceInput } from '../../core/alerts/stages/silence.js';
export type { NoiseRow } from '../../core/alerts/noise.js';
export { normalize, type NormalizeResult } from '../../core/events/normalize.js';
