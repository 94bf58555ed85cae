import { defineCheck, fail, pass } from '../check.js';
import { ageDays } from './helpers.js';

export default defineCheck({
  id: 'secretsmanager-rotated-recently',
  title: 'Secrets Manager secrets were rotated within 90 days',
  description: 'Last rotation (or creation, if never rotated) within config.secretMaxRotationDays.',
  service: 'secretsmanager',
  resourceType: 'AWS::SecretsManager::Secret',
  severity: 'MEDIUM',
  frameworks: { fsbp: ['SecretsManager.4'] },
  test: (s, ctx) => {
    const since = s.lastRotatedDate ?? s.createdDate;
    if (!since) throw new Error('state.lastRotatedDate and state.createdDate are both missing');
    const days = ageDays(since, ctx.now);
    return days <= ctx.config.secretMaxRotationDays ? pass({ daysSinceRotation: days }) : fail(`secret not rotated for ${days} days`, { daysSinceRotation: days, lastRotatedDate: s.lastRotatedDate ?? null });
  },
});
