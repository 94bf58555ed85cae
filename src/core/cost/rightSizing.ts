/**
 * Right-sizing arithmetic shared by the cost rules (which price it) and the remediation runbooks
 * (which carry it out), so the action changes a resource to exactly what the recommendation said.
 */

/** Previous-generation family → its current successor of the same size (rule ec2-previous-generation's default). */
export const DEFAULT_INSTANCE_SUCCESSORS: Readonly<Record<string, string>> = { t1: 't3', t2: 't3', m1: 'm5', m3: 'm5', m4: 'm5', c1: 'c5', c3: 'c5', c4: 'c5', r3: 'r5', r4: 'r5' };

/** The same-size successor of a previous-generation instance type (`m4.xlarge` → `m5.xlarge`), or undefined. */
export function successorInstanceType(instanceType: string, successors: Readonly<Record<string, string>> = DEFAULT_INSTANCE_SUCCESSORS): string | undefined {
  const [family, size, ...rest] = instanceType.split('.');
  if (!family || !size || rest.length > 0) return undefined;
  const successor = Object.hasOwn(successors, family) ? successors[family] : undefined;
  return successor ? `${successor}.${size}` : undefined;
}

/** Lambda's smallest memory setting. */
export const MIN_LAMBDA_MEMORY_MB = 128;
/** Lambda's largest memory setting. */
export const MAX_LAMBDA_MEMORY_MB = 10_240;
/** Memory is set in 1 MB steps but recommending 64 MB steps keeps the figures readable and stable. */
export const LAMBDA_MEMORY_STEP_MB = 64;
/** Headroom above the observed peak (rule lambda-oversized-memory's default `headroomPct`). */
export const DEFAULT_LAMBDA_HEADROOM_PCT = 30;

/** Peak memory used × (1 + headroom), rounded up to 64 MB, at least 128 MB. */
export function recommendedLambdaMemoryMb(maxUsedMb: number, headroomPct: number = DEFAULT_LAMBDA_HEADROOM_PCT): number {
  return Math.min(MAX_LAMBDA_MEMORY_MB, Math.max(MIN_LAMBDA_MEMORY_MB, Math.ceil((maxUsedMb * (1 + headroomPct / 100)) / LAMBDA_MEMORY_STEP_MB) * LAMBDA_MEMORY_STEP_MB));
}

/** Target utilisation of the peak after a DynamoDB capacity change (rule dynamodb-overprovisioned's default `targetUtilizationPct`). */
export const DEFAULT_DYNAMODB_TARGET_UTILIZATION_PCT = 70;
/** At or below this peak utilisation a dimension counts as over-provisioned (the rule's default `maxUtilizationPct`). */
export const DEFAULT_DYNAMODB_MAX_UTILIZATION_PCT = 30;

export interface CapacityDimension {
  provisioned: number;
  /** Peak consumed units per second over the window. */
  peak: number;
  utilPct: number;
  /** Units that put the peak at the target utilisation: ceil(peak ÷ target), at least 1. */
  target: number;
  /** Over-provisioned: utilisation ≤ the threshold and the target is below what is provisioned. */
  over: boolean;
}

/** One provisioned-capacity dimension (read or write) judged against its consumed peak. */
export function capacityDimension(
  provisioned: number,
  peak: number,
  targetUtilizationPct: number = DEFAULT_DYNAMODB_TARGET_UTILIZATION_PCT,
  maxUtilizationPct: number = DEFAULT_DYNAMODB_MAX_UTILIZATION_PCT,
): CapacityDimension {
  const utilPct = provisioned > 0 ? (peak / provisioned) * 100 : 100;
  const target = Math.max(1, Math.ceil(peak / (targetUtilizationPct / 100)));
  return { provisioned, peak, utilPct, target, over: utilPct <= maxUtilizationPct && target < provisioned };
}

/** The provisioned throughput after right-sizing: each over-provisioned dimension at its target, the other unchanged. */
export function rightSizedThroughput(read: CapacityDimension, write: CapacityDimension): { ReadCapacityUnits: number; WriteCapacityUnits: number } {
  return { ReadCapacityUnits: read.over ? read.target : read.provisioned, WriteCapacityUnits: write.over ? write.target : write.provisioned };
}
