/**
 * The conversation-tab endpoints against the fake Chatwoot: messages (windows of 20, `before`),
 * private notes (never retried), the workload live report and conversations by display id
 * through `conversations/filter` (a read-only POST: retried, never "maybe processed").
 */
import * as assert from 'node:assert/strict';
import { displayIdFilterBody, isChatwootError, type ChatwootClient } from '../../../src/api';
import { openCount } from '../../../src/api/workload';
import { atSecond, startHarness, testClock, type FakeHarness } from '../faults/harness';
import { SEED_TOKENS } from '../helpers/fakeServer';

describe('ChatwootClient conversation endpoints', () => {
  let h: FakeHarness;
  let alice: ChatwootClient;
  let bob: ChatwootClient;

  before(async () => {
    h = await startHarness();
    alice = h.clients.make();
    bob = h.clients.make({ token: SEED_TOKENS.bob });
  });
  after(() => h.close());
  beforeEach(() => h.control('POST', 'reset'));

  const requests = (method: string, re: RegExp) => h.log().filter((r) => r.method === method && re.test(r.path));

  describe('listMessages', () => {
    it('returns the 20 newest oldest-first, then pages back with before=<smallest id> until fewer than 20 arrive', async () => {
      const first = await alice.listMessages(1, 4);
      assert.equal(first.messages.length, 20);
      assert.equal(first.hasOlder, true);
      const ids = first.messages.map((m) => m.id);
      assert.deepEqual(
        ids,
        [...ids].sort((a, b) => a - b),
        'ascending',
      );
      assert.equal(first.olderCursor, Math.min(...ids));
      const seen = new Set(ids);
      let page = first;
      let calls = 1;
      while (page.hasOlder) {
        page = await alice.listMessages(1, 4, { before: page.olderCursor });
        calls += 1;
        for (const m of page.messages) {
          assert.equal(seen.has(m.id), false, `message ${m.id} came twice`);
          seen.add(m.id);
        }
      }
      assert.equal(seen.size, 62, 'the whole long thread');
      assert.equal(calls, 4);
      assert.equal(page.messages.length, 2);
      assert.deepEqual(
        requests('GET', /\/conversations\/4\/messages$/).map((r) => r.query.before),
        [undefined, '195', '175', '155'],
      );
    });

    it('keeps the REST shape: activity without sender, private notes, attachments, email subject, meta', async () => {
      const page = await alice.listMessages(1, 1);
      assert.equal(page.hasOlder, false);
      const activity = page.messages.find((m) => m.message_type === 2)!;
      assert.equal(activity.content, 'Assigned to Bob Brown by Alice Anderson');
      assert.equal(activity.sender, undefined);
      const note = page.messages.find((m) => m.private)!;
      assert.equal(note.sender?.type, 'user');
      assert.equal(note.sender?.name, 'Alice Anderson');
      const withFiles = page.messages.find((m) => m.attachments?.length === 2)!;
      assert.deepEqual(
        withFiles.attachments!.map((a) => [a.file_type, a.file_size]),
        [
          ['file', 182044],
          ['audio', 9120],
        ],
      );
      assert.equal(page.meta.assignee?.name, 'Bob Brown');
      assert.equal(page.meta.contact?.name, 'Customer 01');
      assert.equal(typeof page.meta.agent_last_seen_at, 'string');

      const email = (await alice.listMessages(1, 2)).messages.find((m) => m.content_type === 'incoming_email')!;
      assert.equal(email.content_attributes?.email?.subject, 'Invoice question <script>alert(1)</script>');
      assert.equal(JSON.stringify(email).includes('html_content'), false, 'the email HTML is dropped at the boundary');
    });

    it('maps a missing conversation to not-found and refuses a bad cursor before sending', async () => {
      await assert.rejects(alice.listMessages(1, 9999), (e) => isChatwootError(e) && e.kind === 'not-found' && e.resource === 'conversation #9999 in account 1');
      await assert.rejects(alice.listMessages(1, 1, { before: 0 }), RangeError);
    });

    it('passes the abort signal: an aborted call is cancelled', async () => {
      const controller = new AbortController();
      controller.abort();
      await assert.rejects(alice.listMessages(1, 1, {}, { signal: controller.signal }), (e) => isChatwootError(e) && e.kind === 'cancelled');
    });
  });

  describe('addPrivateNote', () => {
    it('posts {content, private: true, echo_id} and returns the note; it shows up as the newest message', async () => {
      const note = await alice.addPrivateNote(1, 21, 'Checked **logs**', { echoId: 'tab-1' });
      assert.equal(note.private, true);
      assert.equal(note.message_type, 1);
      assert.equal(note.echo_id, 'tab-1');
      assert.equal(note.content, 'Checked **logs**');
      assert.deepEqual(
        requests('POST', /\/conversations\/21\/messages$/).map((r) => r.body),
        [{ content: 'Checked **logs**', private: true, echo_id: 'tab-1' }],
      );
      const page = await alice.listMessages(1, 21);
      assert.equal(page.messages.at(-1)?.id, note.id);
    });

    it('is never retried: a 503 or a dropped connection sends exactly one POST, and says it may have been processed', async () => {
      for (const fault of [{ status: 503 }, { status: 504 }, { mode: 'close' }]) {
        await h.control('POST', 'reset');
        const clock = testClock(atSecond(10));
        await h.failNext({ path_regex: '/messages$', ...fault });
        const e = await h.clients
          .make({ clock })
          .addPrivateNote(1, 21, 'once')
          .then(
            () => assert.fail('should fail'),
            (err: unknown) => err,
          );
        assert.ok(isChatwootError(e));
        assert.equal(requests('POST', /\/messages$/).length, 1, `one POST for ${JSON.stringify(fault)}`);
        assert.deepEqual(clock.sleeps, []);
        if (!('status' in fault) || fault.status === 504) assert.equal(e.maybeProcessed, true, JSON.stringify(fault));
      }
    });

    it('maps 422 (too long) to validation without sending when over the limit, and 401 for no access', async () => {
      await assert.rejects(alice.addPrivateNote(1, 21, 'x'.repeat(150_001)), RangeError);
      assert.equal(requests('POST', /\/messages$/).length, 0);
      await assert.rejects(bob.addPrivateNote(1, 21, 'hi'), (e) => isChatwootError(e) && e.kind === 'not-permitted');
    });
  });

  describe('getWorkload', () => {
    it('groups open conversations by agent, with the null group for unassigned; absent agents count 0', async () => {
      const groups = await alice.getWorkload(1, 'assignee_id');
      assert.deepEqual(
        groups.map((g) => [g.id, g.open]),
        [
          [1, 6],
          [2, 5],
          [3, 6],
          [4, 6],
          [5, 5],
          [null, 14],
        ],
      );
      assert.equal(groups.find((g) => g.id === null)?.unassigned, 14);
      assert.equal(openCount(groups, 2), 5);
      assert.equal(openCount(groups, 999), 0);
      const last = h.log().at(-1)!;
      assert.equal(last.path, '/api/v2/accounts/1/live_reports/grouped_conversation_metrics');
      assert.deepEqual(last.query, { group_by: 'assignee_id' });
    });

    it('groups by team, and restricts to one team', async () => {
      const teams = await alice.getWorkload(1, 'team_id');
      assert.deepEqual(
        teams.map((g) => [g.id, g.open]),
        [
          [1, 9],
          [2, 9],
          [3, 2],
          [null, 22],
        ],
      );
      const one = await alice.getWorkload(1, 'assignee_id', { teamId: 1 });
      assert.equal(
        one.reduce((n, g) => n + g.open, 0),
        9,
      );
      assert.deepEqual(h.log().at(-1)!.query, { group_by: 'assignee_id', team_id: '1' });
    });

    it('is for administrators: an agent gets not-permitted; an unknown team is not-found', async () => {
      await assert.rejects(bob.getWorkload(1, 'assignee_id'), (e) => isChatwootError(e) && e.kind === 'not-permitted');
      await assert.rejects(alice.getWorkload(1, 'team_id', { teamId: 999 }), (e) => isChatwootError(e) && e.kind === 'not-found');
    });
  });

  describe('getConversationsByIds', () => {
    it('sends the display_id equal_to body with a null final query_operator, keeps the asked order, reports missing ids', async () => {
      const result = await alice.getConversationsByIds(1, [12, 15, 99, 21, 12, 1]);
      assert.deepEqual(
        result.conversations.map((c) => c.id),
        [12, 15, 21, 1],
      );
      assert.deepEqual(result.missing, [99]);
      const posts = requests('POST', /\/conversations\/filter$/);
      assert.equal(posts.length, 1);
      assert.deepEqual(posts[0].body, displayIdFilterBody([12, 15, 99, 21, 1]));
      assert.deepEqual(posts[0].query, { page: '1' });
    });

    it('asks 25 ids per request, so 60 ids take 3 requests and every conversation comes back once', async () => {
      const ids = Array.from({ length: 60 }, (_, i) => i + 1);
      const result = await alice.getConversationsByIds(1, ids);
      const posts = requests('POST', /\/conversations\/filter$/);
      assert.deepEqual(
        posts.map((p) => (p.body as ReturnType<typeof displayIdFilterBody>).payload[0].values.length),
        [25, 25, 10],
      );
      assert.equal(new Set(result.conversations.map((c) => c.id)).size, result.conversations.length);
      assert.deepEqual(
        [...result.conversations.map((c) => c.id), ...result.missing].sort((a, b) => a - b),
        ids,
      );
      assert.ok(result.conversations.length > 40);
    });

    it('returns only what an agent may see (inbox members only)', async () => {
      const result = await bob.getConversationsByIds(1, [12, 15, 99, 21, 1]);
      assert.deepEqual(
        result.conversations.map((c) => c.id),
        [1],
      );
      assert.deepEqual(result.missing, [12, 15, 99, 21]);
    });

    it('is a read: a 503 is retried (unlike other POSTs) and a failure never says "maybe processed"', async () => {
      const clock = testClock(atSecond(10));
      await h.failNext({ path_regex: '/conversations/filter$', status: 503 });
      const result = await h.clients.make({ clock }).getConversationsByIds(1, [12]);
      assert.deepEqual(
        result.conversations.map((c) => c.id),
        [12],
      );
      assert.deepEqual(
        requests('POST', /\/filter$/).map((r) => r.status),
        [503, 200],
      );

      await h.control('POST', 'reset');
      await h.failNext({ path_regex: '/conversations/filter$', mode: 'close' });
      const e = await h.clients
        .make({ dispatcher: { maxRetries: 0 } })
        .getConversationsByIds(1, [12])
        .then(
          () => assert.fail('should fail'),
          (err: unknown) => err,
        );
      assert.ok(isChatwootError(e) && e.kind === 'network');
      assert.equal(e.maybeProcessed, false);
    });
  });
});
