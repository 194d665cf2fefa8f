// Builds a fresh Store: the spec seed (§4) plus, on request, the Scale Test account.

import { Store } from '../store';
import { seedBase } from './base';
import { seedContacts, seedConversations } from './conversations';
import { seedLarge, type LargeOptions } from './large';

export function buildStore(large: LargeOptions | null): Store {
  const store = new Store();
  seedBase(store);
  seedContacts(store);
  seedConversations(store);
  if (large) seedLarge(store, large);
  return store;
}
