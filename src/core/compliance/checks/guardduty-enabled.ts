import { defineCheck, fail, pass } from '../check.js';
import { regionsToCheck } from './helpers.js';

export default defineCheck({
  id: 'guardduty-enabled',
  title: 'GuardDuty is enabled in every region',
  description: 'Each region has a GuardDuty detector with status ENABLED.',
  service: 'guardduty',
  resourceType: 'AWS::::Account',
  severity: 'HIGH',
  frameworks: { fsbp: ['GuardDuty.1'] },
  test: (s, ctx) => {
    const off = regionsToCheck(s.regions, ctx.config.requiredRegions).filter((r) => r.settings?.guardDutyDetector?.status !== 'ENABLED').map((r) => r.region);
    return off.length === 0 ? pass() : fail(`GuardDuty is off in ${off.join(', ')}`, { regions: off });
  },
});
