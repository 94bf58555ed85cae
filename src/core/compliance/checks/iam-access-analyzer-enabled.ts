import { defineCheck, fail, pass } from '../check.js';
import { regionsToCheck } from './helpers.js';

export default defineCheck({
  id: 'iam-access-analyzer-enabled',
  title: 'IAM Access Analyzer is enabled in every region',
  description: 'Access Analyzer reports resources shared outside the account.',
  service: 'iam',
  resourceType: 'AWS::::Account',
  severity: 'LOW',
  frameworks: { cis: ['1.20'] },
  test: (s, ctx) => {
    const off = regionsToCheck(s.regions, ctx.config.requiredRegions).filter((r) => r.settings?.accessAnalyzer?.status !== 'ACTIVE').map((r) => r.region);
    return off.length === 0 ? pass() : fail(`no active Access Analyzer in ${off.join(', ')}`, { regions: off });
  },
});
