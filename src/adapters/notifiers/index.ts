import type { Notifier } from '../../ports/notifier.js';
import { EmailNotifier } from './email.js';
import { OutboxNotifier } from './outbox.js';
import { PagerDutyNotifier } from './pagerduty.js';
import { SlackNotifier } from './slack.js';
import { SnsNotifier } from './sns.js';
import { WebhookNotifier } from './webhook.js';

export { EmailNotifier, OutboxNotifier, PagerDutyNotifier, SlackNotifier, SnsNotifier, WebhookNotifier };

export interface ReceiverConfig {
  name: string;
  type: 'sns' | 'slack' | 'email' | 'pagerduty' | 'webhook' | 'outbox';
  [setting: string]: unknown;
}

const str = (r: ReceiverConfig, k: string): string => {
  const v = r[k];
  if (typeof v !== 'string' || !v) throw new Error(`receiver "${r.name}" (${r.type}) needs "${k}"`);
  return v;
};

/**
 * Builds one notifier per configured receiver (`receivers:` in the alerting YAML). Secrets such as
 * webhook URLs and routing keys may be given as `${ENV_VAR}` and are read from `env`. `outbox`
 * receivers share the platform's durable outbox (it needs the store, so the caller passes it).
 */
export function buildNotifiers(receivers: readonly ReceiverConfig[], env: Record<string, string | undefined> = {}, deps: { outbox?: Notifier } = {}): Record<string, Notifier> {
  const out: Record<string, Notifier> = {};
  for (const raw of receivers) {
    const r = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, typeof v === 'string' ? v.replace(/\$\{(\w+)\}/g, (_m, name: string) => env[name] ?? '') : v])) as ReceiverConfig;
    switch (r.type) {
      case 'outbox':
        if (!deps.outbox) throw new Error(`receiver "${r.name}" (outbox) needs the platform's outbox: this mode has no local notification log`);
        out[r.name] = deps.outbox;
        break;
      case 'webhook':
        out[r.name] = new WebhookNotifier({ url: str(r, 'url') });
        break;
      case 'slack':
        out[r.name] = new SlackNotifier({ webhookUrl: str(r, 'webhookUrl') });
        break;
      case 'pagerduty':
        out[r.name] = new PagerDutyNotifier({ routingKey: str(r, 'routingKey'), ...(typeof r.url === 'string' ? { url: r.url } : {}) });
        break;
      case 'sns':
        out[r.name] = new SnsNotifier({ topicArn: str(r, 'topicArn') });
        break;
      case 'email':
        out[r.name] = new EmailNotifier({ from: str(r, 'from'), to: Array.isArray(r.to) ? (r.to as string[]) : [str(r, 'to')] });
        break;
    }
  }
  return out;
}
