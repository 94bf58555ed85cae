import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { normalize } from '../../src/core/events/normalize.js';
import type { Storm } from './generator.js';

export interface AlertmanagerRow {
  skipped?: string;
  version?: string;
  alerts: number;
  events: number;
  seconds: number;
  eventsPerS: number;
  notifications: number;
}

function findBinary(): string | undefined {
  for (const b of ['prometheus-alertmanager', 'alertmanager']) {
    const r = spawnSync('sh', ['-c', `command -v ${b}`], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  }
  return undefined;
}

/** Debian's package, installed with apt when missing (needs root and a reachable Debian mirror). */
function ensureAlertmanager(log: (m: string) => void): string | { skipped: string } {
  const found = findBinary();
  if (found) return found;
  if (spawnSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' }).status !== 0) return { skipped: 'apt-get is not available: install prometheus-alertmanager to get this row' };
  if (process.getuid?.() !== 0) return { skipped: 'not root: run `sudo apt-get install -y prometheus-alertmanager` to get this row' };
  log('installing prometheus-alertmanager with apt-get …');
  const r = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'prometheus-alertmanager'], { encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, timeout: 600_000 });
  if (r.status !== 0) return { skipped: `apt-get install prometheus-alertmanager failed: ${(r.stderr || r.stdout).trim().split('\n').pop()}` };
  return findBinary() ?? { skipped: 'prometheus-alertmanager installed but not on PATH' };
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The storm's valid events as Alertmanager alerts, on a timeline that ends now (AM runs on real time). */
export function toAlertmanagerAlerts(storm: Storm, now: number): { alerts: Record<string, unknown>[]; events: number } {
  const alerts: Record<string, unknown>[] = [];
  let events = 0;
  for (const e of storm.events) {
    if (e.kind === 'malformed') continue;
    const r = normalize(e.raw);
    if (!r.ok) continue;
    events++;
    for (const s of r.signals) {
      if (s.state === 'info') continue;
      const t = new Date(now - (storm.end - Date.parse(s.time))).toISOString();
      const level = s.level === 'critical' || s.level === 'high' ? 'critical' : 'warning';
      alerts.push({
        labels: { alertname: s.rule ?? s.title, service: s.labels.service ?? 'unknown', environment: s.labels.environment ?? 'prod', severity: level, resource: s.resourceArn, source: s.source },
        annotations: { summary: s.title },
        startsAt: t,
        ...(s.state === 'resolved' ? { endsAt: t } : {}),
      });
    }
  }
  return { alerts, events };
}

/**
 * Sends the same storm to Debian's prometheus-alertmanager over 127.0.0.1 with the equivalent
 * route (group_by service+environment, 30s/5m/4h), inhibit rule and silences, and counts what its
 * webhook receiver gets after one group_wait.
 */
export async function runAlertmanager(storm: Storm, log: (m: string) => void, batchSize = 1000): Promise<AlertmanagerRow> {
  const bin = ensureAlertmanager(log);
  if (typeof bin !== 'string') return { skipped: bin.skipped, alerts: 0, events: 0, seconds: 0, eventsPerS: 0, notifications: 0 };
  const version = spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0] ?? '';
  let notifications = 0;
  const hook: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      notifications++;
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
  const hookPort = (hook.address() as AddressInfo).port;
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'aiops-am-'));
  writeFileSync(
    join(dir, 'alertmanager.yml'),
    [
      'route:',
      '  receiver: hook',
      '  group_by: [service, environment]',
      '  group_wait: 30s',
      '  group_interval: 5m',
      '  repeat_interval: 4h',
      'receivers:',
      '  - name: hook',
      '    webhook_configs:',
      `      - url: http://127.0.0.1:${hookPort}/hook`,
      '        send_resolved: true',
      'inhibit_rules:',
      '  - source_matchers: [severity="critical"]',
      '    target_matchers: [severity="warning"]',
      '    equal: [service, environment]',
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(bin, [`--config.file=${join(dir, 'alertmanager.yml')}`, `--storage.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--cluster.listen-address=', '--log.level=warn'], { stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  try {
    let ready = false;
    for (let i = 0; i < 100 && !ready; i++) {
      try {
        ready = (await fetch(`${base}/-/ready`)).ok;
      } catch {
        await sleep(200);
      }
    }
    if (!ready) return { skipped: 'alertmanager did not become ready', alerts: 0, events: 0, seconds: 0, eventsPerS: 0, notifications: 0 };
    const now = Date.now();
    // The silenced service and the maintenance window (as a silence: AM has no virtual clock for mute_time_intervals).
    for (const svc of [storm.silencedService, storm.maintenance.service]) {
      await fetch(`${base}/api/v2/silences`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ matchers: [{ name: 'service', value: svc, isRegex: false, isEqual: true }], startsAt: new Date(now - 6 * 3_600_000).toISOString(), endsAt: new Date(now + 3_600_000).toISOString(), createdBy: 'bench', comment: 'bench' }) });
    }
    const { alerts, events } = toAlertmanagerAlerts(storm, now);
    log(`alertmanager: posting ${alerts.length} alerts (${events} events) in batches of ${batchSize} …`);
    const t0 = performance.now();
    for (let i = 0; i < alerts.length; i += batchSize) {
      const res = await fetch(`${base}/api/v2/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(alerts.slice(i, i + batchSize)) });
      if (!res.ok) throw new Error(`alertmanager rejected a batch: HTTP ${res.status} ${await res.text()}`);
    }
    const seconds = (performance.now() - t0) / 1000;
    log('alertmanager: waiting one group_wait (35 s real time) for its notifications …');
    await sleep(35_000);
    return { version, alerts: alerts.length, events, seconds, eventsPerS: events / seconds, notifications };
  } finally {
    if (child.pid) child.kill('SIGTERM');
    await new Promise<void>((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', () => r())));
    await new Promise<void>((r) => hook.close(() => r()));
    rmSync(dir, { recursive: true, force: true });
  }
}
