import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/adapters/local/clocks.js';
import type { NotificationRecord } from '../../src/app/alerting/dispatcher.js';
import { webhookEvent } from '../../src/app/alerting/testing/fixtures.js';
import { startTestPlatform, type TestPlatform } from './helpers.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

/** A synthetic check that usually clears by itself within a minute (one alert class). */
const check = (t: TestPlatform, id: string, status: 'firing' | 'resolved') =>
  t.platform.alerting.ingest(webhookEvent({ id, title: 'synthetic login check failing', resource: 'arn:aws:lambda:us-east-1:123456789012:function:login-probe', at: new Date(t.clock.now()).toISOString(), status, service: 'login', environment: 'prod', level: 'warning' }), { via: 'api' });

async function triggersFor(t: TestPlatform, incidentId: string): Promise<NotificationRecord[]> {
  return (await t.platform.store.collection<NotificationRecord>('notifications').find({ where: { incidentId } })).filter((n) => n.action === 'trigger' && n.status === 'sent');
}

describe('Transient auto-pause across a restart', () => {
  it('remembers which alert classes clear by themselves, so after a restart their first notification is still held', async () => {
    const first = await startTestPlatform({ features: [] });
    cleanups.push(async () => rmSync(first.dataDir, { recursive: true, force: true }));
    // Three episodes that each resolved within a minute (far enough apart not to count as
    // flapping): the class is now known to be transient.
    for (let k = 0; k < 3; k++) {
      const fired = await check(first, `probe-${k}-fire`, 'firing');
      await first.clock.advance(60_000);
      if (k === 0) expect(await triggersFor(first, fired.incidentIds[0] as string)).toHaveLength(1);
      await check(first, `probe-${k}-ok`, 'resolved');
      await first.clock.advance(45 * 60_000);
    }
    await first.platform.stop();

    const second = await startTestPlatform({ dataDir: first.dataDir, clock: new ManualClock(first.clock.now()), features: [] });
    cleanups.push(() => second.platform.stop());
    const fired = await check(second, 'probe-3-fire', 'firing');
    const incidentId = fired.incidentIds[0] as string;
    expect(fired.status).toBe('accepted');
    // Past group_wait but inside the pause: held, because the history survived the restart.
    await second.clock.advance(2 * 60_000);
    expect(await triggersFor(second, incidentId)).toHaveLength(0);
    // Still firing after the pause: now it is worth a notification.
    await second.clock.advance(5 * 60_000);
    expect(await triggersFor(second, incidentId)).toHaveLength(1);
  });
});
