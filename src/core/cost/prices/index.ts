export * from './table.js';
export * from './snapshot.js';
export * from './priceList.js';
