/**
 * Time, passed in. Core code never calls Date.now(); the local platform runs on the sandbox's
 * virtual clock and tests on a manual clock that only moves when told to.
 */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Resolves once the clock has moved forward by `ms` (virtual ms on a virtual/manual clock). */
  sleep(ms: number): Promise<void>;
}

export const isoNow = (clock: Clock): string => new Date(clock.now()).toISOString();
