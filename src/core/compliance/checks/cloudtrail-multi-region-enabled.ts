import type { ResourceRecord } from '../../../ports/cloud.js';
import { CLOUDTRAIL_TRAIL_TYPE, parseState } from '../inventory/index.js';
import { defineCheck, fail, pass } from '../check.js';

export default defineCheck({
  id: 'cloudtrail-multi-region-enabled',
  title: 'CloudTrail is enabled in all regions',
  description: 'At least one multi-region trail is logging read and write management events.',
  service: 'cloudtrail',
  resourceType: 'AWS::::Account',
  severity: 'HIGH',
  frameworks: { cis: ['3.1'], fsbp: ['CloudTrail.1'] },
  remediation: 'AIOps-EnableCloudTrail',
  dependsOn: [CLOUDTRAIL_TRAIL_TYPE],
  test: (_s, ctx, account) => {
    // Without the trail inventory the check cannot decide: throwing makes it fail closed.
    if (!ctx.inventory) throw new Error('the CloudTrail trail inventory was not provided');
    const trails = ctx.inventory.byType(CLOUDTRAIL_TRAIL_TYPE).filter((t: ResourceRecord) => t.account === account.account);
    const good = trails.filter((t) => {
      const st = parseState(CLOUDTRAIL_TRAIL_TYPE, t);
      return st.isMultiRegionTrail && st.isLogging && st.eventSelectors.some((e) => e.IncludeManagementEvents && e.ReadWriteType === 'All');
    });
    return good.length > 0 ? pass({ trails: good.map((t) => t.arn) }) : fail('no logging multi-region trail with all management events', { trails: trails.map((t) => t.arn) });
  },
});
