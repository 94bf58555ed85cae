import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { join } from 'node:path';
import type { EnvConfig } from '../config.js';
import { REPO_ROOT } from '../config.js';
import { acknowledge } from './nag.js';

/**
 * Context flag that replaces esbuild bundling by an inline stub: `-c aiops:stubBundling=true`.
 * Infra tests set it so that synthesizing a dozen functions three times does not run esbuild
 * each time; real synth and deploy never set it.
 */
export const STUB_BUNDLING_CONTEXT = 'aiops:stubBundling';
export const LAMBDA_RUNTIME = lambda.Runtime.NODEJS_24_X;
export const METRICS_NAMESPACE = 'AIOps';

export interface AiopsFunctionProps {
  config: EnvConfig;
  /** kebab-case; the physical name is `<name>-<env>`. */
  name: string;
  /** Directory under src/lambdas/ holding handler.ts (defaults to `name`). */
  entryDir?: string;
  description: string;
  timeout?: Duration;
  memorySize?: number;
  environment?: Record<string, string>;
  role?: iam.IRole;
  reservedConcurrentExecutions?: number;
}

/**
 * A Lambda function with the platform's conventions: esbuild via NodejsFunction, X-Ray active
 * tracing, Powertools environment, JSON logs to a retained log group, kebab-case-env name.
 */
export class AiopsFunction extends Construct {
  readonly fn: lambda.Function;
  readonly functionName: string;
  readonly timeout: Duration;

  constructor(scope: Construct, id: string, props: AiopsFunctionProps) {
    super(scope, id);
    const { config } = props;
    this.functionName = `${props.name}-${config.env}`;
    this.timeout = props.timeout ?? Duration.seconds(30);
    const logGroup = new logs.LogGroup(this, 'LogGroup', {
      logGroupName: `/aws/lambda/${this.functionName}`,
      retention: retentionFor(config.logRetentionDays),
      removalPolicy: config.destroyDataOnDelete ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
    });
    const environment: Record<string, string> = {
      AIOPS_ENV: config.env,
      POWERTOOLS_SERVICE_NAME: props.name,
      POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
      POWERTOOLS_LOG_LEVEL: config.env === 'prod' ? 'INFO' : 'DEBUG',
      NODE_OPTIONS: '--enable-source-maps',
      ...props.environment,
    };
    for (const key of Object.keys(environment)) if (!/^[A-Z][A-Z0-9_]*$/.test(key)) throw new Error(`environment variable ${key} must be SCREAMING_SNAKE_CASE`);
    const common = {
      functionName: this.functionName,
      description: props.description,
      runtime: LAMBDA_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: this.timeout,
      tracing: lambda.Tracing.ACTIVE,
      loggingFormat: lambda.LoggingFormat.JSON,
      logGroup,
      environment,
      ...(props.role ? { role: props.role } : {}),
      ...(props.reservedConcurrentExecutions !== undefined ? { reservedConcurrentExecutions: props.reservedConcurrentExecutions } : {}),
    };
    const stub = Stack.of(this).node.tryGetContext(STUB_BUNDLING_CONTEXT);
    this.fn =
      stub === true || stub === 'true'
        ? new lambda.Function(this, 'Function', { ...common, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({});') })
        : new NodejsFunction(this, 'Function', {
            ...common,
            entry: join(REPO_ROOT, 'src', 'lambdas', props.entryDir ?? props.name, 'handler.ts'),
            handler: 'handler',
            projectRoot: REPO_ROOT,
            depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
            bundling: {
              format: OutputFormat.ESM,
              target: 'node24',
              minify: true,
              sourceMap: true,
              mainFields: ['module', 'main'],
              // ESM bundles still meet CommonJS dependencies that call require().
              banner: "import { createRequire as __createRequire } from 'module'; const require = __createRequire(import.meta.url);",
              externalModules: ['@aws-sdk/*'],
            },
          });
    if (!props.role) {
      acknowledge(
        this.fn,
        'AWSLambdaBasicExecutionRole only allows writing the function’s own CloudWatch Logs; it is the AWS-recommended baseline for Lambda logging.',
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      );
    }
    acknowledge(this.fn, 'X-Ray PutTraceSegments/PutTelemetryRecords do not support resource-level permissions (active tracing is mandatory).', 'AwsSolutions-IAM5[Resource::*]');
  }
}

export function retentionFor(days: number): logs.RetentionDays {
  const allowed = Object.values(logs.RetentionDays).filter((v): v is number => typeof v === 'number' && v > 0).sort((a, b) => a - b);
  return (allowed.find((d) => d >= days) ?? logs.RetentionDays.INFINITE) as logs.RetentionDays;
}
