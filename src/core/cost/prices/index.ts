export * from './table.js';
export * from './snapshot.js';
