import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import type { Context } from 'aws-lambda';
import { buildAwsDeps } from './adapters.js';
import { functionOfService, readEnv, type LambdaEnv } from './env.js';
import type { AwsDeps } from './use-cases.js';
import './wiring.js';

export { MetricUnit };

/** Wraps an async function so that a repeated call with the same key returns the stored result. */
export type Idempotent = <A extends unknown[], R>(name: string, fn: (...args: A) => Promise<R>, keyPath?: string) => (...args: A) => Promise<R>;

/** Everything a handler needs besides its event: Powertools, the AWS adapters and idempotency. */
export interface Runtime {
  service: string;
  logger: Logger;
  metrics: Metrics;
  tracer: Tracer;
  deps: () => AwsDeps;
  env: () => LambdaEnv;
  idempotent: Idempotent;
  /** The invocation's Lambda context, so idempotency records expire with the remaining time. */
  context?: Context;
}

/**
 * Builds the runtime of one function. Adapters and the idempotency table are created lazily on
 * first use so that importing a handler (tests, cold start) does no I/O.
 */
export function createRuntime(service: string, overrides: Partial<Pick<Runtime, 'deps' | 'env' | 'idempotent'>> = {}): Runtime {
  const logger = new Logger({ serviceName: service });
  const metrics = new Metrics({ serviceName: service, namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'AIOps' });
  const tracer = new Tracer({ serviceName: service });
  let env: LambdaEnv | undefined;
  let deps: AwsDeps | undefined;
  const getEnv = overrides.env ?? (() => (env ??= readEnv(process.env, functionOfService(service))));
  const getDeps = overrides.deps ?? (() => (deps ??= buildAwsDeps(getEnv())));
  const idempotent: Idempotent =
    overrides.idempotent ??
    ((name, fn, keyPath) => {
      const tableName = getEnv().IDEMPOTENCY_TABLE_NAME;
      if (!tableName) return fn;
      const config = new IdempotencyConfig({ ...(keyPath ? { eventKeyJmesPath: keyPath } : {}), expiresAfterSeconds: 24 * 3600, throwOnNoIdempotencyKey: true });
      if (rt.context) config.registerLambdaContext(rt.context);
      const wrapped = makeIdempotent(fn, { persistenceStore: new DynamoDBPersistenceLayer({ tableName }), config });
      return ((...args: Parameters<typeof fn>) => wrapped(...args)) as typeof fn;
    });
  const rt: Runtime = { service, logger, metrics, tracer, deps: getDeps, env: getEnv, idempotent };
  return rt;
}

/**
 * The Lambda wrapper every handler uses: request context in logs, cold-start metric and trace
 * annotation, a subsegment around the work, and metrics flushed even when the work throws.
 */
export function lambdaHandler<E, R>(rt: Runtime, work: (event: E, context: Context | undefined) => Promise<R>) {
  return async (event: E, context?: Context): Promise<R> => {
    if (context) {
      rt.logger.addContext(context);
      rt.context = context;
    }
    rt.metrics.captureColdStartMetric();
    const parent = rt.tracer.isTracingEnabled() ? rt.tracer.getSegment() : undefined;
    const segment = parent?.addNewSubsegment(`## ${rt.service}`);
    if (segment) {
      rt.tracer.setSegment(segment);
      rt.tracer.annotateColdStart();
      rt.tracer.addServiceNameAnnotation();
    }
    try {
      return await work(event, context);
    } catch (err) {
      rt.logger.error('invocation failed', err as Error);
      segment?.addError(err as Error);
      throw err;
    } finally {
      segment?.close();
      if (parent) rt.tracer.setSegment(parent);
      rt.metrics.publishStoredMetrics();
    }
  };
}
