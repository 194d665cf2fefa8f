// API-FACTS-LIVE §4: POST conversations/{id}/messages — private notes and public replies,
// their side effects (last_activity_at and list order; waiting_since, first reply and status
// untouched by a note), the `message.created` event in the EventLog, and the 422 errors.
import * as assert from 'node:assert/strict';
import { NOT_AUTHORIZED_ACTION, NOT_FOUND, NOW0, TOKENS, expectBody, expectJson, keysOf, useFake, type Api } from './fixture';
import { at, obj, objects, type JsonObject } from './http';

const A1 = '/api/v1/accounts/1';

function post(api: Api, displayId: number, body: unknown, token: string = TOKENS.alice) {
  return api.post(`${A1}/conversations/${displayId}/messages`, body, token);
}

async function messageEvents(api: Api): Promise<JsonObject[]> {
  return (await api.events()).filter((e) => e.event === 'message.created');
}

describe('fake chatwoot: private notes and replies (LIVE §4)', function () {
  const ctx = useFake();
  beforeEach(async function () {
    await ctx.api.reset();
  });

  it('a note answers 200 with the message item: private, outgoing, text, sent, echo_id, sender = caller', async function () {
    const res = await post(ctx.api, 3, { content: 'Check <b>this</b> {{contact.name}}', private: true, echo_id: 'echo-1' });
    expectJson(res, 200);
    const note = obj(res.json);
    assert.deepStrictEqual(keysOf(note), [
      'id',
      'content',
      'inbox_id',
      'echo_id',
      'conversation_id',
      'message_type',
      'content_type',
      'status',
      'content_attributes',
      'created_at',
      'private',
      'source_id',
      'sender',
    ]);
    assert.equal(note.content, 'Check <b>this</b> {{contact.name}}', 'stored as given (Liquid is not expanded by the fake)');
    assert.equal(note.private, true);
    assert.equal(note.message_type, 1);
    assert.equal(note.content_type, 'text');
    assert.equal(note.status, 'sent');
    assert.deepStrictEqual(note.content_attributes, {});
    assert.equal(note.source_id, null);
    assert.equal(note.echo_id, 'echo-1');
    assert.equal(note.conversation_id, 3);
    assert.equal(note.created_at, NOW0 + 1, 'the virtual clock ticks once per mutation');
    assert.deepStrictEqual(note.sender, {
      id: 1,
      name: 'Alice Anderson',
      available_name: 'Alice Anderson',
      avatar_url: '',
      type: 'user',
      availability_status: 'online',
      thumbnail: '',
    });
    const thread = objects(at((await ctx.api.get(`${A1}/conversations/3/messages`)).json, 'payload'));
    assert.equal(thread[thread.length - 1].id, note.id, 'appended as the newest message');
    assert.equal('echo_id' in thread[thread.length - 1], false, 'echo_id only in the create response');
  });

  it('a note moves last_activity_at (list order) but keeps waiting_since, first reply, status and unread count', async function () {
    const before = await ctx.api.conversation(1, 3);
    assert.notEqual(before.waiting_since, 0, 'conversation 3 is waiting');
    assert.notEqual((await ctx.api.list(1)).ids[0], 3);
    await post(ctx.api, 3, { content: 'internal', private: true });
    const after = await ctx.api.conversation(1, 3);
    assert.equal(after.last_activity_at, NOW0 + 1);
    assert.equal(after.timestamp, NOW0 + 1);
    assert.ok((after.updated_at as number) > (before.updated_at as number), 'updated_at is touched');
    assert.equal(after.waiting_since, before.waiting_since);
    assert.equal(after.first_reply_created_at, before.first_reply_created_at);
    assert.equal(after.unread_count, before.unread_count);
    assert.equal((await ctx.api.list(1)).ids[0], 3, 'moves to the top of last_activity_at order');
    // A note on a resolved conversation does not reopen it.
    await post(ctx.api, 10, { content: 'after the fact', private: true });
    assert.equal((await ctx.api.conversation(1, 10)).status, 'resolved');
  });

  it('a note records message.created (push data, account_id, performer) and no conversation.updated', async function () {
    await ctx.api.request('DELETE', '/__fake/events');
    const res = await post(ctx.api, 3, { content: 'note for the cable', private: true, echo_id: 'e-7' });
    const id = obj(res.json).id;
    const events = await ctx.api.events();
    assert.deepStrictEqual(
      events.map((e) => e.event),
      ['message.created'],
    );
    const data = obj(events[0].data);
    assert.equal(events[0].account_id, 1);
    assert.equal(data.id, id);
    assert.equal(data.private, true);
    assert.equal(data.conversation_id, 3);
    assert.equal(data.account_id, 1);
    assert.equal(data.echo_id, 'e-7');
    assert.equal(data.sender_type, 'User');
    assert.equal(typeof data.updated_at, 'string');
    assert.equal(at(data, 'conversation.last_activity_at'), NOW0 + 1);
    assert.equal(at(data, 'performer.id'), 1);
    assert.equal(at(data, 'performer.type'), 'user');
  });

  it('a public reply is the first reply: clears waiting_since, sets first_reply_created_at, emits conversation.updated', async function () {
    await ctx.api.request('DELETE', '/__fake/events');
    const res = await post(ctx.api, 3, { content: 'We are on it' });
    expectJson(res, 200);
    assert.equal(obj(res.json).private, false);
    const after = await ctx.api.conversation(1, 3);
    assert.equal(after.waiting_since, 0);
    assert.equal(after.first_reply_created_at, NOW0 + 1);
    const names = (await ctx.api.events()).map((e) => e.event);
    assert.deepStrictEqual(names, ['message.created', 'first.reply.created', 'conversation.updated']);
  });

  it('an incoming message (message_type "incoming") comes from the contact and reopens a resolved conversation', async function () {
    const res = await post(ctx.api, 10, { content: 'still broken', message_type: 'incoming' });
    expectJson(res, 200);
    assert.equal(obj(res.json).message_type, 0);
    assert.equal(at(res.json, 'sender.type'), 'contact');
    assert.equal((await ctx.api.conversation(1, 10)).status, 'open');
  });

  it('deferred jobs: the answer comes first, message.created only after a drain', async function () {
    await ctx.api.config({ jobs: 'deferred' });
    try {
      await ctx.api.request('DELETE', '/__fake/events');
      expectJson(await post(ctx.api, 3, { content: 'later', private: true }), 200);
      assert.deepStrictEqual(await messageEvents(ctx.api), []);
      await ctx.api.drain();
      assert.equal((await messageEvents(ctx.api)).length, 1);
    } finally {
      await ctx.api.config({ jobs: 'immediate' });
    }
  });

  it('150 000 characters are accepted; 150 001 → 422 with the Rails validation text; nothing is stored', async function () {
    expectJson(await post(ctx.api, 3, { content: 'a'.repeat(150000), private: true }), 200);
    const before = await ctx.api.state(1, 3);
    const res = await post(ctx.api, 3, { content: 'a'.repeat(150001), private: true });
    expectBody(res, 422, { error: 'Validation failed: Content is too long (maximum is 150000 characters)' });
    const after = await ctx.api.state(1, 3);
    assert.deepStrictEqual(objects(after.messages).length, objects(before.messages).length);
  });

  it('an unknown content_type → 422; an empty note is stored', async function () {
    const bad = await post(ctx.api, 3, { content: 'x', private: true, content_type: 'bogus' });
    assert.equal(bad.status, 422);
    assert.equal(typeof obj(bad.json).error, 'string');
    const empty = await post(ctx.api, 3, { private: true });
    expectJson(empty, 200);
    assert.equal(obj(empty.json).content, '');
  });

  it('access: 404 unknown conversation, 401 without inbox/team access, bots may post (sender agent_bot)', async function () {
    expectBody(await post(ctx.api, 999, { content: 'x', private: true }), 404, NOT_FOUND);
    expectBody(await post(ctx.api, 3, { content: 'x', private: true }, TOKENS.bob), 401, NOT_AUTHORIZED_ACTION);
    const bot = await post(ctx.api, 3, { content: 'bot note', private: true }, TOKENS.triageBot);
    expectJson(bot, 200);
    assert.deepStrictEqual(obj(bot.json).sender, { id: 1, name: 'Triage Bot', avatar_url: '', type: 'agent_bot' });
  });
});
