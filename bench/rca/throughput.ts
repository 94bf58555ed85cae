import type { LogEvent } from '../../src/ports/logs.js';
import { generateLogs } from '../../src/core/rca/loggen/generate.js';
import { SHOP } from '../../src/core/rca/loggen/scenarios.js';
import { parseLogEvents } from '../../src/core/rca/logs/events.js';
import { WindowMiner } from '../../src/core/rca/logs/mine.js';

const MIN = 60_000;
/** Minutes generated per block: small blocks keep the resident set small. */
const BLOCK_MIN = 5;
const RESOURCES = [SHOP.checkout, SHOP.ordersApi, SHOP.ordersDb, SHOP.web];
const KINDS = ['bad-deploy', 'oom', 'db-failover', 'throttling'];

/**
 * Generates `lines` log lines (JSON, Spring text with stack traces, PostgreSQL, plain text) for
 * four services over one hour (faults in the second half), in five-minute blocks held in memory as
 * the use case holds what the Logs port returns, and measures decoding + template mining only,
 * page by page (10 000 events, as the port pages); generation is outside the timed sections.
 * Reports wall-clock and CPU-time throughput: on a shared machine the CPU-time figure is the
 * single-core capacity; wall-clock includes time stolen by other processes.
 */
export function measureThroughput(lines: number, seed = 1): { lines: number; templates: number; wallMs: number; cpuMs: number; linesPerSecWall: number; linesPerSecCpu: number } {
  const perMinute = Math.ceil(lines / 60 / RESOURCES.length);
  const t0 = Date.parse('2026-11-23T11:00:00Z');
  const block = (from: number): LogEvent[] =>
    RESOURCES.flatMap((arn, i) => generateLogs({ service: `svc-${i}`, resourceArn: arn, fromMs: t0 + from * MIN, toMs: t0 + (from + BLOCK_MIN) * MIN, ratePerMinute: perMinute, seed: seed * 100 + from, faults: [{ kind: KINDS[i] as string, startMs: t0 + 30 * MIN, endMs: t0 + 60 * MIN }] })).sort((a, b) => a.timestamp - b.timestamp);
  // Warm-up on a separate miner so the JIT has compiled the hot paths before timing.
  const warm = new WindowMiner({ startMs: 0, endMs: 1 }, { startMs: 1, endMs: Number.MAX_SAFE_INTEGER });
  warm.add(parseLogEvents(block(0).slice(0, 20_000)));
  const miner = new WindowMiner({ startMs: t0, endMs: t0 + 30 * MIN }, { startMs: t0 + 30 * MIN, endMs: t0 + 60 * MIN });
  let total = 0;
  let wallMs = 0;
  let cpuUs = 0;
  for (let from = 0; from < 60; from += BLOCK_MIN) {
    const events = block(from);
    const c0 = process.cpuUsage();
    const w0 = performance.now();
    for (let i = 0; i < events.length; i += 10_000) miner.add(parseLogEvents(events.slice(i, i + 10_000)));
    wallMs += performance.now() - w0;
    const c = process.cpuUsage(c0);
    cpuUs += c.user + c.system;
    total += events.length;
  }
  const result = miner.result();
  return { lines: total, templates: result.templates.length, wallMs, cpuMs: cpuUs / 1000, linesPerSecWall: total / (wallMs / 1000), linesPerSecCpu: total / (cpuUs / 1e6) };
}
