import { SendEmailCommand, SESv2Client, type SESv2ClientConfig } from '@aws-sdk/client-sesv2';
import type { Notification, Notifier, NotifyResult } from '../../ports/notifier.js';
import { classifySdkError } from './http.js';

export type EmailNotifierOptions = { from: string; to: string[] } & ({ client: SESv2Client; clientConfig?: never } | { clientConfig?: SESv2ClientConfig; client?: never });

const escape = (s: string): string => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);

/** Email through Amazon SES v2 (SendEmail, simple content: text and HTML parts). */
export class EmailNotifier implements Notifier {
  readonly kind = 'email';
  private readonly client: SESv2Client;
  constructor(private readonly opts: EmailNotifierOptions) {
    this.client = opts.client ?? new SESv2Client(opts.clientConfig ?? {});
  }
  async notify(n: Notification): Promise<NotifyResult> {
    const text = `${n.summary}\n\n${n.link ? `Open: ${n.link}\n` : ''}${Object.entries(n.labels ?? {})
      .map(([k, v]) => `${k}: ${v}`)
      .join('\n')}`;
    const html = `<h2>${escape(n.title)}</h2><p>${escape(n.summary)}</p>${n.link ? `<p><a href="${escape(n.link)}">Open the incident</a></p>` : ''}`;
    try {
      const out = await this.client.send(
        new SendEmailCommand({
          FromEmailAddress: this.opts.from,
          Destination: { ToAddresses: this.opts.to },
          Content: { Simple: { Subject: { Data: n.title.slice(0, 200), Charset: 'UTF-8' }, Body: { Text: { Data: text, Charset: 'UTF-8' }, Html: { Data: html, Charset: 'UTF-8' } } } },
        }),
      );
      return { ok: true, ...(out.MessageId ? { providerId: out.MessageId } : {}) };
    } catch (e) {
      return classifySdkError(e);
    }
  }
}
