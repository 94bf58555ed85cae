import type { Signal } from '../../core/events/signal.js';

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
