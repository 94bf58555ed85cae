import { CreateTableCommand, DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { keyAttributeType, storeTableSpecs, type TableSpec } from './dynamodb-schema.js';

/** CreateTable input for one spec: the same shape the CDK DataStack deploys (on-demand, GSIs projecting ALL). */
export function createTableInput(spec: TableSpec) {
  const attributes = new Map<string, 'S' | 'N'>([[spec.partitionKey.name, spec.partitionKey.type]]);
  for (const g of spec.gsis) {
    attributes.set(g.partitionKey, keyAttributeType(g.partitionKey));
    attributes.set(g.sortKey, keyAttributeType(g.sortKey));
  }
  return {
    TableName: spec.tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: [...attributes].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType })),
    KeySchema: [{ AttributeName: spec.partitionKey.name, KeyType: 'HASH' as const }],
    ...(spec.gsis.length
      ? {
          GlobalSecondaryIndexes: spec.gsis.map((g) => ({
            IndexName: g.indexName,
            KeySchema: [
              { AttributeName: g.partitionKey, KeyType: 'HASH' as const },
              { AttributeName: g.sortKey, KeyType: 'RANGE' as const },
            ],
            Projection: { ProjectionType: 'ALL' as const },
          })),
        }
      : {}),
  };
}

/**
 * Creates every Store table for `env` and waits until they are ACTIVE. For local DynamoDB
 * emulators and tests; real accounts get their tables from the CDK DataStack.
 */
export async function createStoreTables(client: DynamoDBClient, env: string, maxPolls = 10_000): Promise<string[]> {
  const specs = storeTableSpecs(env);
  await Promise.all(specs.map((s) => client.send(new CreateTableCommand(createTableInput(s)))));
  for (const s of specs) {
    for (let i = 0; ; i++) {
      const d = await client.send(new DescribeTableCommand({ TableName: s.tableName }));
      if (d.Table?.TableStatus === 'ACTIVE') break;
      if (i >= maxPolls) throw new Error(`table ${s.tableName} did not become ACTIVE`);
      await new Promise((r) => setImmediate(r));
    }
  }
  return specs.map((s) => s.tableName);
}
