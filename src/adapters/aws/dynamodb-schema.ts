import { COLLECTION_SPECS, type CollectionName, type CollectionSpec } from '../../ports/collections.js';

/**
 * The DynamoDB layout of the Store, derived from COLLECTION_SPECS. The CDK DataStack, the test
 * helper that creates tables in dynalite and the DynamoDB Store all read this one description,
 * so table names, key attributes and GSIs cannot drift apart. No SDK import here: CDK loads it.
 *
 * Index and sort values are copied into string "shadow" attributes because a GSI key attribute
 * has one fixed type, while documents may hold strings, numbers or booleans in an index field.
 */
export const PARTITION_KEY = 'id';
/** Constant partition of the `bySort` GSI: lets `find` without `where` read in sort order. */
export const ALL_ATTRIBUTE = '_all';
export const SORT_ATTRIBUTE = '_sort';
export const BY_SORT_INDEX = 'bySort';
export const AUDIT_KEY = 'seq';
export const AUDIT_LOG_ATTRIBUTE = '_log';
export const AUDIT_BY_SEQ_INDEX = 'bySeq';

export const indexAttribute = (field: string): string => `_ix_${field}`;
export const indexName = (field: string): string => `by_${field}`;

/** Encodes an index value with its type so `"1"`, `1` and `true` never collide. */
export function encodeIndexValue(value: unknown): string | undefined {
  if (typeof value === 'string') return `s:${value}`;
  if (typeof value === 'number' && Number.isFinite(value)) return `n:${value}`;
  if (typeof value === 'boolean') return `b:${value}`;
  return undefined;
}

/** Sort values are prefixed so that a document without a sort value sorts first and is excluded from ranges. */
export const SORT_PRESENT_PREFIX = 'v#';
export const SORT_MISSING = '-';
export const encodeSortValue = (value: unknown): string => (value === undefined || value === null ? SORT_MISSING : `${SORT_PRESENT_PREFIX}${String(value)}`);

export interface GsiSpec {
  indexName: string;
  partitionKey: string;
  sortKey: string;
}

export interface TableSpec {
  /** Logical id for CDK (PascalCase). */
  logicalId: string;
  tableName: string;
  partitionKey: { name: string; type: 'S' | 'N' };
  gsis: GsiSpec[];
  ttlAttribute?: string;
}

const kebab = (name: string): string => name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
const pascal = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);

export const collectionTableName = (collection: string, env: string): string => `aiops-${kebab(collection)}-${env}`;
export const auditTableName = (env: string): string => `automation-audit-log-${env}`;
export const idempotencyTableName = (env: string): string => `aiops-idempotency-${env}`;

export function collectionTableSpec(spec: CollectionSpec, env: string): TableSpec {
  return {
    logicalId: `${pascal(spec.name)}Table`,
    tableName: collectionTableName(spec.name, env),
    partitionKey: { name: PARTITION_KEY, type: 'S' },
    gsis: [
      { indexName: BY_SORT_INDEX, partitionKey: ALL_ATTRIBUTE, sortKey: SORT_ATTRIBUTE },
      ...spec.indexes.map((field) => ({ indexName: indexName(field), partitionKey: indexAttribute(field), sortKey: SORT_ATTRIBUTE })),
    ],
    ...(spec.ttlField ? { ttlAttribute: spec.ttlField } : {}),
  };
}

/** The AutomationAuditLog: keyed by sequence number, written with attribute_not_exists(seq). */
export function auditTableSpec(env: string): TableSpec {
  return {
    logicalId: 'AutomationAuditLogTable',
    tableName: auditTableName(env),
    partitionKey: { name: AUDIT_KEY, type: 'N' },
    gsis: [{ indexName: AUDIT_BY_SEQ_INDEX, partitionKey: AUDIT_LOG_ATTRIBUTE, sortKey: AUDIT_KEY }],
  };
}

/** Every Store table for one environment: one per collection plus the audit log. */
export function storeTableSpecs(env: string): TableSpec[] {
  return [...(Object.keys(COLLECTION_SPECS) as CollectionName[]).map((n) => collectionTableSpec(COLLECTION_SPECS[n], env)), auditTableSpec(env)];
}

/** The attribute type of a key attribute: the audit sequence is a number, every shadow key a string. */
export const keyAttributeType = (name: string): 'S' | 'N' => (name === AUDIT_KEY ? 'N' : 'S');
