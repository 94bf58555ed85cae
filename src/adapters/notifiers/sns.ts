import { PublishCommand, SNSClient, type SNSClientConfig } from '@aws-sdk/client-sns';
import type { Notification, Notifier, NotifyResult } from '../../ports/notifier.js';
import { classifySdkError } from './http.js';

export type SnsNotifierOptions = { topicArn: string } & ({ client: SNSClient; clientConfig?: never } | { clientConfig?: SNSClientConfig; client?: never });

/** Publishes the notification as JSON to an SNS topic, with severity and action as message attributes. */
export class SnsNotifier implements Notifier {
  readonly kind = 'sns';
  private readonly client: SNSClient;
  constructor(private readonly opts: SnsNotifierOptions) {
    this.client = opts.client ?? new SNSClient(opts.clientConfig ?? {});
  }
  async notify(n: Notification): Promise<NotifyResult> {
    try {
      const out = await this.client.send(
        new PublishCommand({
          TopicArn: this.opts.topicArn,
          Subject: n.title.replace(/[^\x20-\x7E]/g, ' ').slice(0, 100),
          Message: JSON.stringify(n),
          MessageAttributes: {
            action: { DataType: 'String', StringValue: n.action },
            ...(n.severity ? { severity: { DataType: 'String', StringValue: n.severity } } : {}),
          },
        }),
      );
      return { ok: true, ...(out.MessageId ? { providerId: out.MessageId } : {}) };
    } catch (e) {
      return classifySdkError(e);
    }
  }
}
