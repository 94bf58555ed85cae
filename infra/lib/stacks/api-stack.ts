import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Annotations, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import { REPO_ROOT, type EnvConfig } from '../config.js';
import { AiopsFunction, retentionFor } from '../constructs/aiops-function.js';
import { acknowledge, arnToken, iam5 } from '../constructs/nag.js';
import { SecureBucket } from '../constructs/secure-bucket.js';
import type { AlertingStack } from './alerting-stack.js';
import type { DataStack } from './data-stack.js';
import type { RemediationStack } from './remediation-stack.js';

export interface ApiStackProps extends StackProps {
  config: EnvConfig;
  data: DataStack;
  alerting: AlertingStack;
  remediation: RemediationStack;
  /** The built console (default web/dist); without its index.html the stack deploys no console files and warns. */
  consoleDir?: string;
}

/** Where `npm run build:web` writes the console. */
export const DEFAULT_CONSOLE_DIR = join(REPO_ROOT, 'web', 'dist');
export const CONSOLE_NOT_BUILT_WARNING = 'aiops:console-not-built';

/**
 * The HTTP API (API Gateway REST, IAM SigV4 auth, X-Ray, access logs) in front of the api Lambda
 * and the approval callback, and the console: a private S3 bucket served by CloudFront through
 * Origin Access Control.
 */
export class ApiStack extends Stack {
  readonly api: apigw.RestApi;
  readonly apiFunction: AiopsFunction;
  readonly consoleBucket: SecureBucket;
  readonly distribution: cloudfront.Distribution;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { config, data, alerting, remediation } = props;
    const env = config.env;
    const retain = config.destroyDataOnDelete ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;

    this.apiFunction = new AiopsFunction(this, 'ApiFunction', {
      config,
      name: 'api',
      description: 'AIOps HTTP API: incidents, alerts, executions, approvals, findings, SLOs',
      environment: { EVENT_BUS_NAME: alerting.bus.eventBusName, STATE_MACHINE_ARN: remediation.stateMachine.stateMachineArn, API_PRINCIPAL_ROLES: JSON.stringify(config.api.principalRoles), ...data.storeEnvironment() },
    });
    // Manual runs and approvals through the API start or resume remediation executions.
    this.apiFunction.fn.addToRolePolicy(new iam.PolicyStatement({ sid: 'StartRemediation', actions: ['states:StartExecution'], resources: [remediation.stateMachine.stateMachineArn] }));
    data.grantStore(this.apiFunction.fn);
    data.grantIdempotency(this.apiFunction.fn);
    alerting.grantNotify(this.apiFunction.fn);

    const accessLogs = new logs.LogGroup(this, 'ApiAccessLogs', { logGroupName: `/aiops/api-access-${env}`, retention: retentionFor(config.logRetentionDays), removalPolicy: retain });
    this.api = new apigw.RestApi(this, 'AiopsApi', {
      restApiName: `aiops-api-${env}`,
      description: 'MatCarv AIOps API',
      cloudWatchRole: true,
      cloudWatchRoleRemovalPolicy: retain,
      deployOptions: {
        stageName: env,
        tracingEnabled: true,
        loggingLevel: apigw.MethodLoggingLevel.INFO,
        dataTraceEnabled: false,
        metricsEnabled: true,
        accessLogDestination: new apigw.LogGroupLogDestination(accessLogs),
        accessLogFormat: apigw.AccessLogFormat.jsonWithStandardFields(),
        throttlingRateLimit: 50,
        throttlingBurstLimit: 100,
      },
      defaultMethodOptions: { authorizationType: apigw.AuthorizationType.IAM },
      endpointTypes: [apigw.EndpointType.REGIONAL],
    });
    const validator = this.api.addRequestValidator('RequestValidator', { requestValidatorName: `aiops-api-validator-${env}`, validateRequestBody: true, validateRequestParameters: true });
    const integration = new apigw.LambdaIntegration(this.apiFunction.fn);
    const apiRoot = this.api.root.addResource('api');
    apiRoot.addProxy({ defaultIntegration: integration, anyMethod: true, defaultMethodOptions: { requestValidator: validator } });
    const decision = apiRoot.addResource('approvals').addResource('{approvalId}').addResource('decision');
    decision.addMethod('POST', new apigw.LambdaIntegration(remediation.approvalCallback.fn), { requestValidator: validator, requestParameters: { 'method.request.path.approvalId': true } });

    // Who may call the API: principals in this account that are given this managed policy.
    const invokePolicy = new iam.ManagedPolicy(this, 'ApiInvokePolicy', {
      managedPolicyName: `aiops-api-invoke-${env}`,
      description: 'Attach to operators and the console role to call the AIOps API',
      statements: [new iam.PolicyStatement({ actions: ['execute-api:Invoke'], resources: [this.api.arnForExecuteApi('*', '/api/*', env)] })],
    });
    acknowledge(invokePolicy, 'execute-api:Invoke is granted on this API’s own stage and /api/* paths only (any method).', iam5('Resource', `arn:<AWS::Partition>:execute-api:<AWS::Region>:<AWS::AccountId>:<${this.getLogicalId(this.api.node.defaultChild as apigw.CfnRestApi)}>/${env}/*/api/*`));
    acknowledge(this.api, 'The API uses IAM (SigV4) authorization on every method instead of a Cognito user pool: operators are AWS principals already.', 'AwsSolutions-COG4');
    acknowledge(this.api, 'AmazonAPIGatewayPushToCloudWatchLogs is the service-managed policy API Gateway needs for execution logs.', 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]');
    acknowledge(this.api, 'The API is IAM-authenticated and regional; WAF is an account-level add-on described in docs/deploy.md.', 'AwsSolutions-APIG3');

    // Console: private bucket + CloudFront with Origin Access Control.
    this.consoleBucket = new SecureBucket(this, 'Console', { config, purpose: 'console' });
    const cfLogs = new SecureBucket(this, 'ConsoleCdnLogs', { config, purpose: 'cloudfront', objectOwnership: s3.ObjectOwnership.OBJECT_WRITER });
    this.distribution = new cloudfront.Distribution(this, 'ConsoleDistribution', {
      comment: `aiops-console-${env}`,
      defaultRootObject: 'index.html',
      defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(this.consoleBucket.bucket), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS, responseHeadersPolicy: cloudfront.ResponseHeadersPolicy.SECURITY_HEADERS },
      // Single-page app: a path that is no object (403 through OAC without ListBucket, 404 with it) serves index.html.
      errorResponses: [403, 404].map((httpStatus) => ({ httpStatus, responseHttpStatus: 200, responsePagePath: '/index.html', ttl: Duration.minutes(1) })),
      enableLogging: true,
      logBucket: cfLogs.bucket,
      logFilePrefix: 'console/',
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
    });
    this.deployConsole(props.consoleDir ?? DEFAULT_CONSOLE_DIR);
    new CfnOutput(this, 'ConsoleBucketName', { value: this.consoleBucket.bucket.bucketName, description: 'aws s3 sync web/dist s3://<this>/' });
    new CfnOutput(this, 'ConsoleUrl', { value: `https://${this.distribution.distributionDomainName}` });
    new CfnOutput(this, 'ApiInvokePolicyArn', { value: invokePolicy.managedPolicyArn });
    acknowledge(this.distribution, 'The console is served on the default *.cloudfront.net certificate, which pins TLSv1 as its minimum; attach a custom domain and ACM certificate to enforce TLSv1.2_2021 (docs/deploy.md).', 'AwsSolutions-CFR4');
    acknowledge(this.distribution, 'The console is a static single-page app; data is only reachable through the IAM-authenticated API, so geo restriction and WAF are optional add-ons.', 'AwsSolutions-CFR1', 'AwsSolutions-CFR2');
  }

  /**
   * Uploads the built console and invalidates the distribution. Synth must work from a fresh clone
   * and in tests without a web build, so a missing build is a warning, not an error: the stack then
   * deploys an empty console bucket (publish it later with `aws s3 sync`, docs/deploy.md).
   */
  private deployConsole(dir: string): void {
    if (!existsSync(join(dir, 'index.html'))) {
      Annotations.of(this).addWarningV2(CONSOLE_NOT_BUILT_WARNING, `${dir}/index.html not found: the console files are not deployed. Run \`npm run build:web\` before \`cdk deploy\` to publish them.`);
      return;
    }
    new s3deploy.BucketDeployment(this, 'ConsoleDeployment', {
      sources: [s3deploy.Source.asset(dir)],
      destinationBucket: this.consoleBucket.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      prune: true,
      memoryLimit: 512,
    });
    // The deployment's handler is a stack-level singleton created by CDK.
    const handler = this.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (handler) {
      acknowledge(
        handler,
        'CDK BucketDeployment handler: it copies the console asset from the CDK asset bucket into the console bucket and invalidates the distribution. Its role uses the AWS-managed basic execution policy for its own logs; the wildcards are CDK’s grants on those two buckets’ objects, and CloudFront invalidation has no resource-level permission on the distribution at creation of the policy. Its runtime is pinned by aws-cdk-lib.',
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        ...['s3:GetBucket*', 's3:GetObject*', 's3:List*', 's3:Abort*', 's3:DeleteObject*'].map((a) => iam5('Action', a)),
        iam5('Resource', `${arnToken(this.consoleBucket.bucket)}/*`),
        iam5('Resource', 'arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*'),
        iam5('Resource', '*'),
        'AwsSolutions-L1',
      );
    }
  }
}
