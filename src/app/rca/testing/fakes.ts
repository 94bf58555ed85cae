import { SteppingClock } from '../../../adapters/local/clocks.js';
import { MemoryStore } from '../../../adapters/memory/store.js';
import type { ActionCall, ActionResult, ChangeEvent, Cloud, ResourceRecord } from '../../../ports/cloud.js';
import type { LogEvent, LogQuery, Logs } from '../../../ports/logs.js';
import type { RcaScenario } from '../../../core/rca/loggen/scenarios.js';

/** Small in-memory fakes of the ports the RCA use case needs (tests only). */
export const manualClock = (startMs: number): SteppingClock => new SteppingClock(startMs);

/** RCA tests run on the product's in-memory Store adapter (it passes the Store contract). */
export function memoryStore(): MemoryStore {
  return new MemoryStore();
}

/** Logs and Cloud ports serving one generated scenario's log groups and CloudTrail changes. */
export function scenarioPorts(s: RcaScenario): { logs: Logs & { queries: LogQuery[] }; cloud: Cloud } {
  const queries: LogQuery[] = [];
  const logs = {
    queries,
    async filterLogEvents(q: LogQuery): Promise<LogEvent[]> {
      queries.push(q);
      const all = s.logs[q.logGroup] ?? [];
      const terms = q.filterPattern ? q.filterPattern.split(/\s+/).filter(Boolean) : [];
      const out = all.filter((e) => e.timestamp >= q.startMs && e.timestamp < q.endMs && terms.every((t) => e.message.includes(t)));
      return q.limit ? out.slice(0, q.limit) : out;
    },
    async logGroupsFor(arn: string): Promise<string[]> {
      return s.logGroupsByResource[arn] ?? [];
    },
  };
  const cloud: Cloud = {
    async listResources(): Promise<ResourceRecord[]> {
      return [];
    },
    async describe(): Promise<ResourceRecord | undefined> {
      return undefined;
    },
    async execute(a: ActionCall): Promise<ActionResult> {
      return { ok: false, call: a.call, target: a.target, error: 'read-only fake' };
    },
    async recentChanges(arn: string, sinceIso: string): Promise<ChangeEvent[]> {
      return s.changes.filter((c) => c.resourceArn === arn && c.time >= sinceIso).sort((a, b) => (a.time < b.time ? 1 : -1));
    },
  };
  return { logs, cloud };
}
