export * from './service.js';
export * from './types.js';
