// Builds a fresh Store: the spec seed (§4), the message threads of seed/threads.ts and,
// on request, the Scale Test account.

import { Store } from '../store';
import { seedBase } from './base';
import { seedContacts, seedConversations } from './conversations';
import { seedLarge, type LargeOptions } from './large';
import { seedThreads } from './threads';

export function buildStore(large: LargeOptions | null): Store {
  const store = new Store();
  seedBase(store);
  seedContacts(store);
  seedConversations(store);
  seedThreads(store);
  if (large) seedLarge(store, large);
  return store;
}
