import type { Severity } from '../../shared/severity.js';
import type { CauseKind } from '../taxonomy.js';

/**
 * Critical log patterns, as data. A match on an incident's anomalous templates raises the
 * incident's severity and escalates (the earlier agent's design published such findings to a
 * critical topic), and hints at a cause kind with a weight.
 */
export interface CriticalPattern {
  id: string;
  title: string;
  pattern: RegExp;
  /** Severity an incident is raised to when the pattern shows up in its window. */
  severity: Severity;
  /** Which cause kinds this pattern is evidence for, and how strongly (0..1). */
  hints: Partial<Record<CauseKind, number>>;
}

export const CRITICAL_PATTERNS: readonly CriticalPattern[] = [
  {
    id: 'out-of-memory',
    title: 'Out of memory',
    pattern: /OutOfMemory|out of memory|OOMKilled|Cannot allocate memory|heap out of memory|MemoryError|signal: killed|Runtime exited with error: signal|memory limit exceeded/i,
    severity: 'SEV-2',
    hints: { 'resource-exhaustion': 1 },
  },
  {
    id: 'disk-full',
    title: 'Disk full',
    pattern: /No space left on device|ENOSPC|disk (?:is )?full|FreeStorageSpace/i,
    severity: 'SEV-2',
    hints: { 'resource-exhaustion': 1 },
  },
  {
    id: 'panic',
    title: 'Process panic / crash',
    pattern: /\bpanic:|fatal error:|[Ss]egmentation fault|SIGSEGV|core dumped|Unhandled(?:Promise)?Rejection|uncaughtException|Process exited before completing/,
    severity: 'SEV-2',
    hints: { deployment: 0.6 },
  },
  {
    id: 'code-defect',
    title: 'Code defect (null/type error)',
    pattern: /NullPointerException|TypeError|ReferenceError|ClassCastException|AttributeError|undefined is not|Cannot read propert|is not a function|NoSuchMethodError|ClassNotFoundException|ImportModuleError/,
    severity: 'SEV-3',
    hints: { deployment: 1 },
  },
  {
    id: 'connection-refused',
    title: 'Connection refused / reset',
    pattern: /ECONNREFUSED|Connection refused|ECONNRESET|connection reset|Communications link failure|could not connect to server|Connection is not available|terminating connection due to administrator command|the database system is (?:shutting down|starting up|in recovery mode)|broken pipe/i,
    severity: 'SEV-2',
    hints: { 'dependency-failure': 1 },
  },
  {
    id: 'throttling',
    title: 'Throttling',
    pattern: /ThrottlingException|Throttled|Rate exceeded|TooManyRequestsException|ProvisionedThroughputExceeded|RequestLimitExceeded|SlowDown|429 Too Many Requests|TooManyRequests|ConcurrentInvocationLimitExceeded/i,
    severity: 'SEV-3',
    hints: { throttling: 1 },
  },
  {
    id: 'timeout',
    title: 'Timeouts',
    pattern: /timed? ?out|ETIMEDOUT|deadline exceeded|TimeoutException|Task timed out|504 Gateway|SocketTimeout|request timeout/i,
    severity: 'SEV-3',
    hints: { capacity: 0.6, 'dependency-failure': 0.4 },
  },
  {
    id: 'access-denied',
    title: 'Access denied',
    pattern: /AccessDenied|not authorized to perform|UnauthorizedOperation|403 Forbidden|InvalidClientTokenId|ExpiredToken|UnrecognizedClient|KMS\.AccessDeniedException/i,
    severity: 'SEV-2',
    hints: { security: 1 },
  },
  {
    id: 'configuration-error',
    title: 'Configuration error',
    pattern: /ConfigurationError|Missing required (?:environment variable|config|parameter)|Invalid configuration|ParameterNotFound|env(?:ironment)? var(?:iable)? .* (?:not set|missing)|InvalidParameterValue|ValidationException: .*config|feature flag/i,
    severity: 'SEV-3',
    hints: { configuration: 1 },
  },
  {
    id: 'saturation',
    title: 'Saturation (pools and queues full)',
    pattern: /Thread pool saturated|RejectedExecution|queue (?:is )?full|server (?:is )?overloaded|too busy|503 Service Unavailable|load shedding/i,
    severity: 'SEV-3',
    hints: { capacity: 0.8 },
  },
  {
    id: 'upstream-failure',
    title: 'Upstream dependency failing',
    pattern: /upstream|downstream|circuit breaker|dependency .*(?:failed|unavailable)|bad gateway|502 /i,
    severity: 'SEV-3',
    hints: { 'dependency-failure': 0.7 },
  },
  {
    id: 'pool-exhausted',
    title: 'Connection pool exhausted',
    pattern: /too many connections|connection pool exhausted|remaining connection slots are reserved|TooManyConnections|pool timeout/i,
    severity: 'SEV-3',
    hints: { 'resource-exhaustion': 0.7, capacity: 0.3 },
  },
];

/** The critical patterns a text matches (template text or a raw sample). */
export function classifyCritical(text: string, patterns: readonly CriticalPattern[] = CRITICAL_PATTERNS): CriticalPattern[] {
  return patterns.filter((p) => p.pattern.test(text));
}
