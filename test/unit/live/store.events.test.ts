/**
 * The store applying the fake Chatwoot's REAL push payloads: a LiveClient subscribed as Alice
 * (administrator of account 1: she hears every conversation of the account), changes made through
 * the REST API by Bob (another user), and the events fed to a ChatwootStore that had loaded every
 * page of Mine / Unassigned / All. Each test applies ONLY the event it is about, then compares the
 * store with what the REST API now says: rows of each list in order, the fields a row shows, and
 * Chatwoot's counts.
 */
import * as assert from 'node:assert/strict';
import type { Dispatcher } from 'undici';
import { createDispatcher, type ChatwootClient, type Conversation } from '../../../src/api';
import { LiveClient, readLiveCredentials, type LiveEvent } from '../../../src/live';
import { ChatwootStore } from '../../../src/store/store';
import { LIST_KINDS, type ListKind } from '../../../src/store/membership';
import { CONVERSATION_EVENT_NAMES } from '../../../src/live/eventNames';
import { SEED_TOKENS, useFake, type FakeContext } from '../helpers/fakeServer';
import { lastMessage } from '../../../src/util/present';
import { waitFor } from './scenarios';
import { assignAgent, assignTeam, unassign } from '../../support/clientExtras';

const ACME = 1;
const ALICE = 1;
const BOB_ID = 2;
const CAROL = 3;
const quiet = { info: () => undefined, warn: () => undefined, debug: () => undefined };
const ASSIGNEE_TYPE: Record<ListKind, 'me' | 'unassigned' | 'all'> = { mine: 'me', unassigned: 'unassigned', all: 'all' };

/**
 * What a row shows, so that store and server can be compared field by field. The preview is the
 * tree's (`lastMessage`: activity messages skipped): the REST list's `messages` holds the newest
 * message of any kind, a push's the newest public non-activity one.
 */
function row(c: Conversation): string {
  const assignee = c.meta.assignee ? `${c.meta.assignee_type ?? '?'}:${c.meta.assignee.id}` : '-';
  const last = lastMessage(c);
  return `#${c.id} ${c.status} a=${assignee} t=${c.meta.team?.id ?? '-'} act=${c.last_activity_at} last=${last ? `${last.id}:${last.content ?? ''}` : '-'}`;
}

describe('store ← real push payloads of the fake Chatwoot', function () {
  this.timeout(30_000);
  let ctx: FakeContext;
  let dispatcher: Dispatcher;
  let alice: ChatwootClient;
  let bob: ChatwootClient;
  let live: LiveClient;
  const received: LiveEvent[] = [];
  let store: ChatwootStore;

  /** Feeds the store the way LiveService does (src/sync/liveService.ts). */
  function apply(s: ChatwootStore, e: LiveEvent): void {
    if (CONVERSATION_EVENT_NAMES.has(e.name) && 'conversation' in e) s.applyPush(e.accountId, e.conversation);
    else if ((e.name === 'message.created' || e.name === 'message.updated') && 'message' in e) s.applyMessage(e.accountId, e.message);
    else if (e.name === 'presence.update' && 'users' in e) s.applyPresence(e.accountId, e.users);
  }

  async function serverList(kind: ListKind): Promise<Conversation[]> {
    const all: Conversation[] = [];
    for (let page = 1; ; page++) {
      const r = await alice.listConversations(ACME, { assigneeType: ASSIGNEE_TYPE[kind], status: 'open', page });
      all.push(...r.conversations);
      if (!r.hasMore) return all;
    }
  }

  async function loadedStore(): Promise<ChatwootStore> {
    const s = new ChatwootStore({ client: () => alice }, quiet);
    await s.profile();
    for (const kind of LIST_KINDS) {
      await s.loadList(ACME, kind);
      while (s.list(ACME, kind)?.hasMore) await s.loadMore(ACME, kind);
    }
    await s.idle();
    return s;
  }

  /** Store and server agree: every list row by row (order included), and the counts. */
  async function assertMatchesServer(s: ChatwootStore, why: string): Promise<void> {
    await s.idle();
    for (const kind of LIST_KINDS) {
      const server = (await serverList(kind)).map(row);
      const held = (s.list(ACME, kind)?.conversations ?? []).map(row);
      assert.deepEqual(held, server, `${why}: list ${kind}`);
    }
    const counts = await alice.getConversationCounts(ACME, { status: 'open' });
    assert.deepEqual(s.counts(ACME), counts, `${why}: counts`);
  }

  async function eventFor(name: string, id: number): Promise<LiveEvent> {
    let found: LiveEvent | undefined;
    await waitFor(`${name} for #${id}`, () => {
      found = received.find((e) => e.name === name && (('conversation' in e && e.conversation.id === id) || ('message' in e && e.message.conversation_id === id)));
      return found !== undefined;
    });
    return found!;
  }

  /** Waits for the jobs of the last change (activity messages, notifications) to be delivered. */
  async function settled(): Promise<void> {
    await ctx.control('POST', 'jobs/drain');
    await new Promise((r) => setTimeout(r, 100));
  }

  async function rest(method: string, path: string, token: string, body?: unknown): Promise<unknown> {
    const res = await fetch(`${ctx.fake.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'api-access-token': token },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    assert.ok(res.ok, `${method} ${path}: ${res.status}`);
    return res.json();
  }

  /** The first open conversation of a list (as the server has it) in one of Bob's inboxes (1, 2). */
  async function pick(kind: ListKind, where: (c: Conversation) => boolean = () => true): Promise<Conversation> {
    const c = (await serverList(kind)).find((x) => [1, 2].includes(x.inbox_id) && where(x));
    assert.ok(c, `no suitable conversation in ${kind}`);
    return c;
  }

  before(async () => {
    ctx = await useFake();
    dispatcher = createDispatcher({ keepAliveTimeoutMs: 10, useEnvironmentProxy: false });
    alice = ctx.client(SEED_TOKENS.alice);
    bob = ctx.client(SEED_TOKENS.bob);
    const credentials = await readLiveCredentials({ baseUrl: ctx.fake.url, token: SEED_TOKENS.alice, dispatcher });
    live = new LiveClient({ serverUrl: ctx.fake.url, dispatcher, credentials: { ...credentials, accountIds: [ACME] } });
    live.onEvent((e) => received.push(e));
    live.start();
    await waitFor('live', () => live.state.kind === 'live', 10_000);
  });

  after(async () => {
    await live?.close();
    await dispatcher?.close();
    await ctx?.close();
  });

  beforeEach(async () => {
    await ctx.control('POST', 'reset');
    store = await loadedStore();
    await settled();
    received.length = 0;
  });

  afterEach(() => store?.dispose());

  it('starts equal to the server (the comparison itself)', async () => {
    await assertMatchesServer(store, 'as loaded');
    assert.ok((store.list(ACME, 'all')?.conversations.length ?? 0) > 25, 'All spans several pages');
  });

  it('assignee.changed: another user assigns an unassigned conversation to me → it leaves Unassigned, joins Mine; counts follow', async () => {
    const c = await pick('unassigned');
    await assignAgent(bob, ACME, c.id, ALICE);
    const e = await eventFor('assignee.changed', c.id);
    await settled();
    apply(store, e);
    assert.equal(store.conversation(ACME, c.id)?.meta.assignee?.id, ALICE);
    assert.ok(store.list(ACME, 'mine')?.conversations.some((x) => x.id === c.id));
    assert.ok(!store.list(ACME, 'unassigned')?.conversations.some((x) => x.id === c.id));
    // The activity message moved the conversation in the order too: the push carries it.
    await assertMatchesServer(store, 'after assignee.changed');
  });

  it('team.changed: a team assignment (with Chatwoot auto-picking an agent) is applied from the team event alone', async () => {
    const c = await pick('unassigned');
    await assignTeam(bob, ACME, c.id, 1);
    const e = await eventFor('team.changed', c.id);
    await settled();
    apply(store, e);
    const server = await alice.getConversation(ACME, c.id);
    assert.equal(store.conversation(ACME, c.id)?.meta.team?.id, 1);
    assert.equal(store.conversation(ACME, c.id)?.meta.team?.name, server.meta.team?.name);
    assert.equal(store.conversation(ACME, c.id)?.meta.assignee?.id, server.meta.assignee?.id);
    await assertMatchesServer(store, 'after team.changed');
  });

  it('conversation.updated: an unassignment by another user, from conversation.updated alone', async () => {
    const c = await pick('all', (x) => x.meta.assignee !== undefined && x.meta.assignee_type === 'User');
    await unassign(bob, ACME, c.id);
    const e = await eventFor('conversation.updated', c.id);
    await settled();
    apply(store, e);
    assert.equal(store.conversation(ACME, c.id)?.meta.assignee, undefined);
    assert.ok(store.list(ACME, 'unassigned')?.conversations.some((x) => x.id === c.id));
    await assertMatchesServer(store, 'after conversation.updated');
  });

  it('conversation.status_changed: a conversation that is resolved leaves every open list; counts follow', async () => {
    const c = await pick('mine');
    await rest('POST', `/api/v1/accounts/${ACME}/conversations/${c.id}/toggle_status`, SEED_TOKENS.bob, { status: 'resolved' });
    const e = await eventFor('conversation.status_changed', c.id);
    await settled();
    apply(store, e);
    assert.equal(store.conversation(ACME, c.id)?.status, 'resolved');
    for (const kind of LIST_KINDS) assert.ok(!store.list(ACME, kind)?.conversations.some((x) => x.id === c.id), `#${c.id} left ${kind}`);
    await assertMatchesServer(store, 'after conversation.status_changed');
  });

  it('conversation.created: a conversation the store never saw joins the lists it belongs to; counts are read again', async () => {
    // The fake has no route that creates a conversation: reopen a resolved one while the store is
    // not listening, then broadcast its real push data (as the server recorded it) as conversation.created.
    const raw = (await ctx.control('GET', 'state/conversations')) as Array<{ account_id: number; display_id: number; status: string; inbox_id: number }>;
    const resolved = raw.find((r) => r.account_id === ACME && r.status === 'resolved' && [1, 2].includes(r.inbox_id));
    assert.ok(resolved, 'a resolved conversation in the seed');
    const id = resolved.display_id;
    assert.equal(store.conversation(ACME, id), undefined, 'the store has not seen it');
    await ctx.control('DELETE', 'events');
    await rest('POST', `/api/v1/accounts/${ACME}/conversations/${id}/toggle_status`, SEED_TOKENS.alice, { status: 'open' });
    await settled();
    const records = (await ctx.control('GET', 'events')) as Array<{ event: string; data: { id: number } }>;
    const pushed = records.filter((r) => r.event === 'conversation.updated' && r.data.id === id).at(-1);
    assert.ok(pushed, 'the reopen recorded its push data');
    received.length = 0;
    await ctx.control('POST', 'cable/broadcast', { user_id: ALICE, event: 'conversation.created', data: { ...pushed.data, account_id: ACME } });
    const e = await eventFor('conversation.created', id);
    apply(store, e);
    assert.equal(store.conversation(ACME, id)?.status, 'open');
    assert.ok(store.list(ACME, 'all')?.conversations.some((x) => x.id === id));
    await assertMatchesServer(store, 'after conversation.created');
  });

  it('message.created: a new message moves the conversation to the top and becomes its preview', async () => {
    const all = await serverList('all');
    const c = all.filter((x) => [1, 2].includes(x.inbox_id)).at(-1); // the oldest activity: it moves the most
    assert.ok(c);
    const sent = await bob.createMessage(ACME, c.id, { content: 'Live hello from Bob' });
    const e = await eventFor('message.created', c.id);
    await settled();
    apply(store, e);
    const held = store.conversation(ACME, c.id);
    assert.equal(held?.messages.at(-1)?.content, 'Live hello from Bob');
    assert.equal(held?.messages.at(-1)?.id, sent.id);
    assert.equal(store.list(ACME, 'all')?.conversations[0]?.id, c.id, 'at the top of All');
    await assertMatchesServer(store, 'after message.created');
  });

  it('a private note stays the preview after a later conversation event (whose push carries only public messages)', async () => {
    const c = await pick('unassigned');
    await bob.addPrivateNote(ACME, c.id, 'Internal: VIP customer');
    apply(store, await eventFor('message.created', c.id));
    assert.equal(lastMessage(store.conversation(ACME, c.id)!)?.content, 'Internal: VIP customer');
    await assignAgent(bob, ACME, c.id, CAROL);
    const e = await eventFor('assignee.changed', c.id);
    await settled();
    apply(store, e);
    assert.equal(lastMessage(store.conversation(ACME, c.id)!)?.content, 'Internal: VIP customer');
    await assertMatchesServer(store, 'after note + assignee.changed');
  });

  it('an event older than the copy held (updated_at) is dropped', async () => {
    const c = await pick('unassigned');
    await assignAgent(bob, ACME, c.id, CAROL);
    const e = await eventFor('assignee.changed', c.id);
    await settled();
    apply(store, e);
    assert.equal(store.conversation(ACME, c.id)?.meta.assignee?.id, CAROL);
    const records = (await ctx.control('GET', 'events')) as Array<{ event: string; data: { id: number; updated_at: number; meta: Record<string, unknown> } }>;
    const data = records.filter((r) => r.event === 'assignee.changed' && r.data.id === c.id).at(-1)!.data;
    // The same conversation, an earlier state (assigned to Bob), with an older updated_at.
    const older = {
      ...data,
      updated_at: data.updated_at - 10,
      meta: { ...data.meta, assignee: { id: BOB_ID, name: 'Bob Brown', available_name: 'Bob Brown', type: 'user', availability_status: null, thumbnail: '' } },
      account_id: ACME,
    };
    received.length = 0;
    await ctx.control('POST', 'cable/broadcast', { user_id: ALICE, event: 'conversation.updated', data: older });
    const stale = await eventFor('conversation.updated', c.id);
    let changes = 0;
    const sub = store.onDidChange(() => changes++);
    apply(store, stale);
    sub.dispose();
    assert.equal(changes, 0, 'no change fired');
    assert.equal(store.conversation(ACME, c.id)?.meta.assignee?.id, CAROL);
    await assertMatchesServer(store, 'after the stale event');
  });
});
