import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { chainAuditRecord, type AuditFields, type AuditRecord } from '../../core/remediation/audit.js';
import { ConflictError, NotFoundError } from '../../core/shared/errors.js';
import { COLLECTION_SPECS, type CollectionName, type CollectionSpec } from '../../ports/collections.js';
import type { AuditLog, AuditQuery, Collection, Doc, FindQuery, IndexValue, Store } from '../../ports/store.js';
import {
  ALL_ATTRIBUTE,
  AUDIT_BY_SEQ_INDEX,
  AUDIT_KEY,
  AUDIT_LOG_ATTRIBUTE,
  BY_SORT_INDEX,
  SORT_ATTRIBUTE,
  SORT_PRESENT_PREFIX,
  auditTableName,
  collectionTableName,
  encodeIndexValue,
  encodeSortValue,
  indexAttribute,
  indexName,
} from './dynamodb-schema.js';

/** Either an injected DocumentClient or the config to build one — never both. */
export type DynamoStoreOptions = {
  /** Environment suffix of the table names (`dev`, `staging`, `prod`). */
  env: string;
  /** Override table naming (tests, custom prefixes). */
  tableName?: (collection: CollectionName | 'audit') => string;
  /** How often a lost optimistic-concurrency race is retried before ConflictError. */
  maxUpdateAttempts?: number;
} & ({ client: DynamoDBDocumentClient; clientConfig?: never } | { clientConfig: DynamoDBClientConfig; client?: never });

const SHADOW_PREFIXES = ['_ix_'];
const SHADOW_ATTRIBUTES = new Set([ALL_ATTRIBUTE, SORT_ATTRIBUTE, AUDIT_LOG_ATTRIBUTE]);
const AUDIT_PARTITION = 'audit';

const isConditionFailure = (err: unknown): boolean => (err as { name?: string } | undefined)?.name === 'ConditionalCheckFailedException';

function stripShadow<T>(item: Record<string, unknown>): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) if (!SHADOW_ATTRIBUTES.has(k) && !SHADOW_PREFIXES.some((p) => k.startsWith(p))) out[k] = v;
  return out as T;
}

/** Runs paginated queries, keeping at most `limit` items that pass `keep`. */
async function queryAll(client: DynamoDBDocumentClient, input: QueryCommandInput, limit?: number, keep: (item: Record<string, unknown>) => boolean = () => true): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new QueryCommand({ ...input, ...(startKey ? { ExclusiveStartKey: startKey } : {}) }));
    for (const item of page.Items ?? []) {
      if (!keep(item)) continue;
      out.push(item);
      if (limit !== undefined && out.length >= limit) return out;
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return out;
}

class DynamoCollection<T extends Doc> implements Collection<T> {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly spec: CollectionSpec,
    private readonly maxAttempts: number,
  ) {}

  private toItem(doc: T): Record<string, unknown> {
    const fields = doc as unknown as Record<string, unknown>;
    const item: Record<string, unknown> = { ...fields, [ALL_ATTRIBUTE]: this.spec.name, [SORT_ATTRIBUTE]: encodeSortValue(fields[this.spec.sortField]) };
    for (const field of this.spec.indexes) {
      const encoded = encodeIndexValue(fields[field]);
      if (encoded !== undefined) item[indexAttribute(field)] = encoded;
    }
    return item;
  }

  async get(id: string): Promise<T | undefined> {
    const res = await this.client.send(new GetCommand({ TableName: this.table, Key: { id }, ConsistentRead: true }));
    return res.Item ? stripShadow<T>(res.Item) : undefined;
  }

  async create(doc: T): Promise<boolean> {
    try {
      await this.client.send(new PutCommand({ TableName: this.table, Item: this.toItem(doc), ConditionExpression: 'attribute_not_exists(id)' }));
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  }

  /** DynamoDB's BatchWriteItem cannot be conditional: one conditional put per doc, in order. */
  async createMany(docs: T[]): Promise<boolean[]> {
    const out: boolean[] = [];
    for (const doc of docs) out.push(await this.create(doc));
    return out;
  }

  async put(doc: T): Promise<void> {
    await this.client.send(new PutCommand({ TableName: this.table, Item: this.toItem(doc) }));
  }

  async update(id: string, change: (current: T) => T): Promise<T> {
    for (let attempt = 0; attempt < this.maxAttempts; attempt++) {
      const current = await this.get(id);
      if (!current) throw new NotFoundError(this.spec.name, id);
      const expected = current.version;
      const next = { ...change(structuredClone(current)), id, version: (expected ?? 0) + 1 } as T;
      try {
        await this.client.send(
          new PutCommand({
            TableName: this.table,
            Item: this.toItem(next),
            ConditionExpression: expected === undefined ? 'attribute_exists(id) AND attribute_not_exists(#v)' : '#v = :v',
            ExpressionAttributeNames: { '#v': 'version' },
            ...(expected === undefined ? {} : { ExpressionAttributeValues: { ':v': expected } }),
          }),
        );
        return next;
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
        // Another writer won: read again and re-apply the (pure) change.
      }
    }
    throw new ConflictError(`${this.spec.name} ${id}: update lost ${this.maxAttempts} concurrency races`);
  }

  private buildQuery(query: FindQuery): { input: QueryCommandInput; keep: (item: Record<string, unknown>) => boolean } {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const where = Object.entries(query.where ?? {});
    const indexed = where.find(([field]) => this.spec.indexes.includes(field));
    let index: string;
    if (indexed) {
      index = indexName(indexed[0]);
      names['#pk'] = indexAttribute(indexed[0]);
      values[':pk'] = encodeIndexValue(indexed[1]);
    } else {
      index = BY_SORT_INDEX;
      names['#pk'] = ALL_ATTRIBUTE;
      values[':pk'] = this.spec.name;
    }
    let keyCondition = '#pk = :pk';
    const lo = `${SORT_PRESENT_PREFIX}${query.since ?? ''}`;
    const hi = query.until !== undefined ? `${SORT_PRESENT_PREFIX}${query.until}` : undefined;
    if (hi !== undefined || query.since !== undefined) names['#s'] = SORT_ATTRIBUTE;
    if (hi !== undefined) {
      // BETWEEN is inclusive; the exclusive upper bound is enforced by `keep` below.
      keyCondition += ' AND #s BETWEEN :lo AND :hi';
      values[':lo'] = lo;
      values[':hi'] = hi;
    } else if (query.since !== undefined) {
      keyCondition += ' AND #s >= :lo';
      values[':lo'] = lo;
    }
    const filters: string[] = [];
    where.forEach(([field, value], i) => {
      if (indexed && field === indexed[0]) return;
      names[`#f${i}`] = field;
      values[`:f${i}`] = value;
      filters.push(`#f${i} = :f${i}`);
    });
    return {
      input: {
        TableName: this.table,
        IndexName: index,
        KeyConditionExpression: keyCondition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ScanIndexForward: query.order !== 'desc',
        ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
      },
      keep: (item) => hi === undefined || String(item[SORT_ATTRIBUTE]) < hi,
    };
  }

  async find(query: FindQuery = {}): Promise<T[]> {
    // An empty range: DynamoDB rejects BETWEEN with bounds in the wrong order.
    if (query.since !== undefined && query.until !== undefined && query.since >= query.until) return [];
    const { input, keep } = this.buildQuery(query);
    return (await queryAll(this.client, input, query.limit, keep)).map((item) => stripShadow<T>(item));
  }

  async count(where?: Record<string, IndexValue>): Promise<number> {
    const { input } = this.buildQuery(where ? { where } : {});
    let total = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(new QueryCommand({ ...input, Select: 'COUNT', ...(startKey ? { ExclusiveStartKey: startKey } : {}) }));
      total += page.Count ?? 0;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return total;
  }

  async delete(id: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.table, Key: { id } }));
  }
}

/**
 * The AutomationAuditLog on a table keyed by `seq`. A record is written with
 * `attribute_not_exists(seq)`, so two writers can never both claim the same number: the loser
 * re-reads the head and chains onto the winner. Records are never updated or deleted.
 */
class DynamoAuditLog implements AuditLog {
  private head: AuditRecord | undefined;
  private headKnown = false;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  private async getSeq(seq: number): Promise<AuditRecord | undefined> {
    const res = await this.client.send(new GetCommand({ TableName: this.table, Key: { [AUDIT_KEY]: seq }, ConsistentRead: true }));
    return res.Item ? stripShadow<AuditRecord>(res.Item) : undefined;
  }

  /** The newest record: the GSI gives a hint (it may lag), consistent reads walk forward from it. */
  private async latest(): Promise<AuditRecord | undefined> {
    if (!this.headKnown) {
      const [hint] = await queryAll(this.client, { TableName: this.table, IndexName: AUDIT_BY_SEQ_INDEX, KeyConditionExpression: '#l = :l', ExpressionAttributeNames: { '#l': AUDIT_LOG_ATTRIBUTE }, ExpressionAttributeValues: { ':l': AUDIT_PARTITION }, ScanIndexForward: false, Limit: 1 }, 1);
      this.head = hint ? stripShadow<AuditRecord>(hint) : undefined;
      this.headKnown = true;
    }
    for (;;) {
      const next = await this.getSeq((this.head?.seq ?? 0) + 1);
      if (!next) return this.head;
      this.head = next;
    }
  }

  append(fields: AuditFields): Promise<AuditRecord> {
    // Appends from one process are serialized; conditional writes settle races between processes.
    const run = this.queue.then(() => this.appendNow(fields));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async appendNow(fields: AuditFields): Promise<AuditRecord> {
    for (;;) {
      const record = chainAuditRecord(fields, await this.latest());
      try {
        await this.client.send(new PutCommand({ TableName: this.table, Item: { ...record, [AUDIT_LOG_ATTRIBUTE]: AUDIT_PARTITION }, ConditionExpression: 'attribute_not_exists(#k)', ExpressionAttributeNames: { '#k': AUDIT_KEY } }));
        this.head = record;
        return record;
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
      }
    }
  }

  private bySeq(fromSeq: number): QueryCommandInput {
    return {
      TableName: this.table,
      IndexName: AUDIT_BY_SEQ_INDEX,
      KeyConditionExpression: '#l = :l AND #k >= :from',
      ExpressionAttributeNames: { '#l': AUDIT_LOG_ATTRIBUTE, '#k': AUDIT_KEY },
      ExpressionAttributeValues: { ':l': AUDIT_PARTITION, ':from': fromSeq },
      ScanIndexForward: true,
    };
  }

  async list(query: AuditQuery = {}): Promise<AuditRecord[]> {
    const input = this.bySeq(query.fromSeq ?? 1);
    const filters: string[] = [];
    const names = input.ExpressionAttributeNames as Record<string, string>;
    const values = input.ExpressionAttributeValues as Record<string, unknown>;
    for (const field of ['executionId', 'runbook', 'targetResource', 'outcome'] as const) {
      if (query[field] === undefined) continue;
      names[`#${field}`] = field;
      values[`:${field}`] = query[field];
      filters.push(`#${field} = :${field}`);
    }
    if (query.since !== undefined || query.until !== undefined) names['#ts'] = 'timestamp';
    if (query.since !== undefined) {
      values[':since'] = query.since;
      filters.push('#ts >= :since');
    }
    if (query.until !== undefined) {
      values[':until'] = query.until;
      filters.push('#ts < :until');
    }
    if (filters.length) input.FilterExpression = filters.join(' AND ');
    return (await queryAll(this.client, input, query.limit)).map((i) => stripShadow<AuditRecord>(i));
  }

  async scan(fromSeq = 1, limit?: number): Promise<AuditRecord[]> {
    return (await queryAll(this.client, this.bySeq(fromSeq), limit)).map((i) => stripShadow<AuditRecord>(i));
  }
}

/**
 * Store on DynamoDB: one table per collection (pk `id`, a GSI per index field ranged on the sort
 * field, TTL where declared) and the AutomationAuditLog table. Layout: `dynamodb-schema.ts`.
 *
 * @example
 * const store = new DynamoStore({ env: process.env.AIOPS_ENV ?? 'dev', clientConfig: {} });
 */
export class DynamoStore implements Store {
  private readonly client: DynamoDBDocumentClient;
  private readonly owned: boolean;
  private readonly collections = new Map<CollectionName, Collection<Doc>>();
  private readonly tableName: (c: CollectionName | 'audit') => string;
  private readonly maxAttempts: number;
  readonly audit: AuditLog;

  constructor(options: DynamoStoreOptions) {
    this.owned = !options.client;
    this.client = options.client ?? DynamoDBDocumentClient.from(new DynamoDBClient(options.clientConfig ?? {}), { marshallOptions: { removeUndefinedValues: true } });
    this.tableName = options.tableName ?? ((c) => (c === 'audit' ? auditTableName(options.env) : collectionTableName(c, options.env)));
    this.maxAttempts = options.maxUpdateAttempts ?? 50;
    this.audit = new DynamoAuditLog(this.client, this.tableName('audit'));
  }

  collection<T extends Doc>(name: CollectionName): Collection<T> {
    let c = this.collections.get(name);
    if (!c) {
      c = new DynamoCollection<Doc>(this.client, this.tableName(name), COLLECTION_SPECS[name], this.maxAttempts);
      this.collections.set(name, c);
    }
    return c as unknown as Collection<T>;
  }

  async close(): Promise<void> {
    if (this.owned) this.client.destroy();
  }
}
