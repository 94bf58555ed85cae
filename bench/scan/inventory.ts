import { type InventoryType, sampleResource, violationCatalogue } from '../../src/core/compliance/index.js';
import { seededRandom } from '../../src/core/shared/hash.js';
import type { ResourceRecord } from '../../src/ports/cloud.js';

export const BENCH_NOW = Date.parse('2026-11-23T00:00:00.000Z');
export const VIOLATIONS = violationCatalogue(BENCH_NOW);
/** Share of the regional fleet per type (accounts and their trails are added per account). */
const MIX: [InventoryType, number][] = [
  ['AWS::EC2::SecurityGroup', 15], ['AWS::EC2::Instance', 15], ['AWS::EC2::Volume', 15], ['AWS::S3::Bucket', 10], ['AWS::IAM::User', 8], ['AWS::Lambda::Function', 8],
  ['AWS::SQS::Queue', 5], ['AWS::SNS::Topic', 4], ['AWS::DynamoDB::Table', 4], ['AWS::RDS::DBInstance', 3], ['AWS::KMS::Key', 3], ['AWS::SecretsManager::Secret', 3],
  ['AWS::ECS::TaskDefinition', 3], ['AWS::EC2::VPC', 2], ['AWS::EC2::NetworkAcl', 2], ['AWS::IAM::Policy', 2], ['AWS::ElasticLoadBalancingV2::LoadBalancer', 2], ['AWS::CloudFront::Distribution', 1],
];

export interface LabelledInventory {
  resources: ResourceRecord[];
  /** `${checkId}|${arn}` of every failure the scan must report. */
  expected: Set<string>;
  plantedResources: number;
}

/** A deterministic fleet of `n` resources across `accounts` accounts, `rate` of them with one planted violation. */
export function generateInventory(n: number, seed = 42, rate = 0.08, accounts = 10): LabelledInventory {
  const rnd = seededRandom(seed);
  const resources: ResourceRecord[] = [];
  const expected = new Set<string>();
  let plantedResources = 0;
  const plant = (r: ResourceRecord) => {
    const options = VIOLATIONS[r.type as InventoryType];
    if (!options || rnd() >= rate) return r;
    const v = options[Math.floor(rnd() * options.length)]!;
    plantedResources++;
    for (const c of v.expect) expected.add(`${c}|${r.arn}`);
    return { ...r, state: { ...r.state, ...structuredClone(v.patch) } };
  };
  const acctIds = Array.from({ length: accounts }, (_, i) => String(100000000000 + i * 1111));
  for (const account of acctIds) {
    resources.push(plant(sampleResource('AWS::::Account', {}, { account })));
    resources.push(plant(sampleResource('AWS::CloudTrail::Trail', {}, { account, suffix: `-${account}` })));
  }
  const total = MIX.reduce((s, [, w]) => s + w, 0);
  const cumulative = MIX.map(([t], i) => [t, MIX.slice(0, i + 1).reduce((s, [, w]) => s + w, 0) / total] as const);
  for (let i = resources.length; i < n; i++) {
    const u = rnd();
    const type = cumulative.find(([, c]) => u < c)?.[0] ?? 'AWS::EC2::Instance';
    const account = acctIds[i % accounts]!;
    resources.push(plant(sampleResource(type, {}, { account, suffix: `-${i}` })));
  }
  return { resources, expected, plantedResources };
}
