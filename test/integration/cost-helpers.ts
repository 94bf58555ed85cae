import type { CostRecommendationDoc } from '../../src/app/features/cost.js';
import type { TestPlatform } from './helpers.js';

/** The stored recommendation of one rule for one sandbox resource (by name); fails if there is none. */
export async function recommendationFor(t: TestPlatform, name: string, ruleId: string): Promise<CostRecommendationDoc> {
  const arn = t.platform.sandbox.resolve(name).arn;
  const doc = (await t.platform.features.cost.listRecommendations({ ruleId })).find((d) => d.resourceArn === arn);
  if (!doc) throw new Error(`no ${ruleId} recommendation for ${name}`);
  return doc;
}
