export { MemoryStore, createMemoryStore } from './memoryStore.js';
export { MemoryBus } from './memoryBus.js';
export { ManualClock } from './manualClock.js';
