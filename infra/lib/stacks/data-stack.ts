import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { idempotencyTableName, keyAttributeType, storeTableSpecs } from '../../../src/adapters/aws/dynamodb-schema.js';
import type { EnvConfig } from '../config.js';
import { acknowledge, iam5 } from '../constructs/nag.js';

export interface DataStackProps extends StackProps {
  config: EnvConfig;
}

const attrType = (t: 'S' | 'N') => (t === 'N' ? dynamodb.AttributeType.NUMBER : dynamodb.AttributeType.STRING);

/**
 * The Store's DynamoDB tables, generated from the same COLLECTION_SPECS the DynamoDB Store and
 * its dynalite tests read (`storeTableSpecs`), plus the AutomationAuditLog and the Powertools
 * idempotency table. On-demand, point-in-time recovery, encrypted, retained unless the env says otherwise.
 */
export class DataStack extends Stack {
  readonly tables: dynamodb.Table[] = [];
  readonly auditTable: dynamodb.Table;
  readonly idempotencyTable: dynamodb.Table;
  private readonly envName: string;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.envName = config.env;
    const removalPolicy = config.destroyDataOnDelete ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;
    const base = {
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      deletionProtection: config.env === 'prod',
      removalPolicy,
    };
    let audit: dynamodb.Table | undefined;
    for (const spec of storeTableSpecs(config.env)) {
      const table = new dynamodb.Table(this, spec.logicalId, {
        ...base,
        tableName: spec.tableName,
        partitionKey: { name: spec.partitionKey.name, type: attrType(spec.partitionKey.type) },
        ...(spec.ttlAttribute ? { timeToLiveAttribute: spec.ttlAttribute } : {}),
      });
      for (const g of spec.gsis) {
        table.addGlobalSecondaryIndex({
          indexName: g.indexName,
          partitionKey: { name: g.partitionKey, type: attrType(keyAttributeType(g.partitionKey)) },
          sortKey: { name: g.sortKey, type: attrType(keyAttributeType(g.sortKey)) },
          projectionType: dynamodb.ProjectionType.ALL,
        });
      }
      this.tables.push(table);
      if (spec.logicalId === 'AutomationAuditLogTable') audit = table;
    }
    if (!audit) throw new Error('storeTableSpecs must declare the AutomationAuditLog table');
    this.auditTable = audit;
    // Powertools Idempotency's default attribute names: `id` key, `expiration` TTL.
    this.idempotencyTable = new dynamodb.Table(this, 'IdempotencyTable', {
      ...base,
      tableName: idempotencyTableName(config.env),
      partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
      timeToLiveAttribute: 'expiration',
    });
    acknowledge(this, 'Point-in-time recovery (35 days) is the backup mechanism for these tables; an AWS Backup plan is an account-level choice documented in docs/deploy.md.', 'AwsSolutions-DDB4');
  }

  /**
   * Grants a role the Store's data-plane actions on this environment's tables and their indexes.
   * One statement with a name pattern instead of a statement per table keeps the role policy
   * well under IAM's 10 KB inline limit (twenty-two tables would exceed it).
   */
  grantStore(grantee: iam.IGrantable, mode: 'read' | 'readWrite' = 'readWrite'): void {
    const read = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:DescribeTable', 'dynamodb:ConditionCheckItem'];
    const write = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
    const tableArn = (name: string) => this.formatArn({ service: 'dynamodb', resource: 'table', resourceName: name });
    const names = [`aiops-*-${this.envName}`, `automation-audit-log-${this.envName}`];
    const statement = new iam.PolicyStatement({
      actions: mode === 'read' ? read : [...read, ...write],
      resources: names.flatMap((n) => [tableArn(n), tableArn(`${n}/index/*`)]),
    });
    grantee.grantPrincipal.addToPrincipalPolicy(statement);
    if (grantee.grantPrincipal instanceof Construct) {
      const arn = (n: string) => `arn:<AWS::Partition>:dynamodb:<AWS::Region>:<AWS::AccountId>:table/${n}`;
      acknowledge(grantee.grantPrincipal, STORE_GRANT_REASON, ...names.flatMap((n) => [arn(n), arn(`${n}/index/*`)]).filter((r) => r.includes('*')).map((r) => iam5('Resource', r)));
    }
  }

  /** Powertools Idempotency needs item-level read/write on its own table only. */
  grantIdempotency(grantee: iam.IGrantable): void {
    this.idempotencyTable.grant(grantee, 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem');
  }

  /** Environment variables every function that uses the Store receives. */
  storeEnvironment(): Record<string, string> {
    return { STORE_TABLE_PREFIX: 'aiops-', AUDIT_TABLE_NAME: this.auditTable.tableName, IDEMPOTENCY_TABLE_NAME: this.idempotencyTable.tableName };
  }
}

/** The IAM5 findings `grantStore` creates, with the reason: table names are a fixed, env-scoped pattern. */
export const STORE_GRANT_REASON = 'Store access is scoped to this environment’s table-name pattern (aiops-*-<env>, automation-audit-log-<env>) and their indexes; tables are generated from COLLECTION_SPECS.';
