import type { AnyDetector, AnyVectorDetector } from './types.js';
import ensemble from './ensemble.js';

export * from './types.js';

/** Every univariate detector, production ensemble first. The registry test loops over all of them. */
export const DETECTORS: readonly AnyDetector[] = [ensemble];

/** Detectors over several metrics of one resource. */
export const VECTOR_DETECTORS: readonly AnyVectorDetector[] = [];

export const PRODUCTION_DETECTOR_ID = 'ensemble';

export function getDetector(id: string): AnyDetector | undefined {
  return DETECTORS.find((d) => d.id === id);
}
