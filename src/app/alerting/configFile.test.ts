import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../core/alerts/alert.js';
import { ConfigFileReloader, defaultConfigPath, type ConfigReloadResult } from './configFile.js';
import { createAlertingService } from './service.js';
import { webhookEvent } from './testing/fixtures.js';
import { ManualClock, MemoryBus, MemoryStore } from './testing/index.js';

const T0 = '2026-11-23T14:00:00.000Z';
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function setup() {
  const store = new MemoryStore();
  const clock = new ManualClock(T0);
  const svc = createAlertingService({ store, clock, bus: new MemoryBus(clock), config: { grouping: { groupBy: ['service'] } } });
  const dir = mkdtempSync(join(tmpdir(), 'aiops-alerting-config-'));
  dirs.push(dir);
  const path = join(dir, 'alerting.yaml');
  return { store, clock, svc, dir, path, reloader: new ConfigFileReloader({ path, alerting: svc }) };
}

const event = (id: string, level: string, service: string) => webhookEvent({ id, title: `${service} ${level}`, resource: `arn:aws:lambda:us-east-1:123456789012:function:${service}-${id}`, at: T0, level, service, environment: 'prod' });
const INHIBIT = 'inhibitRules:\n  - sourceMatchers: [\'severity="SEV-2"\']\n    targetMatchers: [\'severity=~"SEV-[34]"\']\n    equal: [service]\n';

describe('Function: AlertingService.reloadConfig', () => {
  it('swaps the live config: a rule added by reload applies to the next signals', async () => {
    const { svc, store } = setup();
    await svc.ingest(event('a', 'critical', 'api'));
    const before = await svc.ingest(event('b', 'warning', 'api'));
    expect((await store.collection<Alert>('alerts').get(before.alertIds[0] as string))?.mutedBy).toBeUndefined();
    await svc.reloadConfig({ grouping: { groupBy: ['service'] }, inhibitRules: [{ sourceMatchers: ['severity="SEV-2"'], targetMatchers: ['severity=~"SEV-[34]"'], equal: ['service'] }] });
    expect(svc.config.inhibitRules).toHaveLength(1);
    // The already-firing SEV-2 alert inhibits a new symptom without being re-sent.
    const after = await svc.ingest(event('c', 'warning', 'api'));
    expect((await store.collection<Alert>('alerts').get(after.alertIds[0] as string))?.mutedBy).toMatch(/^inhibited-by:/);
  });

  it.each([
    [{ grouping: { groupWait: 'soon' } }, 'grouping.groupWait'],
    [{ route: { receiver: 'nobody' } }, 'route'],
    [{ inhibitRules: [{ sourceMatchers: ['severity'], targetMatchers: [] }] }, 'inhibitRules.0.sourceMatchers.0'],
  ])('rejects %j naming %s and keeps the live config', async (bad, field) => {
    const { svc } = setup();
    const live = JSON.stringify(svc.config);
    await expect(svc.reloadConfig(bad as never)).rejects.toMatchObject({ field });
    expect(JSON.stringify(svc.config)).toBe(live);
  });
});

describe('Class: ConfigFileReloader', () => {
  it('loads a valid file, reports unchanged content, and keeps the live config when the file turns invalid', async () => {
    const { svc, path, reloader } = setup();
    writeFileSync(path, `autoResolve: true\n${INHIBIT}`);
    expect(await reloader.reload()).toMatchObject({ ok: true, changed: true, path });
    expect(svc.config).toMatchObject({ autoResolve: true });
    expect(await reloader.reload(false)).toMatchObject({ ok: true, changed: false });

    writeFileSync(path, 'autoResolve: true\ngrouping:\n  groupWait: soon\n');
    const bad = await reloader.reload();
    expect(bad).toMatchObject({ ok: false, errors: [{ path: 'grouping.groupWait' }] });
    expect(svc.config.inhibitRules).toHaveLength(1);
    expect(svc.config.grouping.groupWait).toBe(30_000);
  });

  it('names a missing file', async () => {
    const { reloader, path } = setup();
    expect(reloader.hasFile()).toBe(false);
    expect(await reloader.reload()).toMatchObject({ ok: false, errors: [{ path: '(file)', message: expect.stringContaining('ENOENT') }] });
    expect(path.endsWith('alerting.yaml')).toBe(true);
  });

  it('reloads when the file changes on disk', async () => {
    const { svc, path } = setup();
    writeFileSync(path, 'autoResolve: false\n');
    let resolveReload!: (r: ConfigReloadResult) => void;
    const reloaded = new Promise<ConfigReloadResult>((r) => (resolveReload = r));
    const reloader = new ConfigFileReloader({ path, alerting: svc, onReload: (r) => r.ok && r.changed && resolveReload(r) });
    reloader.watch(10);
    try {
      writeFileSync(path, `autoResolve: true\n${INHIBIT}`);
      expect(await reloaded).toMatchObject({ ok: true, changed: true });
      expect(svc.config.autoResolve).toBe(true);
    } finally {
      reloader.close();
    }
  });
});

describe('Function: defaultConfigPath', () => {
  it('prefers AIOPS_ALERTING_CONFIG, else the data directory', () => {
    expect(defaultConfigPath('/data', {})).toBe(join('/data', 'alerting.yaml'));
    expect(defaultConfigPath('/data', { AIOPS_ALERTING_CONFIG: '/etc/aiops/alerting.yaml' })).toBe('/etc/aiops/alerting.yaml');
  });
});
