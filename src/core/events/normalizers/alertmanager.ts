import { z } from 'zod';
import type { SignalLevel } from '../signal.js';
import { SIGNAL_LEVELS } from '../signal.js';
import { defineNormalizer } from './types.js';

const ts = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'must be an RFC 3339 timestamp');

/** Prometheus Alertmanager webhook payload, version 4. */
export const AlertmanagerWebhookSchema = z.object({
  version: z.literal('4'),
  groupKey: z.string(),
  truncatedAlerts: z.number().optional(),
  status: z.enum(['firing', 'resolved']),
  receiver: z.string(),
  groupLabels: z.record(z.string(), z.string()).default({}),
  commonLabels: z.record(z.string(), z.string()).default({}),
  commonAnnotations: z.record(z.string(), z.string()).default({}),
  externalURL: z.string().optional(),
  alerts: z
    .array(
      z.object({
        status: z.enum(['firing', 'resolved']),
        labels: z.record(z.string(), z.string()).refine((l) => typeof l.alertname === 'string', 'must contain alertname'),
        annotations: z.record(z.string(), z.string()).default({}),
        startsAt: ts,
        endsAt: z.string().optional(),
        generatorURL: z.string().optional(),
        fingerprint: z.string().min(1),
      }),
    )
    .min(1),
});

const LEVELS = new Set<string>(SIGNAL_LEVELS);
// Alertmanager's zero time means "no end yet".
const ZERO_TIME = '0001-01-01T00:00:00Z';

export default defineNormalizer({
  id: 'alertmanager',
  title: 'Prometheus Alertmanager webhook (v4)',
  source: 'alertmanager',
  matches: (raw) => raw.version === '4' && Array.isArray(raw.alerts),
  schema: AlertmanagerWebhookSchema,
  toSignals: (p) =>
    p.alerts.map((a) => {
      const l = a.labels;
      const resolved = a.status === 'resolved';
      const ended = a.endsAt && a.endsAt !== ZERO_TIME && !Number.isNaN(Date.parse(a.endsAt)) ? a.endsAt : undefined;
      const time = new Date(Date.parse(resolved && ended ? ended : a.startsAt)).toISOString();
      const sev = (l.severity ?? '').toLowerCase();
      return {
        // Alertmanager re-sends firing alerts every repeat/group interval: same fingerprint and
        // startsAt means the same occurrence, so those repeats are duplicates.
        sourceId: `${a.fingerprint}|${a.startsAt}|${a.status}`,
        source: 'alertmanager' as const,
        kind: 'generic' as const,
        resourceArn: l.resource_arn ?? l.arn ?? `urn:prometheus:${l.job ?? 'job'}/${l.instance ?? l.alertname}`,
        rule: l.alertname as string,
        state: a.status,
        ...(LEVELS.has(sev) ? { level: sev as SignalLevel } : {}),
        title: a.annotations.summary ?? (l.alertname as string),
        ...(a.annotations.description ? { description: a.annotations.description } : {}),
        labels: { ...l },
        time,
        raw: a,
      };
    }),
});
