import type { ResourceRecord } from '../../ports/cloud.js';
import { dailyMetrics, ebsVolume, ec2Instance, elasticIp, lambdaFunction } from './fixtures.js';
import type { DailyMetrics } from './inputs.js';
import type { SpendSpike } from './spend/generator.js';

/**
 * The sandbox fleet's planted waste (issue: "an idle instance, an unattached volume, an unused EIP,
 * an oversized Lambda") with the savings the bundled us-east-1 snapshot gives for each, so the
 * sandbox and its tests assert the same figures. Resources are dated long before `now`.
 */
export interface SandboxWaste {
  resource: ResourceRecord;
  metrics: DailyMetrics;
  ruleId: string;
  expectedMonthlySavingsUsd: number;
}

export function sandboxWaste(now: number, base: { account?: string; region?: string } = {}): SandboxWaste[] {
  const old = new Date(now - 90 * 86_400_000).toISOString();
  const tags = { environment: 'dev', team: 'platform' };
  return [
    {
      // m5.large: $0.096/h × 730 h
      resource: ec2Instance({ ...base, id: 'i-0idle000000000001', name: 'reporting-worker-dev', instanceType: 'm5.large', launchTime: old, tags: { ...tags, Name: 'reporting-worker-dev' } }),
      metrics: dailyMetrics(now, 14, { CPUUtilization: (i) => 1.5 + (i % 3) * 0.5, NetworkIn: 400_000, NetworkOut: 300_000 }),
      ruleId: 'ec2-low-utilization',
      expectedMonthlySavingsUsd: 70.08,
    },
    {
      // 200 GB gp3 at 3,000 IOPS / 125 MiB/s (free baseline): 200 × $0.08
      resource: ebsVolume({ ...base, id: 'vol-0unattached00001', volumeType: 'gp3', size: 200, iops: 3000, throughput: 125, createTime: old, tags }),
      metrics: {},
      ruleId: 'ebs-underused',
      expectedMonthlySavingsUsd: 16,
    },
    {
      // public IPv4 $0.005/h × 730 h
      resource: elasticIp({ ...base, id: 'eipalloc-0unused000001', tags }),
      metrics: {},
      ruleId: 'eip-unassociated',
      expectedMonthlySavingsUsd: 3.65,
    },
    {
      // 3008 MB → 256 MB (peak 180 MB + 30 % = 234 → 256); 2M invocations/day × 0.4 s
      resource: lambdaFunction({ ...base, id: 'thumbnailer-dev', memorySize: 3008, lastModified: old, tags }),
      metrics: dailyMetrics(now, 14, { Invocations: 2_000_000, Duration: 400, used_memory_max: 180 }),
      ruleId: 'lambda-oversized-memory',
      expectedMonthlySavingsUsd: Math.round(((3008 - 256) / 1024) * 0.4 * 2_000_000 * (730 / 24) * 0.0000166667 * 100) / 100,
    },
  ];
}

/** The sandbox's spend-spike scenario: EC2 compute triples for a day (a runaway Auto Scaling group). */
export function spendSpikeScenario(date: string): SpendSpike {
  return { service: 'Amazon Elastic Compute Cloud - Compute', date, factor: 3 };
}
