import { z } from 'zod';
import { parseOrThrow } from '../shared/zod.js';
import { DEFAULT_INSTANCE_SUCCESSORS } from './rightSizing.js';

/**
 * Every threshold of every cost rule. Defaults follow AWS Trusted Advisor's cost-optimisation
 * checks where one exists (docs/cost.md cites each); the operator may override any of them.
 */
export const CostConfigSchema = z.object({
  /** Tag that names the environment; values in `productionValues` keep automation manual. */
  environmentTag: z.string().default('environment'),
  productionValues: z.array(z.string()).default(['prod', 'production']),
  /** Recommendations saving less than this per month are not raised. */
  minMonthlySavingsUsd: z.number().nonnegative().default(0),
  rules: z
    .object({
      'ec2-low-utilization': z
        .object({ lookbackDays: z.number().int().positive().default(14), minDays: z.number().int().positive().default(14), maxCpuPct: z.number().default(10), maxNetworkBytes: z.number().default(5 * 1024 * 1024), minLowDays: z.number().int().positive().default(4) })
        .prefault({}),
      'elb-idle': z
        .object({ lookbackDays: z.number().int().positive().default(7), maxRequestsPerDay: z.number().default(100) })
        .prefault({}),
      'ebs-underused': z
        .object({ lookbackDays: z.number().int().positive().default(7), maxDailyIops: z.number().default(1) })
        .prefault({}),
      'rds-idle': z.object({ lookbackDays: z.number().int().positive().default(7) }).prefault({}),
      'eip-unassociated': z.object({}).prefault({}),
      'ebs-snapshot-old': z.object({ retentionDays: z.number().int().positive().default(30) }).prefault({}),
      'lambda-oversized-memory': z
        .object({ lookbackDays: z.number().int().positive().default(14), minDays: z.number().int().positive().default(7), maxUsedPctOfConfigured: z.number().default(50), headroomPct: z.number().default(30), minInvocationsPerDay: z.number().default(1) })
        .prefault({}),
      'dynamodb-overprovisioned': z
        .object({ lookbackDays: z.number().int().positive().default(14), minDays: z.number().int().positive().default(7), maxUtilizationPct: z.number().default(30), targetUtilizationPct: z.number().default(70) })
        .prefault({}),
      'ebs-gp2-to-gp3': z.object({}).prefault({}),
      'ec2-previous-generation': z
        .object({ successors: z.record(z.string(), z.string()).default({ ...DEFAULT_INSTANCE_SUCCESSORS }) })
        .prefault({}),
      'nat-gateway-idle': z.object({ lookbackDays: z.number().int().positive().default(7), maxBytesPerDay: z.number().default(0) }).prefault({}),
    })
    .prefault({}),
});
export type CostConfig = z.infer<typeof CostConfigSchema>;
export type CostConfigInput = z.input<typeof CostConfigSchema>;

/** Parses a (partial) configuration, filling every default; errors name the field (`rules.elb-idle.lookbackDays`). */
export function parseCostConfig(input: unknown = {}): CostConfig {
  return parseOrThrow(CostConfigSchema, input ?? {}, 'costConfig');
}

export const DEFAULT_COST_CONFIG: CostConfig = parseCostConfig({});
