import { describeStoreContract } from '../../ports/store.contract.js';
import { MemoryStore } from './store.js';

describeStoreContract('MemoryStore', async () => ({ store: new MemoryStore() }));
