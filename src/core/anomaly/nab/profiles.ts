/**
 * NAB's three cost profiles (config/profiles.json). The true-negative weight is never used by the
 * scorer, so it is not carried.
 */
export interface CostProfile {
  tp: number;
  fp: number;
  fn: number;
}

export const NAB_PROFILES = {
  standard: { tp: 1.0, fp: 0.11, fn: 1.0 },
  reward_low_FP_rate: { tp: 1.0, fp: 0.22, fn: 1.0 },
  reward_low_FN_rate: { tp: 1.0, fp: 0.11, fn: 2.0 },
} as const satisfies Record<string, CostProfile>;

export type ProfileName = keyof typeof NAB_PROFILES;
export const PROFILE_NAMES = Object.keys(NAB_PROFILES) as ProfileName[];
