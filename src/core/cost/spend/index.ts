export * from './model.js';
export * from './generator.js';
export * from './anomaly.js';
export * from './signals.js';
export * from './detect.js';
export * from './tags.js';
