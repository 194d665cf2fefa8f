/**
 * The store (src/store) against the fake Chatwoot over loopback with a real ChatwootClient: one
 * request per list however many readers, a reader that gives up only stops waiting, invalidations
 * abort what they supersede and a late answer never lands, and patches move conversations between
 * Mine / Unassigned / All with the four counts the server itself reports afterwards.
 */
import * as assert from 'node:assert/strict';
import type { ChatwootClient, Conversation } from '../../../src/api';
import { COUNTS_REREAD_MS, NotSignedInError } from '../../../src/store/store';
import { SEED_TOKENS, useFake, type FakeContext } from '../helpers/fakeServer';
import { countsReads, ids, lateClient, listReads, sleep, storeOn, type StoreHarness } from './storeHarness';
import { assignAgent, unassign } from '../../support/clientExtras';

const ACME = 1;
const ALICE = 1;

describe('ChatwootStore against the fake Chatwoot', function () {
  this.timeout(10_000);
  let ctx: FakeContext;
  let alice: ChatwootClient;
  let h: StoreHarness;

  before(async () => {
    ctx = await useFake();
    alice = ctx.client(SEED_TOKENS.alice);
  });
  after(() => ctx.close());
  beforeEach(() => {
    ctx.fake.reset();
    ownCountsReads = 0;
    h = storeOn(alice);
  });
  afterEach(() => h.store.dispose());

  /** Count of the `conversations/meta` reads this test made itself (the store's are the others). */
  let ownCountsReads = 0;
  const serverCounts = () => (ownCountsReads++, alice.getConversationCounts(ACME, { status: 'open' }));
  const serverList = async (assigneeType: 'me' | 'unassigned' | 'all', page = 1, client = alice) =>
    (await client.listConversations(ACME, { assigneeType, status: 'open', page })).conversations.map((c) => c.id);
  /** Loads the profile (who "me" is) and the three lists of Acme Support. */
  async function loadAcme(): Promise<void> {
    await h.store.profile();
    await Promise.all([h.store.loadList(ACME, 'mine'), h.store.loadList(ACME, 'unassigned'), h.store.loadList(ACME, 'all')]);
    ctx.fake.requests.length = 0;
    h.changes.length = 0;
  }

  describe('request sharing and abort', () => {
    it('two concurrent loadList calls send one GET and see the same rows; the counts come with it', async () => {
      const [a, b] = await Promise.all([h.store.loadList(ACME, 'unassigned'), h.store.loadList(ACME, 'unassigned')]);
      assert.equal(listReads(ctx, ACME, 'unassigned').length, 1);
      assert.deepEqual(ids(a), ids(b));
      assert.equal(a.conversations.length, 14);
      assert.deepEqual(await h.store.loadCounts(ACME), await serverCounts());
      await h.store.loadList(ACME, 'unassigned');
      assert.equal(listReads(ctx, ACME, 'unassigned').length, 1, 'a loaded list is not read again');
    });

    it('concurrent loadMore calls share the page-2 request; the rows are appended once', async () => {
      await Promise.all([h.store.loadMore(ACME, 'all'), h.store.loadMore(ACME, 'all')]);
      assert.deepEqual(
        listReads(ctx, ACME).map((r) => r.query.page),
        ['1', '2'],
      );
      const all = h.store.list(ACME, 'all');
      assert.equal(all?.conversations.length, 42);
      assert.equal(new Set(ids(all)).size, 42);
      assert.equal(all?.hasMore, false);
    });

    it("a reader's abort only stops that reader waiting: the request goes on and its answer lands", async () => {
      const late = lateClient(alice);
      h.use(late.client);
      const gaveUp = new AbortController();
      const first = h.store.loadList(ACME, 'mine', gaveUp.signal);
      const second = h.store.loadList(ACME, 'mine');
      await late.answered;
      gaveUp.abort();
      await assert.rejects(first, (e: Error) => e.name === 'AbortError');
      late.release();
      assert.deepEqual(ids(await second), await serverList('me'));
      await h.store.idle();
      assert.equal(listReads(ctx, ACME, 'me').length, 2, 'one read by the store, one by this test');
      assert.ok(h.store.list(ACME, 'mine'), 'the answer landed for everyone');
    });

    it('signed out: NotSignedInError and no request', async () => {
      h.use(undefined);
      await assert.rejects(h.store.loadList(ACME, 'mine'), NotSignedInError);
      await assert.rejects(h.store.profile(), NotSignedInError);
      assert.deepEqual(ctx.fake.requests, []);
    });
  });

  describe('invalidation: a late answer never lands', () => {
    for (const [name, invalidate, kind] of [
      ['refreshList', (h: StoreHarness) => h.store.refreshList(ACME, 'unassigned'), 'unassigned'],
      ['refreshAccount', (h: StoreHarness) => h.store.refreshAccount(ACME), 'mine'],
      ['reset', (h: StoreHarness) => h.store.reset(), 'all'],
    ] as const) {
      it(`${name} aborts the load in flight; its answer, arriving afterwards, changes nothing`, async () => {
        const late = lateClient(alice);
        h.use(late.client);
        const loading = h.store.loadList(ACME, kind);
        await late.answered;
        invalidate(h);
        h.changes.length = 0;
        late.release();
        await assert.rejects(loading, (e: Error) => e.name === 'AbortError');
        await h.store.idle();
        assert.equal(h.store.list(ACME, kind), undefined, 'the superseded answer did not fill the list');
        assert.equal(h.store.counts(ACME), undefined, 'nor the counts');
        assert.deepEqual(h.changes, [], 'and announced nothing');
        // The next reader gets a fresh request.
        h.use(alice);
        const before = ctx.fake.requests.length;
        await h.store.loadList(ACME, kind);
        assert.equal(ctx.fake.requests.length, before + 1);
      });
    }

    it('reset also drops a profile read in flight', async () => {
      const late = lateClient(alice);
      h.use(late.client);
      const reading = h.store.profile();
      await late.answered;
      h.store.reset();
      late.release();
      await assert.rejects(reading, (e: Error) => e.name === 'AbortError');
      await h.store.idle();
      assert.equal(h.store.knownProfile, undefined);
    });

    it('refreshList keeps the counts until the new first page replaces them, and fires { accountId, lists }', async () => {
      await loadAcme();
      const counts = h.store.counts(ACME);
      h.store.refreshList(ACME, 'unassigned');
      assert.deepEqual(h.changes, [{ accountId: ACME, lists: ['unassigned'] }]);
      assert.equal(h.store.list(ACME, 'unassigned'), undefined);
      assert.ok(h.store.list(ACME, 'mine'), 'the other lists stay');
      assert.deepEqual(h.store.counts(ACME), counts);
      h.store.refreshAccount(ACME);
      assert.deepEqual(h.changes.at(-1), { accountId: ACME });
      assert.equal(h.store.list(ACME, 'mine'), undefined);
      h.store.reset();
      assert.deepEqual(h.changes.at(-1), {});
      assert.equal(h.store.counts(ACME), undefined);
    });
  });

  describe('patches (applyConversations)', () => {
    /** Assigns on the server, re-reads, patches the store: what the assign commands do. */
    async function assign(id: number, agentId: number | null): Promise<Conversation> {
      if (agentId === null) await unassign(alice, ACME, id);
      else await assignAgent(alice, ACME, id, agentId);
      const now = await alice.getConversation(ACME, id);
      h.store.applyConversations(ACME, [now]);
      return now;
    }
    /** The store's three lists and counts equal what the server lists and counts now. */
    async function assertLikeServer(): Promise<void> {
      assert.deepEqual(h.store.counts(ACME), await serverCounts());
      assert.deepEqual(ids(h.store.list(ACME, 'mine')), await serverList('me'));
      assert.deepEqual(ids(h.store.list(ACME, 'unassigned')), await serverList('unassigned'));
      // All is longer than a page: the store holds a prefix of the server's order (a row that moved
      // up stays loaded, the row it pushed to page 2 too).
      const all = ids(h.store.list(ACME, 'all'));
      assert.deepEqual(all, [...(await serverList('all')), ...(await serverList('all', 2))].slice(0, all.length));
      assert.ok(all.length >= 25);
    }

    it('moves a conversation between Mine / Unassigned / All and shifts the four counts exactly (no re-read)', async () => {
      await loadAcme();
      await assign(21, ALICE); // unassigned → mine
      await assertLikeServer();
      assert.deepEqual(h.changes.at(-1), { accountId: ACME, lists: ['mine', 'unassigned', 'all'], counts: true });
      await assign(11, null); // mine → unassigned
      await assertLikeServer();
      await assign(21, 2); // mine → someone else's (still in All)
      await assertLikeServer();
      await assign(33, ALICE); // held by a bot (counted as unassigned) → mine
      await assertLikeServer();
      await h.store.idle();
      assert.equal(countsReads(ctx, ACME).length, ownCountsReads, 'every change was derived, none re-read');
    });

    it('ignores an older copy (updated_at) of a conversation it holds', async () => {
      await loadAcme();
      const held = h.store.conversation(ACME, 21)!;
      const stale: Conversation = {
        ...held,
        updated_at: held.updated_at! - 60,
        meta: { ...held.meta, assignee: { ...(await alice.getConversation(ACME, 11)).meta.assignee! }, assignee_type: 'User' },
      };
      const counts = h.store.counts(ACME);
      h.store.applyConversations(ACME, [stale]);
      assert.equal(h.store.conversation(ACME, 21), held);
      assert.ok(ids(h.store.list(ACME, 'unassigned')).includes(21));
      assert.ok(!ids(h.store.list(ACME, 'mine')).includes(21));
      assert.deepEqual(h.store.counts(ACME), counts);
      assert.deepEqual(h.changes, []);
    });

    it('a never-seen conversation schedules ONE debounced counts re-read (conversations/meta), however many arrive', async () => {
      await h.store.loadList(ACME, 'unassigned');
      // Another agent's work the store never saw: the counts cannot be derived.
      const bob = ctx.client(SEED_TOKENS.bob);
      await assignAgent(alice, ACME, 21, 2);
      const unseen = await Promise.all([47, 34, 55].map((id) => bob.getConversation(ACME, id)));
      ctx.fake.requests.length = 0;
      h.changes.length = 0;
      for (const c of unseen) h.store.applyConversations(ACME, [c]);
      assert.deepEqual(countsReads(ctx, ACME), [], 'not at once');
      await h.store.idle();
      const reads = countsReads(ctx, ACME);
      assert.equal(reads.length, 1);
      assert.deepEqual(h.changes.at(-1), { accountId: ACME, counts: true });
      assert.deepEqual(h.store.counts(ACME), await serverCounts());
      // Another one soon after: at most one re-read per COUNTS_REREAD_MS.
      const next = await bob.getConversation(ACME, 16);
      ctx.fake.requests.length = 0;
      h.store.applyConversations(ACME, [next]);
      await h.store.idle();
      const again = countsReads(ctx, ACME);
      assert.equal(again.length, 1);
      assert.ok(again[0].at - reads[0].at >= COUNTS_REREAD_MS - 100, `${again[0].at - reads[0].at} ms apart`);
    });

    it('a copy merely read (read: true) is placed but schedules no re-read', async () => {
      await loadAcme();
      h.store.applyConversations(ACME, [await alice.getConversation(ACME, 47)], { read: true });
      await h.store.idle();
      assert.deepEqual(countsReads(ctx, ACME), []);
      assert.equal(h.store.conversation(ACME, 47)?.id, 47);
    });
  });

  describe('revalidateList', () => {
    let paged: ChatwootClient;
    before(() => (paged = ctx.client(SEED_TOKENS.alice, { pageSize: 5 })));
    beforeEach(() => ctx.control('POST', 'config', { per_page: 5 }));

    it('merges a fresh first page: rows that left leave, the later pages stay, nothing twice', async () => {
      h.use(paged);
      await h.store.loadMore(ACME, 'unassigned');
      const loaded = ids(h.store.list(ACME, 'unassigned'));
      assert.equal(loaded.length, 10);
      assert.equal(h.store.revalidateList(ACME, 'unassigned', 60_000), undefined, 'fresh enough: no request');
      await assignAgent(paged, ACME, loaded[1], 2); // leaves Unassigned server-side; page 2's first row moves up
      await sleep(2);
      await h.store.revalidateList(ACME, 'unassigned', 0);
      const now = ids(h.store.list(ACME, 'unassigned'));
      const server = [...(await serverList('unassigned', 1, paged)), ...(await serverList('unassigned', 2, paged))];
      assert.ok(!now.includes(loaded[1]), 'the row that left is gone');
      assert.deepEqual(now, server.slice(0, 9), 'fresh page 1, then the rest of page 2');
      assert.ok(h.store.list(ACME, 'unassigned')?.hasMore, 'still more to load');
    });
  });

  describe('idle() and change events', () => {
    it('idle() waits for background work registered by readers', async () => {
      let done = false;
      void h.store.background(sleep(60).then(() => (done = true)));
      await h.store.idle();
      assert.equal(done, true);
    });

    it('a list read fires { accountId, lists: [kind], counts } (counts: true only when they changed); setProfile fires { profile }', async () => {
      await h.store.loadList(2, 'mine');
      assert.deepEqual(h.changes, [{ accountId: 2, lists: ['mine'], counts: true }]);
      await h.store.loadList(2, 'unassigned');
      assert.deepEqual(h.changes.at(-1), { accountId: 2, lists: ['unassigned'], counts: false });
      h.store.setProfile(await alice.getProfile());
      assert.deepEqual(h.changes.at(-1), { profile: true });
    });
  });
});
