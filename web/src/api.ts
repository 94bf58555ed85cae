/** Console ↔ API. Reads are open on the local server; mutations send the bearer token the user signed in with. */
const TOKEN_KEY = 'aiops.token';

export const getToken = (): string => localStorage.getItem(TOKEN_KEY) ?? '';
export const setToken = (t: string): void => (t ? localStorage.setItem(TOKEN_KEY, t) : localStorage.removeItem(TOKEN_KEY));

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export async function api<T = unknown>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const token = getToken();
  const res = await fetch(`/api/v1${path}`, {
    method: init.method ?? 'GET',
    headers: { accept: 'application/json', ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  const text = await res.text();
  const data = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  if (!res.ok) throw new ApiError(data.field ? `${String(data.field)}: ${String(data.reason)}` : String(data.reason ?? res.statusText), res.status);
  return data as T;
}

export type Severity = 'SEV-1' | 'SEV-2' | 'SEV-3' | 'SEV-4';
export interface TimelineEntry {
  at: string;
  kind: string;
  phase?: string;
  message: string;
  actor: string;
}
export interface Incident {
  id: string;
  title: string;
  severity: Severity;
  phase: string;
  status: 'open' | 'resolved';
  service?: string;
  openedAt: string;
  resolvedAt?: string;
  mttaMs?: number;
  mttrMs?: number;
  timeline: TimelineEntry[];
  alerts?: Alert[];
  executions?: Execution[];
  resourceArns: string[];
}
export interface Alert {
  id: string;
  title: string;
  status: string;
  severity: Severity;
  source: string;
  resourceArn: string;
  count: number;
  lastSeen: string;
  incidentId?: string;
  rule?: string;
  value?: number;
  labels: Record<string, string>;
}
export interface Execution {
  id: string;
  runbookId: string;
  status: string;
  outcome?: string;
  targetResource: string;
  startedAt: string;
  endedAt?: string;
  statesVisited: string[];
  reason?: string;
  incidentId?: string;
  dryRun: boolean;
  plan?: { call: string; target: string; params: Record<string, unknown> }[];
}
export interface Approval {
  id: string;
  executionId: string;
  runbookId: string;
  targetResource: string;
  reason: string;
  status: string;
  requestedAt: string;
  expiresAt: string;
  decidedBy?: string;
  comment?: string;
  plan: { call: string; target: string; params: Record<string, unknown> }[];
}
export interface AuditRecord {
  seq: number;
  executionId: string;
  timestamp: string;
  trigger: string;
  runbook: string;
  targetResource: string;
  action: string;
  outcome: string;
  operator: string;
  rollbackPlan: string;
  hash: string;
}
export interface Series {
  key: string;
  metric: { namespace: string; metricName: string; dimensions: Record<string, string> };
  timestamps: number[];
  values: number[];
  unit?: string;
  resourceArn: string;
}
