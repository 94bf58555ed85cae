export interface LogEvent {
  /** Epoch ms. */
  timestamp: number;
  logGroup: string;
  logStream?: string;
  message: string;
}

export interface LogQuery {
  logGroup: string;
  startMs: number;
  endMs: number;
  /** CloudWatch Logs filter pattern subset: plain terms (all must match). */
  filterPattern?: string;
  limit?: number;
}

/** Reads application logs (CloudWatch Logs FilterLogEvents on AWS; sandbox-generated locally). */
export interface Logs {
  filterLogEvents(query: LogQuery): Promise<LogEvent[]>;
  /** Log groups that belong to a resource (e.g. `/aws/lambda/<name>` for a function). */
  logGroupsFor(resourceArn: string): Promise<string[]>;
}
