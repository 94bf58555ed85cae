import type { Signal } from '../../core/events/signal.js';
import type { Collection, Doc } from '../../ports/store.js';

export type IngestVia = 'api' | 'cli' | 'bus' | 'sandbox' | 'sqs';

/** A signal as stored in `signals`: written `pending` before any processing, `processed` after. */
export type StoredSignal = Signal & {
  status: 'pending' | 'processed';
  receivedAt: string;
  via?: IngestVia;
  alertId?: string;
  incidentId?: string;
  processedAt?: string;
};

/** Input that could not be normalized, kept with the reason so it can be fixed and replayed. */
export interface QuarantineRecord {
  id: string;
  status: 'pending' | 'replayed' | 'discarded';
  source?: string;
  field: string;
  reason: string;
  raw: unknown;
  receivedAt: string;
  via?: IngestVia;
  /** How many times the same payload arrived. */
  deliveries: number;
  replayedAt?: string;
  replayedSignalIds?: string[];
  version?: number;
}

export interface IngestResult {
  status: 'accepted' | 'duplicate' | 'quarantined';
  signalIds: string[];
  alertIds: string[];
  incidentIds: string[];
  error?: { field: string; reason: string };
}

/**
 * Optional store capability: run a unit of work in one durable commit (SQLite BEGIN/COMMIT). When
 * the store offers it, ingestBatch commits each batch once before acknowledging it — far fewer
 * fsync-bound commits, and still nothing acknowledged that is not durable.
 */
export interface TransactionalStore {
  transaction<T>(fn: () => Promise<T>): Promise<T>;
}

export function transactionOf(store: object): TransactionalStore['transaction'] | undefined {
  const t = (store as Partial<TransactionalStore>).transaction;
  return typeof t === 'function' ? t.bind(store) : undefined;
}

/** Bulk idempotent create through the store's `createMany` when it has one, else one create per doc. */
export async function createAll<T extends Doc>(collection: Collection<T>, docs: T[]): Promise<boolean[]> {
  if (collection.createMany) return collection.createMany(docs);
  const out: boolean[] = [];
  for (const d of docs) out.push(await collection.create(d));
  return out;
}

/**
 * Optional store capability (the SQLite store): a durable inbox of raw payloads. The `defer`
 * accept path appends to it after a cheap structural check and acknowledges; `processPending`
 * normalizes, validates, quarantines or processes each entry and removes it in the same commit,
 * so a crash between accept and processing loses nothing and processes nothing twice.
 */
export interface InboxStore {
  inboxAppend(entries: readonly { key: string; raw: string; text: boolean; via?: string | undefined; receivedAt: string }[]): Promise<boolean[]>;
  inboxTake(limit: number): Promise<{ seq: number; key: string; raw: string; text: boolean; via?: string | undefined; receivedAt: string; deliveries: number }[]>;
  inboxDelete(seqs: readonly number[]): Promise<void>;
}

export function inboxOf(store: object): InboxStore | undefined {
  const s = store as Partial<InboxStore>;
  return typeof s.inboxAppend === 'function' && typeof s.inboxTake === 'function' && typeof s.inboxDelete === 'function' ? (s as InboxStore) : undefined;
}
