import { defineCheck, fail, notApplicable, pass } from '../check.js';
import { ageDays } from './helpers.js';

export default defineCheck({
  id: 'iam-user-unused-credentials',
  title: 'IAM credentials unused for 45 days are disabled',
  description: 'A console password or active access key not used (or never used since creation) for config.unusedCredentialDays fails.',
  service: 'iam',
  resourceType: 'AWS::IAM::User',
  severity: 'MEDIUM',
  frameworks: { cis: ['1.12'], fsbp: ['IAM.8'] },
  remediation: 'AIOps-DisableOldAccessKey',
  test: (s, ctx) => {
    const limit = ctx.config.unusedCredentialDays;
    const active = s.accessKeys.filter((k) => k.status === 'Active');
    if (!s.passwordEnabled && active.length === 0) return notApplicable('user has no active credentials');
    const stale: { credential: string; idleDays: number }[] = [];
    if (s.passwordEnabled) {
      const idle = ageDays(s.passwordLastUsed ?? s.createDate, ctx.now);
      if (idle > limit) stale.push({ credential: 'password', idleDays: idle });
    }
    for (const k of active) {
      const idle = ageDays(k.lastUsedDate ?? k.createDate, ctx.now);
      if (idle > limit) stale.push({ credential: k.accessKeyId, idleDays: idle });
    }
    return stale.length === 0 ? pass() : fail(`credentials unused for more than ${limit} days: ${stale.map((c) => c.credential).join(', ')}`, { stale });
  },
});
