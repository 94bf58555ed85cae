export * from './mask.js';
export * from './events.js';
export * from './drain.js';
export * from './patterns.js';
export * from './mine.js';
