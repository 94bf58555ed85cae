import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTION_SPECS } from '../../ports/collections.js';
import { describeStoreContract } from '../../ports/store.contract.js';
import { collectionTableSpec, encodeIndexValue, encodeSortValue, storeTableSpecs } from './dynamodb-schema.js';
import { DynamoStore } from './dynamodb-store.js';
import { createStoreTables } from './dynamodb-tables.js';
import { startDynalite } from './testing/dynalite.js';

let dynalite: Awaited<ReturnType<typeof startDynalite>>;
let doc: DynamoDBDocumentClient;
let counter = 0;

beforeAll(async () => {
  dynalite = await startDynalite();
  doc = DynamoDBDocumentClient.from(dynalite.client, { marshallOptions: { removeUndefinedValues: true } });
});
afterAll(async () => {
  await dynalite.stop();
});

// Each test gets its own environment suffix, hence its own fresh set of tables.
describeStoreContract('DynamoStore on dynalite', async () => {
  const env = `t${++counter}`;
  await createStoreTables(dynalite.client, env);
  return { store: new DynamoStore({ env, client: doc }) };
});

describe('Function: dynamodb-schema', () => {
  it('declares one table per collection plus the audit log, with a GSI per index field', () => {
    const specs = storeTableSpecs('prod');
    expect(specs).toHaveLength(Object.keys(COLLECTION_SPECS).length + 1);
    expect(specs.map((s) => s.tableName)).toContain('automation-audit-log-prod');
    expect(collectionTableSpec(COLLECTION_SPECS.executionSteps, 'dev').tableName).toBe('aiops-execution-steps-dev');
    const alerts = collectionTableSpec(COLLECTION_SPECS.alerts, 'dev');
    expect(alerts.ttlAttribute).toBe('expiresAt');
    expect(alerts.gsis.map((g) => g.indexName)).toEqual(['bySort', 'by_status', 'by_incidentId', 'by_resourceArn']);
    for (const s of specs) expect(s.gsis.length).toBeLessThanOrEqual(20);
  });

  it.each([
    ['a', 's:a'],
    [1, 'n:1'],
    [true, 'b:true'],
    [undefined, undefined],
    [{}, undefined],
  ])('encodes index value %j as %j (type-tagged, so "1" and 1 differ)', (value, expected) => {
    expect(encodeIndexValue(value)).toBe(expected);
  });

  it('puts documents without a sort value before every real value', () => {
    expect(encodeSortValue(undefined) < encodeSortValue('')).toBe(true);
  });
});
