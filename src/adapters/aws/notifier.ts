import { PublishCommand, SNSClient, type SNSClientConfig } from '@aws-sdk/client-sns';
import { SESv2Client, SendEmailCommand, type SESv2ClientConfig } from '@aws-sdk/client-sesv2';
import type { Notification, Notifier, NotifyResult } from '../../ports/notifier.js';

/** AWS errors worth retrying: throttling, 5xx, timeouts. Everything else (4xx, bad config) is final. */
export function isRetryableAwsError(err: unknown): boolean {
  const e = err as { name?: string; $retryable?: unknown; $metadata?: { httpStatusCode?: number } } | undefined;
  if (e?.$retryable) return true;
  const status = e?.$metadata?.httpStatusCode;
  if (status !== undefined && status >= 500) return true;
  return /Throttl|TooManyRequests|Timeout|ServiceUnavailable|InternalError|InternalFailure|KMSThrottling/i.test(e?.name ?? '');
}

const failure = (err: unknown): NotifyResult => ({ ok: false, retryable: isRetryableAwsError(err), reason: `${(err as Error)?.name ?? 'Error'}: ${(err as Error)?.message ?? String(err)}` });

export function renderText(n: Notification): string {
  const lines = [`${n.title}`, '', n.summary];
  if (n.severity) lines.push('', `Severity: ${n.severity}`);
  if (n.incidentId) lines.push(`Incident: ${n.incidentId}`);
  if (n.link) lines.push(`Link: ${n.link}`);
  for (const [k, v] of Object.entries(n.labels ?? {})) lines.push(`${k}: ${v}`);
  return lines.join('\n');
}

export type SnsNotifierOptions = {
  /** Topic per receiver name (`alerts`, `critical`, `approvals`); `default` catches the rest. */
  topics: Record<string, string>;
} & ({ client: SNSClient; clientConfig?: never } | { clientConfig: SNSClientConfig; client?: never });

/** Notifier on SNS: one message per notification, deduplicated downstream by the notification key. */
export class SnsNotifier implements Notifier {
  readonly kind = 'sns';
  private readonly client: SNSClient;

  constructor(private readonly options: SnsNotifierOptions) {
    this.client = options.client ?? new SNSClient(options.clientConfig ?? {});
  }

  async notify(n: Notification): Promise<NotifyResult> {
    const topic = this.options.topics[n.receiver] ?? this.options.topics.default;
    if (!topic) return { ok: false, retryable: false, reason: `no SNS topic for receiver ${n.receiver}` };
    try {
      const res = await this.client.send(
        new PublishCommand({
          TopicArn: topic,
          Subject: n.title.slice(0, 99),
          Message: renderText(n),
          MessageAttributes: { key: { DataType: 'String', StringValue: n.key }, action: { DataType: 'String', StringValue: n.action }, ...(n.severity ? { severity: { DataType: 'String', StringValue: n.severity } } : {}) },
        }),
      );
      return { ok: true, ...(res.MessageId ? { providerId: res.MessageId } : {}) };
    } catch (err) {
      return failure(err);
    }
  }
}

export type SesNotifierOptions = { from: string; to: Record<string, string[]> } & ({ client: SESv2Client; clientConfig?: never } | { clientConfig: SESv2ClientConfig; client?: never });

/** Notifier on SES v2: e-mail to the addresses configured for the receiver. */
export class SesNotifier implements Notifier {
  readonly kind = 'email';
  private readonly client: SESv2Client;

  constructor(private readonly options: SesNotifierOptions) {
    this.client = options.client ?? new SESv2Client(options.clientConfig ?? {});
  }

  async notify(n: Notification): Promise<NotifyResult> {
    const to = this.options.to[n.receiver] ?? this.options.to.default ?? [];
    if (to.length === 0) return { ok: false, retryable: false, reason: `no e-mail addresses for receiver ${n.receiver}` };
    try {
      const res = await this.client.send(new SendEmailCommand({ FromEmailAddress: this.options.from, Destination: { ToAddresses: to }, Content: { Simple: { Subject: { Data: n.title }, Body: { Text: { Data: renderText(n) } } } } }));
      return { ok: true, ...(res.MessageId ? { providerId: res.MessageId } : {}) };
    } catch (err) {
      return failure(err);
    }
  }
}
