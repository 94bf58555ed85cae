import type { Notification, Notifier, NotifyResult } from '../../ports/notifier.js';
import { defaultFetch, postJson, type FetchLike } from './http.js';

export interface SlackNotifierOptions {
  webhookUrl: string;
  fetch?: FetchLike;
  timeoutMs?: number;
}

const EMOJI: Record<string, string> = { trigger: ':rotating_light:', acknowledge: ':eyes:', resolve: ':white_check_mark:', approval: ':raised_hand:', info: ':information_source:' };

/** A Block Kit message: header, summary, labels, and buttons to open and acknowledge the incident. */
export function slackMessage(n: Notification): Record<string, unknown> {
  const labels = Object.entries(n.labels ?? {})
    .slice(0, 8)
    .map(([k, v]) => `*${k}*: ${v}`)
    .join('  ·  ');
  const ack = typeof n.details?.ackLink === 'string' ? n.details.ackLink : n.link ? `${n.link}?action=ack` : undefined;
  const buttons = [
    ...(n.link ? [{ type: 'button', text: { type: 'plain_text', text: 'Open incident' }, url: n.link, action_id: 'open_incident' }] : []),
    ...(ack && n.action === 'trigger' ? [{ type: 'button', text: { type: 'plain_text', text: 'Acknowledge' }, url: ack, style: 'primary', action_id: 'ack_incident' }] : []),
  ];
  return {
    text: n.title,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: `${EMOJI[n.action] ?? ''} ${n.title}`.trim().slice(0, 150) } },
      { type: 'section', text: { type: 'mrkdwn', text: n.summary.slice(0, 2900) } },
      ...(labels ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: labels.slice(0, 2900) }] }] : []),
      ...(buttons.length ? [{ type: 'actions', elements: buttons }] : []),
    ],
  };
}

/** Slack incoming webhook (answers `ok`, or 4xx such as `invalid_payload`, or 429 when rate limited). */
export class SlackNotifier implements Notifier {
  readonly kind = 'slack';
  constructor(private readonly opts: SlackNotifierOptions) {}
  async notify(n: Notification): Promise<NotifyResult> {
    const r = await postJson(this.opts.fetch ?? defaultFetch, this.opts.webhookUrl, slackMessage(n), {}, this.opts.timeoutMs);
    return r.ok ? { ok: true } : { ok: false, retryable: r.retryable, reason: r.reason };
  }
}
