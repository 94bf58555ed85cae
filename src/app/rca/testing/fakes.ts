import type { ActionCall, ActionResult, ChangeEvent, Cloud, ResourceRecord } from '../../../ports/cloud.js';
import type { Clock } from '../../../ports/clock.js';
import type { CollectionName } from '../../../ports/collections.js';
import type { LogEvent, LogQuery, Logs } from '../../../ports/logs.js';
import type { AuditLog, AuditQuery, Collection, Doc, FindQuery, IndexValue, Store } from '../../../ports/store.js';
import { chainAuditRecord, type AuditFields, type AuditRecord } from '../../../core/remediation/audit.js';
import { NotFoundError } from '../../../core/shared/errors.js';
import { COLLECTION_SPECS } from '../../../ports/collections.js';
import type { RcaScenario } from '../../../core/rca/loggen/scenarios.js';

/** Small in-memory fakes of the ports the RCA use case needs (tests only). */
export function manualClock(startMs: number): Clock & { set(ms: number): void } {
  let now = startMs;
  return {
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
    set: (ms) => {
      now = ms;
    },
  };
}

class MemoryCollection<T extends Doc> implements Collection<T> {
  private readonly docs = new Map<string, T>();
  constructor(private readonly sortField: string) {}
  async get(id: string): Promise<T | undefined> {
    const d = this.docs.get(id);
    return d ? structuredClone(d) : undefined;
  }
  async create(doc: T): Promise<boolean> {
    if (this.docs.has(doc.id)) return false;
    this.docs.set(doc.id, structuredClone(doc));
    return true;
  }
  async put(doc: T): Promise<void> {
    this.docs.set(doc.id, structuredClone(doc));
  }
  async update(id: string, change: (current: T) => T): Promise<T> {
    const cur = this.docs.get(id);
    if (!cur) throw new NotFoundError('document', id);
    const next = change(structuredClone(cur));
    const stored = { ...next, version: (cur.version ?? 0) + 1 };
    this.docs.set(id, stored);
    return structuredClone(stored);
  }
  async find(q: FindQuery = {}): Promise<T[]> {
    const key = (d: T): string => String((d as unknown as Record<string, unknown>)[this.sortField] ?? '');
    let out = [...this.docs.values()].filter((d) => Object.entries(q.where ?? {}).every(([k, v]) => (d as unknown as Record<string, IndexValue>)[k] === v));
    if (q.since) out = out.filter((d) => key(d) >= (q.since as string));
    if (q.until) out = out.filter((d) => key(d) < (q.until as string));
    out.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    if (q.order === 'desc') out.reverse();
    return structuredClone(q.limit ? out.slice(0, q.limit) : out);
  }
  async count(where?: Record<string, IndexValue>): Promise<number> {
    return (await this.find(where ? { where } : {})).length;
  }
  async delete(id: string): Promise<void> {
    this.docs.delete(id);
  }
}

class MemoryAudit implements AuditLog {
  readonly records: AuditRecord[] = [];
  async append(fields: AuditFields): Promise<AuditRecord> {
    const r = chainAuditRecord(fields, this.records[this.records.length - 1]);
    this.records.push(r);
    return r;
  }
  async list(q: AuditQuery = {}): Promise<AuditRecord[]> {
    return this.records.filter((r) => (!q.executionId || r.executionId === q.executionId) && (!q.targetResource || r.targetResource === q.targetResource) && (!q.since || r.timestamp >= q.since) && (!q.until || r.timestamp < q.until));
  }
  async scan(fromSeq = 1, limit = 1000): Promise<AuditRecord[]> {
    return this.records.filter((r) => r.seq >= fromSeq).slice(0, limit);
  }
}

export function memoryStore(): Store & { audit: MemoryAudit } {
  const cols = new Map<string, MemoryCollection<Doc>>();
  const audit = new MemoryAudit();
  return {
    collection<T extends Doc>(name: CollectionName): Collection<T> {
      let c = cols.get(name);
      if (!c) {
        c = new MemoryCollection<Doc>(COLLECTION_SPECS[name].sortField);
        cols.set(name, c);
      }
      return c as unknown as Collection<T>;
    },
    audit,
    close: async () => undefined,
  };
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
