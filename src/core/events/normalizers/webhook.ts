import { z } from 'zod';
import { SEVERITIES } from '../../shared/severity.js';
import { SIGNAL_LEVELS } from '../signal.js';
import { defineNormalizer } from './types.js';

/**
 * The product's generic JSON webhook (documented in docs/alerting.md). `id` is the sender's event
 * id: re-sending the same id is a duplicate. `status` defaults to firing.
 */
export const GenericWebhookSchema = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  resource: z.string().min(1),
  status: z.enum(['firing', 'resolved', 'info']).default('firing'),
  time: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO 8601 timestamp'),
  rule: z.string().optional(),
  metric: z.string().optional(),
  value: z.number().optional(),
  threshold: z.number().optional(),
  level: z.enum(SIGNAL_LEVELS).optional(),
  severity: z.enum(SEVERITIES).optional(),
  service: z.string().optional(),
  environment: z.string().optional(),
  description: z.string().optional(),
  labels: z.record(z.string(), z.string()).default({}),
});

export default defineNormalizer({
  id: 'webhook',
  title: 'Generic JSON webhook',
  source: 'webhook',
  matches: (raw) => raw['detail-type'] === undefined && 'title' in raw && ('resource' in raw || 'id' in raw) && !('kind' in raw && 'source' in raw),
  schema: GenericWebhookSchema,
  toSignals: (w) => [
    {
      sourceId: w.id,
      source: 'webhook',
      kind: 'generic',
      resourceArn: w.resource,
      ...(w.metric ? { metric: w.metric } : {}),
      rule: w.rule ?? w.title,
      state: w.status,
      ...(w.level ? { level: w.level } : {}),
      ...(w.severity ? { severity: w.severity } : {}),
      ...(w.value !== undefined ? { value: w.value } : {}),
      ...(w.threshold !== undefined ? { threshold: w.threshold } : {}),
      title: w.title,
      ...(w.description ? { description: w.description } : {}),
      labels: { ...w.labels, ...(w.service ? { service: w.service } : {}), ...(w.environment ? { environment: w.environment } : {}) },
      time: new Date(Date.parse(w.time)).toISOString(),
      raw: w,
    },
  ],
});
