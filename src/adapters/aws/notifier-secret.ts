import { GetSecretValueCommand, SecretsManagerClient, type SecretsManagerClientConfig } from '@aws-sdk/client-secrets-manager';
import { z } from 'zod';
import { parseOrThrow } from '../../core/shared/zod.js';
import type { Notifier } from '../../ports/notifier.js';
import { PagerDutyNotifier } from '../notifiers/pagerduty.js';
import { SlackNotifier } from '../notifiers/slack.js';

/** The JSON value of the notifier secret (`aiops/notifiers-<env>`); every field is optional. */
export const NotifierSettingsSchema = z.object({
  slackWebhookUrl: z.string().url().optional(),
  pagerdutyRoutingKey: z.string().min(1).optional(),
  /** Events API v2 endpoint (EU accounts: https://events.eu.pagerduty.com/v2/enqueue). */
  pagerdutyUrl: z.string().url().optional(),
  sesFrom: z.string().email().optional(),
});

export type NotifierSettings = z.infer<typeof NotifierSettingsSchema>;

export type NotifierSecretOptions = { secretArn: string } & ({ client: SecretsManagerClient; clientConfig?: never } | { clientConfig: SecretsManagerClientConfig; client?: never });

/**
 * The notifier settings read from Secrets Manager by ARN, once per container: `load()` is started at
 * cold start and its result reused by every invocation. A failed read is not cached, so the next
 * invocation tries again. An empty or placeholder secret (before the operator sets it) is `{}`.
 */
export class NotifierSecret {
  private readonly client: SecretsManagerClient;
  private pending: Promise<NotifierSettings> | undefined;

  constructor(private readonly options: NotifierSecretOptions) {
    this.client = options.client ?? new SecretsManagerClient(options.clientConfig ?? {});
  }

  load(): Promise<NotifierSettings> {
    this.pending ??= this.read().catch((err: unknown) => {
      this.pending = undefined;
      throw err;
    });
    return this.pending;
  }

  private async read(): Promise<NotifierSettings> {
    const res = await this.client.send(new GetSecretValueCommand({ SecretId: this.options.secretArn }));
    const text = res.SecretString?.trim();
    if (!text) return {};
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      // The generated initial value is not JSON settings: nothing configured yet.
      return {};
    }
    // Unknown keys (e.g. the generated password field) are ignored; a known key with a bad value names it.
    return parseOrThrow(NotifierSettingsSchema, raw, 'notifierSecret');
  }
}

/** The Slack and PagerDuty notifiers the settings configure (receivers `slack`, `pagerduty`). */
export function notifiersFromSettings(s: NotifierSettings): Notifier[] {
  const out: Notifier[] = [];
  if (s.slackWebhookUrl) out.push(new SlackNotifier({ webhookUrl: s.slackWebhookUrl }));
  if (s.pagerdutyRoutingKey) out.push(new PagerDutyNotifier({ routingKey: s.pagerdutyRoutingKey, ...(s.pagerdutyUrl ? { url: s.pagerdutyUrl } : {}) }));
  return out;
}
