export { type ChangeResult, type ComplianceDeps, type ComplianceService, type ComplianceServiceOptions, createComplianceService, type FindingQuery, type ScanOptions, type ScanProgress, type ScanReport, scanExitCode } from './complianceService.js';
export { complianceJobs } from './jobs.js';
export { findingSignal } from './signals.js';
export { BATCH_MAX_BYTES, BATCH_MAX_FINDINGS, batchForImport, createSecurityHubSync, type ImportResult, type PublishResult, type SecurityHubPort, type SecurityHubSync, type SecurityHubSyncOptions } from './securityHubSync.js';
export { type ConfigCompliancePort, type ConfigSyncResult, createConfigComplianceSync } from './configComplianceSync.js';
export { formatScanReport } from './formatReport.js';
