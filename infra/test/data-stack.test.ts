import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { storeTableSpecs } from '../../src/adapters/aws/dynamodb-schema.js';
import { COLLECTION_SPECS } from '../../src/ports/collections.js';
import { buildStacks, testConfig } from './helpers.js';

describe('Stack: DataStack', () => {
  let template: Template;
  beforeAll(() => {
    template = Template.fromStack(buildStacks(testConfig('prod')).stacks.data);
  });

  it('creates one table per collection, the AutomationAuditLog and the idempotency table', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', Object.keys(COLLECTION_SPECS).length + 2);
    template.hasResourceProperties('AWS::DynamoDB::Table', { TableName: 'automation-audit-log-prod', KeySchema: [{ AttributeName: 'seq', KeyType: 'HASH' }] });
    template.hasResourceProperties('AWS::DynamoDB::Table', { TableName: 'aiops-idempotency-prod', TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true } });
  });

  it('makes every table on-demand, encrypted, point-in-time recoverable and retained', () => {
    const tables = template.findResources('AWS::DynamoDB::Table');
    for (const [id, t] of Object.entries(tables)) {
      expect(t.Properties.BillingMode, id).toBe('PAY_PER_REQUEST');
      expect(t.Properties.PointInTimeRecoverySpecification, id).toEqual({ PointInTimeRecoveryEnabled: true });
      expect(t.Properties.SSESpecification, id).toEqual({ SSEEnabled: true });
      expect(t.DeletionPolicy, id).toBe('Retain');
      expect(t.Properties.DeletionProtectionEnabled, id).toBe(true);
    }
  });

  it.each(storeTableSpecs('prod').map((s) => [s.tableName, s] as const))('declares %s exactly as the shared schema says (GSIs, TTL)', (_name, spec) => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: spec.tableName,
      GlobalSecondaryIndexes: spec.gsis.map((g) => Match.objectLike({ IndexName: g.indexName, KeySchema: [{ AttributeName: g.partitionKey, KeyType: 'HASH' }, { AttributeName: g.sortKey, KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } })),
      ...(spec.ttlAttribute ? { TimeToLiveSpecification: { AttributeName: spec.ttlAttribute, Enabled: true } } : {}),
    });
  });

  it('lets a dev environment delete its data with the stack', () => {
    const dev = Template.fromStack(buildStacks(testConfig('dev')).stacks.data);
    for (const t of Object.values(dev.findResources('AWS::DynamoDB::Table'))) expect(t.DeletionPolicy).toBe('Delete');
  });
});
