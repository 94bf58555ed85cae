import { z } from 'zod';
import { SignalSchema } from '../signal.js';
import { defineNormalizer } from './types.js';

/**
 * Signals from the product's own modules (anomaly detectors, SLO burn rates, compliance and cost
 * scans) arrive already Signal-shaped; `id` is optional because normalize derives it from the
 * source id, which keeps re-published detector output idempotent.
 */
export const ProductSignalSchema = SignalSchema.extend({
  id: z.string().optional(),
  source: z.enum(['anomaly', 'slo', 'compliance', 'cost', 'sandbox']),
});

export default defineNormalizer({
  id: 'anomaly',
  title: "Anomaly and other signals from the product's own detectors",
  source: 'anomaly',
  matches: (raw) => typeof raw.source === 'string' && ['anomaly', 'slo', 'compliance', 'cost', 'sandbox'].includes(raw.source) && typeof raw.kind === 'string',
  schema: ProductSignalSchema,
  toSignals: (s) => {
    // Already a signal: keeping it again as `raw` would only double what is stored.
    const { id: _id, ...rest } = s;
    return [rest];
  },
});
