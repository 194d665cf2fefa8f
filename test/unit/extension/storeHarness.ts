/**
 * A ChatwootStore wired to the fake Chatwoot over loopback, with what its tests look at: the change
 * events it fired, the warnings it logged, and the fake's request log filtered to the store's reads.
 * `lateClient` hands out a client whose answers wait for the test: the store, not the transport,
 * must then drop an answer that arrives after an invalidation.
 */
import type { ChatwootClient } from '../../../src/api';
import { ChatwootStore, type StoreChange } from '../../../src/store/store';
import { filterRequests, type RecordedRequest } from '../../support/fake';
import type { FakeContext } from '../helpers/fakeServer';

export interface StoreHarness {
  store: ChatwootStore;
  changes: StoreChange[];
  warnings: string[];
  /** Swaps the client the store reads with (undefined: signed out). */
  use(client: ChatwootClient | undefined): void;
}

export function storeOn(client: ChatwootClient | undefined): StoreHarness {
  let current = client;
  const warnings: string[] = [];
  const store = new ChatwootStore({ client: () => current }, { info: () => undefined, debug: () => undefined, warn: (m) => warnings.push(m) });
  const changes: StoreChange[] = [];
  store.onDidChange((c) => changes.push(c));
  return { store, changes, warnings, use: (c) => (current = c) };
}

/** GETs of one account's conversation lists (`assignee_type` undefined = All). */
export function listReads(ctx: FakeContext, accountId: number, assigneeType?: string): RecordedRequest[] {
  return filterRequests(ctx.fake.requests, { method: 'GET', path: `/api/v1/accounts/${accountId}/conversations` }).filter((r) => r.query.assignee_type === assigneeType);
}

export function countsReads(ctx: FakeContext, accountId: number): RecordedRequest[] {
  return filterRequests(ctx.fake.requests, { method: 'GET', path: `/api/v1/accounts/${accountId}/conversations/meta` });
}

export interface LateClient {
  client: ChatwootClient;
  /** Resolves once the server has answered a list (or profile) read; the store has not seen it yet. */
  answered: Promise<void>;
  /** Hands the held answers to the store. */
  release(): void;
}

/** A client whose list and profile answers reach the caller only on `release()`, whatever its signal says. */
export function lateClient(client: ChatwootClient): LateClient {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let arrived!: () => void;
  const answered = new Promise<void>((r) => (arrived = r));
  const late = Object.create(client) as ChatwootClient;
  const hold = async <T>(read: Promise<T>): Promise<T> => {
    const value = await read;
    arrived();
    await gate;
    return value;
  };
  late.listConversations = (accountId, params) => hold(client.listConversations(accountId, params));
  late.getProfile = () => hold(client.getProfile());
  return { client: late, answered, release };
}

export const ids = (list: { conversations: readonly { id: number }[] } | undefined): number[] => list?.conversations.map((c) => c.id) ?? [];

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
