import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { ManualClock } from '../../src/adapters/local/clocks.js';
import { createLocalPlatform } from '../../src/app/platform.js';
import { buildServer } from '../../src/server/server.js';

export interface HttpRow {
  skipped?: string;
  url?: string;
  events: number;
  requests: number;
  batch: number;
  seconds: number;
  eventsPerS: number;
  accepted: number;
  duplicate: number;
  quarantined: number;
}

interface BatchResponse {
  accepted: number;
  duplicate: number;
  quarantined: number;
}

/**
 * POSTs the storm to a batch ingest endpoint in the documented shape (`{ events: [...] }`, one
 * request at a time, each acknowledged only after its commit) and measures events/s end to end.
 */
export async function postStorm(url: string, raws: readonly unknown[], headers: Record<string, string> = {}, batch = 500): Promise<HttpRow> {
  let accepted = 0;
  let duplicate = 0;
  let quarantined = 0;
  let requests = 0;
  const t0 = performance.now();
  for (let i = 0; i < raws.length; i += batch) {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ events: raws.slice(i, i + batch) }) });
    requests++;
    if (res.status !== 200) throw new Error(`HTTP ingest failed: ${res.status} ${(await res.text()).slice(0, 300)}`);
    const r = (await res.json()) as BatchResponse;
    accepted += r.accepted;
    duplicate += r.duplicate;
    quarantined += r.quarantined;
  }
  const seconds = (performance.now() - t0) / 1000;
  return { url, events: raws.length, requests, batch, seconds, eventsPerS: raws.length / seconds, accepted, duplicate, quarantined };
}

/**
 * The HTTP row with the product's own server: a local platform (SQLite, outbox bus, the sandbox
 * inventory for enrichment, no feature modules) on a manual clock, `buildServer` listening on
 * 127.0.0.1, and an operator token, exactly as `aiops start` serves `/api/v1/signals/batch`.
 */
export async function runHttpRow(raws: readonly unknown[], start: number, log: (m: string) => void, batch = 500): Promise<HttpRow> {
  const dataDir = mkdtempSync(join(tmpdir(), 'aiops-bench-http-'));
  const platform = await createLocalPlatform({ dataDir, clock: new ManualClock(start), features: [] });
  await platform.start();
  const app = await buildServer(platform);
  try {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    const token = await platform.auth.create('bench', 'operator', 'bench');
    const url = `http://127.0.0.1:${port}/api/v1/signals/batch`;
    log(`http: posting ${raws.length} events to ${url} in batches of ${batch}`);
    return await postStorm(url, raws, { authorization: `Bearer ${token}` }, batch);
  } finally {
    await app.close();
    await platform.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
