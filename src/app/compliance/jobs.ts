import type { ScheduledJob } from '../../ports/scheduler.js';
import type { ComplianceService } from './complianceService.js';
import type { createConfigComplianceSync } from './configComplianceSync.js';
import type { SecurityHubSync } from './securityHubSync.js';

/**
 * The scheduled compliance work: a full scan every 15 minutes and, when wired, the seed's "every 15
 * minutes — sync Security Hub findings" and the Config compliance read (offset so they do not start together).
 */
export function complianceJobs(service: ComplianceService, sync: { securityHub?: SecurityHubSync; config?: ReturnType<typeof createConfigComplianceSync> } = {}): ScheduledJob[] {
  const jobs: ScheduledJob[] = [{ name: 'compliance-scan', cron: '*/15 * * * *', run: async () => void (await service.scan()) }];
  const { config, securityHub } = sync;
  if (config) jobs.push({ name: 'config-compliance-sync', cron: '4-59/15 * * * *', run: async () => void (await config.importCompliance()) });
  if (securityHub)
    jobs.push({
      name: 'securityhub-sync',
      cron: '7-59/15 * * * *',
      run: async () => {
        await securityHub.importFindings();
        await securityHub.publishFindings();
      },
    });
  return jobs;
}
