import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultFleet, SANDBOX_ACCOUNT, SANDBOX_REGION } from '../../adapters/sandbox/fleet.js';
import { evaluateResources } from '../../core/compliance/engine.js';
import { INVENTORY_SCHEMAS, isInventoryType } from '../../core/compliance/inventory/index.js';
import { sampleInventory } from '../../core/compliance/inventory/sampleInventory.js';
import type { Cloud, ResourceRecord } from '../../ports/cloud.js';
import { ComplianceInventoryCloud, sandboxAccountRecord, toInventoryRecord } from './compliance-inventory.js';

const NOW = Date.parse('2026-11-23T10:00:00.000Z');
const fleet = defaultFleet();
const byName = (name: string) => fleet.find((r) => r.name === name)!;
const rec = (type: string, state: Record<string, unknown>): ResourceRecord => ({ arn: `arn:aws:test:::${type}`, type, id: 'id-1', name: 'n', region: 'us-east-1', account: SANDBOX_ACCOUNT, tags: {}, state });

describe('Function: toInventoryRecord', () => {
  it.each(fleet.filter((r) => isInventoryType(r.type)).map((r) => [r.type, r.name, r] as const))('translates %s %s into a state its schema accepts', (type, _name, r) => {
    const out = toInventoryRecord(r)!;
    const parsed = INVENTORY_SCHEMAS[type as keyof typeof INVENTORY_SCHEMAS].safeParse(out.state);
    expect(parsed.success, parsed.success ? '' : parsed.error.message).toBe(true);
    expect(out.arn).toBe(r.arn);
  });

  it('skips resource types no check reads', () => {
    expect(toInventoryRecord(byName('web-asg'))).toBeUndefined();
    expect(toInventoryRecord(byName('old-bastion-ip'))).toBeUndefined();
  });

  it('keeps records already in the inventory shape untouched', () => {
    for (const r of sampleInventory()) expect(toInventoryRecord(r)).toBe(r);
  });

  it.each([
    ['AWS::S3::Bucket', { BucketName: 'b', PublicAccessBlock: null, ServerSideEncryption: 'AES256', Versioning: 'Suspended', Policy: { Statement: [] } }, { publicAccessBlock: null, versioning: { Status: 'Suspended' }, policy: '{"Statement":[]}', serverSideEncryption: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] } }],
    ['AWS::S3::Bucket', { Name: 'b', PublicAccessBlockConfiguration: { BlockPublicAcls: false, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true }, Versioning: 'Enabled', Policy: null }, { publicAccessBlock: { BlockPublicAcls: false }, serverSideEncryption: null }],
    ['AWS::DynamoDB::Table', { TableName: 't', PointInTimeRecovery: true }, { pointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: 'ENABLED' } }],
    ['AWS::SNS::Topic', { TopicName: 't', KmsMasterKeyId: null }, { attributes: {} }],
    ['AWS::SQS::Queue', { QueueName: 'q', KmsMasterKeyId: 'alias/aws/sqs' }, { queueUrl: 'id-1', attributes: { KmsMasterKeyId: 'alias/aws/sqs' } }],
    ['AWS::EC2::Instance', { InstanceId: 'i-1', State: { Name: 'running' } }, { metadataOptions: { HttpTokens: 'optional', HttpEndpoint: 'enabled' }, publicIpAddress: null }],
    ['AWS::EC2::Volume', { VolumeId: 'v', Encrypted: false, Attachments: [] }, { state: 'available', encrypted: false }],
    [
      'AWS::IAM::User',
      { UserName: 'u', PasswordEnabled: false, MfaDevices: [], AccessKeys: [{ AccessKeyId: 'AK', Status: 'Active', CreateDate: '2026-01-01T00:00:00.000Z' }], AttachedPolicies: ['arn:aws:iam::aws:policy/PowerUserAccess'], InlinePolicies: { deny: {} } },
      { createDate: '2026-01-01T00:00:00.000Z', attachedManagedPolicies: [{ PolicyName: 'PowerUserAccess', PolicyArn: 'arn:aws:iam::aws:policy/PowerUserAccess' }], userPolicyList: ['deny'], accessKeys: [{ accessKeyId: 'AK', status: 'Active', lastUsedDate: null }] },
    ],
  ] as const)('%s %j → %j', (type, state, expected) => {
    expect(toInventoryRecord(rec(type, state as Record<string, unknown>))!.state).toMatchObject(expected);
  });

  it('never makes a check pass on a field the fleet lacks (property: translation of a partial S3 state fails closed or fails)', () => {
    fc.assert(
      fc.property(fc.subarray(['BucketName', 'PublicAccessBlock', 'ServerSideEncryption', 'Versioning', 'Policy'] as const), (keep) => {
        const full = byName('matcarv-assets-staging').state;
        const partial = Object.fromEntries(keep.map((k) => [k, full[k]]));
        const r = toInventoryRecord({ ...byName('matcarv-assets-staging'), state: partial })!;
        const outcomes = evaluateResources([r], { now: NOW, inventory: [r] }).outcomes.filter((o) => o.checkId === 's3-bucket-public-access-block' || o.checkId === 's3-bucket-encryption');
        for (const o of outcomes) {
          const field = o.checkId === 's3-bucket-public-access-block' ? 'PublicAccessBlock' : 'ServerSideEncryption';
          if (!keep.includes(field)) expect(o.status).not.toBe('PASS');
        }
      }),
    );
  });
});

describe('Class: ComplianceInventoryCloud', () => {
  const inner: Cloud = {
    listResources: async (f) => fleet.filter((r) => !f?.type || r.type === f.type),
    describe: async (arn) => fleet.find((r) => r.arn === arn),
    execute: async (a) => ({ ok: true, call: a.call, target: a.target }),
    recentChanges: async () => [],
  };
  const account = sandboxAccountRecord(SANDBOX_ACCOUNT, SANDBOX_REGION);
  const cloud = new ComplianceInventoryCloud(inner, () => account);

  it('lists translated inventory plus the account record, filtered by type', async () => {
    const all = await cloud.listResources();
    expect(all.some((r) => r.type === 'AWS::AutoScaling::AutoScalingGroup')).toBe(false);
    expect(all.filter((r) => r.type === 'AWS::::Account')).toEqual([account]);
    expect((await cloud.listResources({ type: 'AWS::S3::Bucket' })).map((r) => r.name).sort()).toEqual(['matcarv-assets-staging', 'matcarv-logs-staging']);
    expect(INVENTORY_SCHEMAS['AWS::::Account'].safeParse(account.state).success).toBe(true);
  });

  it('describes translated resources and the account by ARN', async () => {
    expect((await cloud.describe('arn:aws:s3:::matcarv-logs-staging'))!.state).toMatchObject({ versioning: { Status: 'Suspended' } });
    expect(await cloud.describe(account.arn)).toBe(account);
    expect(await cloud.describe('arn:aws:s3:::nope')).toBeUndefined();
  });
});
