import type { FaultKind } from './faults.js';

/**
 * Application log lines the generator emits, as data: each template renders a message (and an
 * optional error with a stack trace) from a random source, so values vary the way real ones do.
 */
export type GenLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'FATAL';

export interface GenError {
  name: string;
  message: string;
  /** Frames, without the exception line. */
  frames: string[];
}

export interface GenLine {
  level: GenLevel;
  message: string;
  error?: GenError;
  /** Lambda platform lines (`Task timed out`, `REPORT …`) are plain text even in JSON log groups. */
  platform?: boolean;
}

export type Rand = () => number;
export type LineTemplate = { weight: number; render: (r: Rand, svc: string) => GenLine };

const int = (r: Rand, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
const hex = (r: Rand, n: number): string => {
  let s = '';
  for (let i = 0; i < n; i++) s += '0123456789abcdef'[Math.floor(r() * 16)];
  return s;
};
export const uuid = (r: Rand): string => `${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-a${hex(r, 3)}-${hex(r, 12)}`;
const ip = (r: Rand): string => `10.0.${int(r, 0, 7)}.${int(r, 2, 250)}`;
const PATHS = ['/api/orders', '/api/orders/{id}', '/api/cart', '/api/checkout', '/api/products', '/api/users/{id}', '/health'] as const;
const route = (r: Rand): string => pick(r, PATHS).replace('{id}', String(int(r, 1000, 99999)));
const method = (r: Rand): string => pick(r, ['GET', 'GET', 'GET', 'POST', 'PUT']);
const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1).replace(/-(\w)/g, (_, c: string) => c.toUpperCase());

const jsFrames = (fn: string): string[] => [`at ${fn} (/var/task/src/handlers/${fn}.js:42:17)`, 'at processRecord (/var/task/src/lib/pipeline.js:118:9)', 'at async Runtime.handler (/var/task/index.js:23:12)'];
const javaFrames = (svc: string, m: string): string[] => [`at com.matcarv.${svc.replace(/-/g, '')}.${cap(svc)}Service.${m}(${cap(svc)}Service.java:${88})`, `at com.matcarv.${svc.replace(/-/g, '')}.web.Controller.handle(Controller.java:51)`, 'at org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:897)', '... 42 more'];

/** What every service logs in normal operation, including a little background noise of errors. */
export const NORMAL_TEMPLATES: readonly LineTemplate[] = [
  { weight: 50, render: (r) => ({ level: 'INFO', message: `${method(r)} ${route(r)} ${pick(r, [200, 200, 200, 201, 204])} in ${int(r, 3, 180)}ms` }) },
  { weight: 12, render: (r) => ({ level: 'DEBUG', message: `cache ${pick(r, ['hit', 'miss'])} for key product:${int(r, 1, 5000)}` }) },
  { weight: 8, render: (r) => ({ level: 'INFO', message: `Order ${int(r, 100000, 999999)} created for customer ${uuid(r)} total=${int(r, 5, 900)}.${int(r, 10, 99)}` }) },
  { weight: 6, render: (r) => ({ level: 'INFO', message: `Published event OrderCreated to aiops-orders id=${uuid(r)}` }) },
  { weight: 4, render: (r) => ({ level: 'DEBUG', message: `db query SELECT orders took ${int(r, 1, 40)}ms rows=${int(r, 0, 50)}` }) },
  { weight: 2, render: (r) => ({ level: 'WARN', message: `Validation failed for request ${uuid(r)}: field "email" is invalid` }) },
  { weight: 1.2, render: (r) => ({ level: 'WARN', message: `Slow request ${method(r)} ${route(r)} took ${int(r, 1000, 2500)}ms` }) },
  { weight: 0.6, render: (r) => ({ level: 'WARN', message: `Retrying request to payments-api after ${int(r, 100, 400)}ms (attempt ${int(r, 1, 2)})` }) },
  { weight: 0.25, render: (r) => ({ level: 'ERROR', message: `Request timed out after ${int(r, 29000, 30000)}ms: ${method(r)} ${route(r)}` }) },
  { weight: 0.15, render: (r) => ({ level: 'ERROR', message: `Payment declined for order ${int(r, 100000, 999999)}: card_declined` }) },
  { weight: 0.1, render: () => ({ level: 'WARN', message: 'Connection reset by peer while reading response body, retrying' }) },
];

/** What a fault adds to the mix: templates and the share of lines they take while it is active. */
export interface FaultProfile {
  share: number;
  templates: LineTemplate[];
}

export const FAULT_PROFILES: Record<FaultKind, FaultProfile> = {
  'cpu-saturation': {
    share: 0.35,
    templates: [
      { weight: 5, render: (r) => ({ level: 'WARN', message: `Slow request ${method(r)} ${route(r)} took ${int(r, 2500, 9000)}ms` }) },
      { weight: 4, render: (r) => ({ level: 'ERROR', message: `Request timed out after ${int(r, 29000, 30000)}ms: ${method(r)} ${route(r)}` }) },
      { weight: 2, render: (r) => ({ level: 'WARN', message: `Thread pool saturated: active=${int(r, 190, 200)} queued=${int(r, 50, 900)}` }) },
      { weight: 1, render: (r) => ({ level: 'ERROR', message: `Task timed out after ${int(r, 5, 6)}.${int(r, 0, 9)}${int(r, 0, 9)} seconds`, platform: true }) },
    ],
  },
  'dependency-latency': {
    share: 0.3,
    templates: [
      { weight: 5, render: (r) => ({ level: 'WARN', message: `Slow response from payments-api: ${int(r, 3000, 9000)}ms` }) },
      { weight: 4, render: () => ({ level: 'ERROR', message: 'Upstream request to payments-api failed', error: { name: 'TimeoutError', message: 'upstream timed out after 5000ms', frames: jsFrames('callPayments') } }) },
      { weight: 2, render: (r) => ({ level: 'WARN', message: `Circuit breaker payments-api half-open after ${int(r, 10, 60)} failures` }) },
    ],
  },
  'bad-deploy': {
    share: 0.3,
    templates: [
      { weight: 5, render: (r) => ({ level: 'ERROR', message: 'Failed to process order', error: { name: 'TypeError', message: `Cannot read properties of undefined (reading '${pick(r, ['customerId', 'customerId', 'lineItems'])}')`, frames: jsFrames('processOrder') } }) },
      { weight: 3, render: (_r, svc) => ({ level: 'ERROR', message: 'Unhandled exception while handling request', error: { name: 'java.lang.NullPointerException', message: 'Cannot invoke "com.matcarv.model.Customer.getId()" because "order.customer" is null', frames: javaFrames(svc, 'process') } }) },
      { weight: 1, render: (r) => ({ level: 'INFO', message: `Feature pricing-v2 evaluated for ${int(r, 1, 9999)} items` }) },
    ],
  },
  'db-failover': {
    share: 0.35,
    templates: [
      { weight: 5, render: (r) => ({ level: 'ERROR', message: 'Database query failed', error: { name: 'Error', message: `connect ECONNREFUSED ${ip(r)}:5432`, frames: jsFrames('queryOrders') } }) },
      { weight: 3, render: (r) => ({ level: 'ERROR', message: `HikariPool-1 - Connection is not available, request timed out after ${int(r, 30000, 30005)}ms.` }) },
      { weight: 2, render: (r) => ({ level: 'ERROR', message: `org.postgresql.util.PSQLException: Connection to orders-db.cluster-c${hex(r, 10)}.eu-west-1.rds.amazonaws.com:5432 refused.` }) },
      { weight: 1, render: () => ({ level: 'WARN', message: 'terminating connection due to administrator command' }) },
    ],
  },
  throttling: {
    share: 0.3,
    templates: [
      { weight: 5, render: (r) => ({ level: 'ERROR', message: `DynamoDB ${pick(r, ['PutItem', 'UpdateItem', 'Query'])} failed`, error: { name: 'ThrottlingException', message: 'Rate exceeded', frames: jsFrames('saveOrder') } }) },
      { weight: 3, render: () => ({ level: 'ERROR', message: 'ProvisionedThroughputExceededException: The level of configured provisioned throughput for the table was exceeded.' }) },
      { weight: 3, render: (r) => ({ level: 'WARN', message: `Request throttled, backing off ${int(r, 50, 3200)}ms (attempt ${int(r, 1, 5)})` }) },
    ],
  },
  oom: {
    share: 0.2,
    templates: [
      { weight: 3, render: (r) => ({ level: 'WARN', message: `GC overhead: ${int(r, 40, 98)}% of time in garbage collection, heap ${int(r, 900, 1024)}MB/1024MB` }) },
      { weight: 3, render: (_r, svc) => ({ level: 'ERROR', message: 'Exception in thread "http-nio-8080-exec-7"', error: { name: 'java.lang.OutOfMemoryError', message: 'Java heap space', frames: javaFrames(svc, 'loadCatalog') } }) },
      { weight: 2, render: () => ({ level: 'FATAL', message: 'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory' }) },
      { weight: 1, render: (r) => ({ level: 'ERROR', message: `RequestId: ${uuid(r)} Error: Runtime exited with error: signal: killed`, platform: true }) },
    ],
  },
  'bad-config': {
    share: 0.3,
    templates: [
      { weight: 4, render: () => ({ level: 'ERROR', message: 'Startup check failed', error: { name: 'ConfigurationError', message: 'Missing required environment variable PAYMENTS_API_URL', frames: jsFrames('loadConfig') } }) },
      { weight: 3, render: (r) => ({ level: 'ERROR', message: `ParameterNotFound: Parameter /checkout/prod/feature-flags-${int(r, 2, 3)} not found` }) },
      { weight: 2, render: (r) => ({ level: 'ERROR', message: `Request to ${route(r)} failed with 500: invalid configuration value for "timeoutMs"` }) },
    ],
  },
  'access-denied': {
    share: 0.3,
    templates: [
      { weight: 5, render: (r) => ({ level: 'ERROR', message: 'Failed to persist order', error: { name: 'AccessDeniedException', message: `User: arn:aws:sts::123456789012:assumed-role/checkout-role/${uuid(r)} is not authorized to perform: dynamodb:PutItem on resource: arn:aws:dynamodb:eu-west-1:123456789012:table/orders`, frames: jsFrames('saveOrder') } }) },
      { weight: 2, render: () => ({ level: 'ERROR', message: 'KMS.AccessDeniedException: The ciphertext refers to a customer master key that does not exist or you do not have access' }) },
    ],
  },
  'disk-full': {
    share: 0.25,
    templates: [
      { weight: 4, render: (r) => ({ level: 'ERROR', message: `Failed to write /var/log/app/app-${int(r, 1, 9)}.log: No space left on device` }) },
      { weight: 2, render: (r) => ({ level: 'ERROR', message: `ENOSPC: no space left on device, open '/tmp/upload-${hex(r, 8)}'` }) },
      { weight: 2, render: (r) => ({ level: 'WARN', message: `Disk usage at ${int(r, 95, 100)}% on /dev/xvda1` }) },
    ],
  },
};

/** A PostgreSQL (RDS) instance's own log: its normal chatter and what faults on the database add. */
export const DB_NORMAL_TEMPLATES: readonly LineTemplate[] = [
  { weight: 30, render: (r) => ({ level: 'INFO', message: `LOG:  duration: ${int(r, 1, 90)}.${int(r, 100, 999)} ms  statement: SELECT * FROM orders WHERE id = $1` }) },
  { weight: 10, render: (r) => ({ level: 'INFO', message: `LOG:  connection received: host=${ip(r)} port=${int(r, 30000, 60000)}` }) },
  { weight: 10, render: () => ({ level: 'INFO', message: `LOG:  connection authorized: user=app database=orders SSL enabled (protocol=TLSv1.3, cipher=TLS_AES_256_GCM_SHA384, bits=256)` }) },
  { weight: 2, render: () => ({ level: 'INFO', message: 'LOG:  checkpoint starting: time' }) },
  { weight: 2, render: (r) => ({ level: 'INFO', message: `LOG:  checkpoint complete: wrote ${int(r, 10, 900)} buffers (${int(r, 0, 5)}.${int(r, 0, 9)}%); 0 WAL file(s) added` }) },
  { weight: 0.3, render: (r) => ({ level: 'ERROR', message: `ERROR:  duplicate key value violates unique constraint "orders_pkey" (order ${int(r, 100000, 999999)})` }) },
];

export const DB_FAULT_PROFILES: Partial<Record<FaultKind, FaultProfile>> = {
  'db-failover': {
    share: 0.5,
    templates: [
      { weight: 3, render: () => ({ level: 'FATAL', message: 'FATAL:  the database system is shutting down' }) },
      { weight: 2, render: () => ({ level: 'FATAL', message: 'FATAL:  the database system is starting up' }) },
      { weight: 1, render: (r) => ({ level: 'INFO', message: `LOG:  database system was interrupted; last known up at ${int(r, 10, 23)}:${int(r, 10, 59)}:${int(r, 10, 59)} UTC` }) },
      { weight: 1, render: () => ({ level: 'INFO', message: 'LOG:  database system is ready to accept connections' }) },
    ],
  },
  'disk-full': {
    share: 0.4,
    templates: [{ weight: 1, render: (r) => ({ level: 'FATAL', message: `PANIC:  could not write to file "pg_wal/xlogtemp.${int(r, 100, 999)}": No space left on device` }) }],
  },
  'cpu-saturation': {
    share: 0.3,
    templates: [{ weight: 1, render: (r) => ({ level: 'INFO', message: `LOG:  duration: ${int(r, 2000, 9000)}.${int(r, 100, 999)} ms  statement: SELECT * FROM orders WHERE customer_id = $1` }) }],
  },
};

/** Weighted choice over templates (weights need not sum to 1). */
export function chooseTemplate(r: Rand, templates: readonly LineTemplate[], totalWeight: number): LineTemplate {
  let x = r() * totalWeight;
  for (const t of templates) {
    x -= t.weight;
    if (x < 0) return t;
  }
  return templates[templates.length - 1] as LineTemplate;
}
