import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../src/adapters/local/clocks.js';
import { createLocalPlatform, type LocalPlatform } from '../../src/app/platform.js';
import type { FeatureName } from '../../src/app/features/index.js';

export interface TestPlatform {
  platform: LocalPlatform;
  clock: ManualClock;
  dataDir: string;
  cleanup: () => Promise<void>;
}

/** A local platform on a manual clock in a throw-away data directory. */
export async function startTestPlatform(opts: { dataDir?: string; clock?: ManualClock; environment?: string; features?: readonly FeatureName[] } = {}): Promise<TestPlatform> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'aiops-it-'));
  const clock = opts.clock ?? new ManualClock('2026-11-23T10:00:00.000Z');
  const platform = await createLocalPlatform({ dataDir, clock, ...(opts.environment ? { environment: opts.environment } : {}), ...(opts.features ? { features: opts.features } : {}) });
  await platform.start();
  return {
    platform,
    clock,
    dataDir,
    cleanup: async () => {
      await platform.stop();
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Advances the manual clock minute by minute until `done()` holds or `maxMinutes` pass; returns minutes used. */
export async function advanceUntil(t: TestPlatform, done: () => Promise<boolean>, maxMinutes = 60): Promise<number> {
  for (let m = 0; m < maxMinutes; m++) {
    if (await done()) return m;
    await t.clock.advance(60_000);
    await t.platform.tick();
  }
  if (await done()) return maxMinutes;
  throw new Error(`condition not met within ${maxMinutes} virtual minutes`);
}
