import { CloudWatchLogsClient, FilterLogEventsCommand, type CloudWatchLogsClientConfig } from '@aws-sdk/client-cloudwatch-logs';
import type { LogEvent, LogQuery, Logs } from '../../ports/logs.js';
import { parseArn } from './arn.js';

export type CloudWatchLogsOptions = { client: CloudWatchLogsClient; clientConfig?: never } | { clientConfig: CloudWatchLogsClientConfig; client?: never };

/** Logs on CloudWatch Logs FilterLogEvents (paginated up to `limit`). */
export class CloudWatchLogs implements Logs {
  private readonly client: CloudWatchLogsClient;

  constructor(options: CloudWatchLogsOptions) {
    this.client = options.client ?? new CloudWatchLogsClient(options.clientConfig ?? {});
  }

  async filterLogEvents(query: LogQuery): Promise<LogEvent[]> {
    const out: LogEvent[] = [];
    const limit = query.limit ?? 10_000;
    let nextToken: string | undefined;
    do {
      const res = await this.client.send(
        new FilterLogEventsCommand({ logGroupName: query.logGroup, startTime: query.startMs, endTime: query.endMs, limit: Math.min(10_000, limit - out.length), ...(query.filterPattern ? { filterPattern: query.filterPattern } : {}), ...(nextToken ? { nextToken } : {}) }),
      );
      for (const e of res.events ?? []) {
        out.push({ timestamp: e.timestamp ?? 0, logGroup: query.logGroup, ...(e.logStreamName ? { logStream: e.logStreamName } : {}), message: e.message ?? '' });
        if (out.length >= limit) return out;
      }
      nextToken = res.nextToken;
    } while (nextToken);
    return out;
  }

  /** The conventional log groups of a resource; unknown resource types have none we can name. */
  async logGroupsFor(resourceArn: string): Promise<string[]> {
    const { service, resource } = parseArn(resourceArn, 'resourceArn');
    const [kind, ...rest] = resource.split(/[:/]/);
    if (service === 'lambda' && kind === 'function' && rest[0]) return [`/aws/lambda/${rest[0]}`];
    if (service === 'rds' && kind === 'db' && rest[0]) return [`/aws/rds/instance/${rest[0]}/error`, `/aws/rds/instance/${rest[0]}/postgresql`];
    if (service === 'ecs' && kind === 'service' && rest.length >= 2) return [`/ecs/${rest[rest.length - 1]}`];
    if (service === 'states' && kind === 'stateMachine' && rest[0]) return [`/aws/vendedlogs/states/${rest[0]}`];
    if (service === 'apigateway') return [`API-Gateway-Execution-Logs_${rest[1] ?? ''}`];
    return [];
  }
}
