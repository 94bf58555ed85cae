import { MemoryStore } from '../../../adapters/memory/store.js';
import type { Store } from '../../../ports/store.js';

/** Compliance tests run on the product's in-memory Store adapter (it passes the Store contract). */
export function createMemoryStore(): Store {
  return new MemoryStore();
}
