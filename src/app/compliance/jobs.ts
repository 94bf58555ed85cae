import type { ScheduledJob } from '../../ports/scheduler.js';
import type { ComplianceService } from './complianceService.js';
import type { SecurityHubSync } from './securityHubSync.js';

/**
 * The scheduled compliance work: a full scan every 15 minutes and, when Security Hub is wired, the
 * seed's "every 15 minutes — sync Security Hub findings" (offset so the two do not start together).
 */
export function complianceJobs(service: ComplianceService, sync?: SecurityHubSync): ScheduledJob[] {
  const jobs: ScheduledJob[] = [{ name: 'compliance-scan', cron: '*/15 * * * *', run: async () => void (await service.scan()) }];
  if (sync)
    jobs.push({
      name: 'securityhub-sync',
      cron: '7-59/15 * * * *',
      run: async () => {
        await sync.importFindings();
        await sync.publishFindings();
      },
    });
  return jobs;
}
