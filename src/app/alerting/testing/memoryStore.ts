/**
 * Tests of the alerting use case run on the product's in-memory Store adapter, the one that
 * passes the shared Store contract (no second, test-only implementation to drift from it).
 */
import { MemoryStore } from '../../../adapters/memory/store.js';

export { MemoryStore };
export const createMemoryStore = (): MemoryStore => new MemoryStore();
