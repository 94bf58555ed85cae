/**
 * The store's collections, declared once so every adapter (SQLite tables, DynamoDB tables with
 * GSIs, in-memory maps) creates the same ones. `indexes` are top-level fields that `find` may
 * filter on with equality; `sortField` orders results and bounds `since`/`until` queries.
 */
export interface CollectionSpec {
  name: string;
  indexes: readonly string[];
  sortField: string;
  /** Optional field with an epoch-seconds expiry (DynamoDB TTL; swept locally). */
  ttlField?: string;
}

const spec = (name: string, indexes: string[], sortField: string, ttlField?: string): CollectionSpec => ({ name, indexes, sortField, ...(ttlField ? { ttlField } : {}) });

export const COLLECTION_SPECS = {
  signals: spec('signals', ['status', 'source', 'resourceArn'], 'time'),
  quarantine: spec('quarantine', ['status', 'source'], 'receivedAt'),
  alerts: spec('alerts', ['status', 'incidentId', 'resourceArn'], 'lastSeen', 'expiresAt'),
  incidents: spec('incidents', ['status', 'severity', 'service'], 'openedAt'),
  executions: spec('executions', ['status', 'incidentId', 'idempotencyKey', 'runbookId', 'targetResource'], 'startedAt'),
  executionSteps: spec('executionSteps', ['executionId'], 'at'),
  approvals: spec('approvals', ['status', 'executionId'], 'requestedAt'),
  notifications: spec('notifications', ['incidentId', 'receiver', 'status'], 'at'),
  findings: spec('findings', ['status', 'checkId', 'severity', 'resourceArn'], 'lastSeen'),
  recommendations: spec('recommendations', ['status', 'ruleId', 'resourceArn'], 'createdAt'),
  detectorState: spec('detectorState', ['detector', 'metricKey'], 'updatedAt'),
  anomalies: spec('anomalies', ['metricKey', 'resourceArn'], 'time'),
  silences: spec('silences', ['status'], 'startsAt'),
  slos: spec('slos', ['service'], 'updatedAt'),
  sloHistory: spec('sloHistory', ['sloId'], 'at'),
  feedback: spec('feedback', ['targetId', 'rule'], 'at'),
  postmortems: spec('postmortems', ['incidentId', 'status'], 'createdAt'),
  reports: spec('reports', ['kind'], 'createdAt'),
  settings: spec('settings', [], 'updatedAt'),
  users: spec('users', ['role'], 'createdAt'),
} as const satisfies Record<string, CollectionSpec>;

export type CollectionName = keyof typeof COLLECTION_SPECS;
