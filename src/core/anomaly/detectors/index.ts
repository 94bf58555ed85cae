import discord from './discord.js';
import ensemble from './ensemble.js';
import isolationForest from './isolationForest.js';
import isolationForestWindowed from './isolationForestWindowed.js';
import levelShift from './levelShift.js';
import seasonalBaseline from './seasonalBaseline.js';
import type { AnyDetector, AnyVectorDetector } from './types.js';

export * from './types.js';
export * from './forest.js';

/** Every univariate detector, production ensemble first. The registry test loops over all of them. */
export const DETECTORS: readonly AnyDetector[] = [ensemble, seasonalBaseline, levelShift, isolationForestWindowed, discord];

/** Detectors over several metrics of one resource. */
export const VECTOR_DETECTORS: readonly AnyVectorDetector[] = [isolationForest];

export const PRODUCTION_DETECTOR_ID = 'ensemble';

export function getDetector(id: string): AnyDetector | undefined {
  return DETECTORS.find((d) => d.id === id);
}
