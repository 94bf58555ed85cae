import snapshotJson from '../../../../data/prices/aws-us-east-1.json' with { type: 'json' };
import { createStaticPriceSource, type PricePoint, type PriceSource } from './table.js';

/** The bundled, dated us-east-1 list-price snapshot (data/prices/aws-us-east-1.json; source and date inside). */
export const BUNDLED_PRICE_SNAPSHOT: unknown = snapshotJson;

/** The price source the local mode and the sandbox use. */
export function bundledPriceSource(overrides: PricePoint[] = []): PriceSource {
  return createStaticPriceSource(BUNDLED_PRICE_SNAPSHOT, overrides);
}
