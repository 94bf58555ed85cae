import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_NOT_BUILT_WARNING } from '../lib/stacks/api-stack.js';
import { buildStacks, testConfig } from './helpers.js';

/** A stand-in for `npm run build:web` output: the tests never need a web build. */
let built: string;
beforeAll(() => {
  built = mkdtempSync(join(tmpdir(), 'aiops-console-'));
  writeFileSync(join(built, 'index.html'), '<!doctype html><title>AIOps</title>');
});
afterAll(() => rmSync(built, { recursive: true, force: true }));

describe('Stack: ApiStack console', () => {
  it('uploads the built console to the private bucket and invalidates the distribution, cdk-nag clean', () => {
    const { app, stacks } = buildStacks(testConfig('dev'), { consoleDir: built }, true);
    app.synth();
    const t = Template.fromStack(stacks.api);
    t.hasResourceProperties('Custom::CDKBucketDeployment', { DestinationBucketName: { Ref: Match.stringLikeRegexp('^ConsoleBucket') }, DistributionId: { Ref: Match.stringLikeRegexp('^ConsoleDistribution') }, DistributionPaths: ['/*'], Prune: true });
    expect(Annotations.fromStack(stacks.api).findWarning('*', Match.stringLikeRegexp(CONSOLE_NOT_BUILT_WARNING))).toEqual([]);
  });

  it('synthesizes without a web build: no deployment, and a warning that says how to build it', () => {
    const { app, stacks } = buildStacks(testConfig('dev'), { consoleDir: join(built, 'missing') }, true);
    app.synth();
    Template.fromStack(stacks.api).resourceCountIs('Custom::CDKBucketDeployment', 0);
    const warnings = Annotations.fromStack(stacks.api).findWarning('*', Match.stringLikeRegexp('npm run build:web'));
    expect(warnings).toHaveLength(1);
  });

  it('serves the single-page app: root object, and index.html for paths that are no object', () => {
    const t = Template.fromStack(buildStacks(testConfig('dev'), { consoleDir: join(built, 'missing') }).stacks.api);
    t.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        CustomErrorResponses: [Match.objectLike({ ErrorCode: 403, ResponseCode: 200, ResponsePagePath: '/index.html' }), Match.objectLike({ ErrorCode: 404, ResponseCode: 200, ResponsePagePath: '/index.html' })],
        Origins: [Match.objectLike({ OriginAccessControlId: Match.anyValue(), S3OriginConfig: { OriginAccessIdentity: '' } })],
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }),
      }),
    });
    // Private, encrypted, TLS-only, access-logged.
    t.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: Match.anyValue(),
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'console/' }),
    });
    // Only CloudFront (this distribution) may read the console objects.
    const policies = Object.values(t.findResources('AWS::S3::BucketPolicy')).map((p) => JSON.stringify(p.Properties.PolicyDocument));
    expect(policies.some((p) => p.includes('cloudfront.amazonaws.com') && p.includes('AWS:SourceArn'))).toBe(true);
    expect(policies.some((p) => p.includes('aws:SecureTransport'))).toBe(true);
  });
});
