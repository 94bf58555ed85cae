export * from './profiles.js';
export * from './parse.js';
export * from './windows.js';
export * from './scorer.js';
