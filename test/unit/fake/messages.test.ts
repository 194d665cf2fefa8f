// API-FACTS-LIVE §3: GET conversations/{id}/messages — the MessageFinder windows (20 newest,
// 20 before an id, 100 after, ≤1000 between), the response shape, and the seeded threads
// whose hostile content must come back verbatim (the fake, like Chatwoot, never sanitizes).
import * as assert from 'node:assert/strict';
import { BOTS_NOT_ALLOWED, NOT_AUTHORIZED_ACTION, NOT_FOUND, TOKENS, expectBody, expectJson, keysOf, useFake, type Api } from './fixture';
import { at, hasKey, obj, objects, type JsonObject } from './http';

const A1 = '/api/v1/accounts/1';
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const META_KEYS = ['labels', 'additional_attributes', 'contact', 'assignee', 'agent_last_seen_at', 'assignee_last_seen_at'];
const ITEM_KEYS = ['id', 'content', 'inbox_id', 'conversation_id', 'message_type', 'content_type', 'status', 'content_attributes', 'created_at', 'private', 'source_id'];

/** Copies of the seed's hostile strings (seed/threads.ts); a change there must fail here. */
const HOSTILE = {
  imgOnerror: '<img src=x onerror=alert(1)>',
  script: '<script>alert(1)</script>',
  javascriptLink: '[click](javascript:alert(1))',
  htmlMix: '<a href="javascript:alert(1)">x</a> <iframe src="https://evil.test/frame"></iframe> <svg onload=alert(1)> <b onmouseover="alert(1)">hover</b>',
  note: 'Heads up [@Bob Brown](mention://user/2/Bob%20Brown): the customer pasted <script>alert("note")</script>, see the **logs**',
  markdownStart: '**Thanks!** I can help with that.\n\n1. Open [your account](https://acme.test/account)',
  imageName: '"><img src=x onerror=alert(1)>.png',
};

interface Page {
  meta: JsonObject;
  payload: JsonObject[];
  ids: number[];
}

async function messages(api: Api, displayId: number, query = '', token: string = TOKENS.alice): Promise<Page> {
  const res = await api.get(`${A1}/conversations/${displayId}/messages${query ? `?${query}` : ''}`, token);
  expectJson(res, 200);
  assert.deepStrictEqual(keysOf(res.json), ['meta', 'payload']);
  const payload = objects(at(res.json, 'payload'), 'payload');
  return { meta: obj(at(res.json, 'meta')), payload, ids: payload.map((m) => m.id as number) };
}

function ascending(page: Page): void {
  const times = page.payload.map((m) => m.created_at as number);
  assert.deepStrictEqual(
    times,
    [...times].sort((a, b) => a - b),
    'ascending created_at',
  );
}

/** Loads the whole thread the way the dashboard does: before=<oldest id> until empty. */
async function loadAll(api: Api, displayId: number): Promise<JsonObject[]> {
  let page = await messages(api, displayId);
  const all = [...page.payload];
  for (let guard = 0; page.payload.length > 0 && guard < 20; guard += 1) {
    page = await messages(api, displayId, `before=${page.ids[0]}`);
    all.unshift(...page.payload);
  }
  return all;
}

describe('fake chatwoot: messages (LIVE §3)', function () {
  const ctx = useFake();

  describe('windows', function () {
    it('no parameters: the 20 newest, ascending; the newest is the seeded last message', async function () {
      const page = await messages(ctx.api, 4);
      assert.equal(page.payload.length, 20);
      ascending(page);
      const last = page.payload[19];
      assert.equal(last.content, 'Thanks, looking into it.');
      assert.equal(last.message_type, 1);
      assert.equal(page.payload[18].content, 'Long thread message 60');
      assert.ok(
        page.ids.every((id, i) => i === 0 || id > page.ids[i - 1]),
        'ids grow with created_at inside a thread',
      );
    });

    it('conversation 4 has more than 50 messages; paging with before= loads them all once, then an empty page', async function () {
      const all = await loadAll(ctx.api, 4);
      assert.equal(all.length, 62);
      assert.equal(new Set(all.map((m) => m.id)).size, 62, 'no duplicates');
      assert.equal(all[0].content, 'Hi, I need help with order #1004');
      assert.equal(all[1].content, 'Long thread message 1');
      const first = await messages(ctx.api, 4, `before=${all[0].id as number}`);
      assert.deepStrictEqual(first.payload, [], 'nothing before the oldest');
    });

    it('before=B: the 20 newest with id < B', async function () {
      const newest = await messages(ctx.api, 4);
      const older = await messages(ctx.api, 4, `before=${newest.ids[0]}`);
      assert.equal(older.payload.length, 20);
      ascending(older);
      assert.ok(older.ids.every((id) => id < newest.ids[0]));
      assert.equal(older.ids[19] < newest.ids[0], true);
      const contents = older.payload.map((m) => m.content);
      assert.equal(contents[19], 'Long thread message 41');
    });

    it('after=A: up to 100 with id > A (all 62 from 0); after is exclusive alone, inclusive with before', async function () {
      const all = await loadAll(ctx.api, 4);
      const ids = all.map((m) => m.id as number);
      const after0 = await messages(ctx.api, 4, 'after=0');
      assert.deepStrictEqual(after0.ids, ids, 'after alone returns 100, not 20');
      const afterFirst = await messages(ctx.api, 4, `after=${ids[0]}`);
      assert.deepStrictEqual(afterFirst.ids, ids.slice(1));
      const between = await messages(ctx.api, 4, `after=${ids[5]}&before=${ids[10]}`);
      assert.deepStrictEqual(between.ids, ids.slice(5, 10), 'after inclusive, before exclusive');
    });

    it('values go through to_i: before=abc → nothing, after=abc → from the start, blank values are ignored', async function () {
      assert.deepStrictEqual((await messages(ctx.api, 4, 'before=abc')).ids, []);
      assert.equal((await messages(ctx.api, 4, 'after=abc')).ids.length, 62);
      assert.equal((await messages(ctx.api, 4, 'before=&after=')).ids.length, 20);
    });

    it('filter_internal_messages drops private notes and activity messages', async function () {
      const all = await messages(ctx.api, 4, 'after=0');
      assert.ok(all.payload.some((m) => m.private === true));
      assert.ok(all.payload.some((m) => m.message_type === 2));
      const filtered = await messages(ctx.api, 4, 'after=0&filter_internal_messages=1');
      assert.deepStrictEqual(
        filtered.ids,
        all.payload.filter((m) => m.private !== true && m.message_type !== 2).map((m) => m.id),
      );
      assert.equal(filtered.ids.length, 62 - 5);
    });
  });

  describe('shape', function () {
    it('meta: labels, contact push data, human assignee push data, seen-at as ISO strings', async function () {
      const { meta } = await messages(ctx.api, 4);
      assert.deepStrictEqual(keysOf(meta), META_KEYS);
      assert.equal(at(meta, 'contact.type'), 'contact');
      assert.equal(at(meta, 'contact.id'), 4);
      assert.deepStrictEqual(meta.assignee, {
        id: 1,
        name: 'Alice Anderson',
        available_name: 'Alice Anderson',
        avatar_url: '',
        type: 'user',
        availability_status: 'online',
        thumbnail: '',
      });
      assert.match(String(meta.agent_last_seen_at), ISO_MS, 'an ISO string here, an integer in the conversation JSON');
      assert.equal(meta.assignee_last_seen_at, null);
    });

    it('meta.assignee is absent for an unassigned and for a bot-assigned conversation', async function () {
      for (const id of [3, 33]) {
        const { meta } = await messages(ctx.api, id);
        assert.equal(hasKey(meta, 'assignee'), false, `conversation ${id}`);
      }
      const labelled = await messages(ctx.api, 35);
      assert.deepStrictEqual(labelled.meta.labels, ['billing', 'vip']);
    });

    it('items: key order, integer types, sender only when present, attachments only when non-empty', async function () {
      const all = (await messages(ctx.api, 1, 'after=0')).payload;
      for (const m of all) {
        assert.deepStrictEqual(keysOf(m).slice(0, ITEM_KEYS.length), ITEM_KEYS);
        assert.equal(typeof m.message_type, 'number');
        assert.equal(typeof m.created_at, 'number');
        assert.equal(m.conversation_id, 1);
        assert.equal(hasKey(m, 'echo_id'), false);
      }
      const activity = all.find((m) => m.message_type === 2);
      assert.ok(activity);
      assert.equal(hasKey(activity, 'sender'), false);
      assert.equal(activity.content, 'Assigned to Bob Brown by Alice Anderson');
      const plain = all.find((m) => m.content === HOSTILE.script);
      assert.ok(plain);
      assert.equal(hasKey(plain, 'attachments'), false);
      assert.equal(at(plain, 'sender.type'), 'contact');
      const agentReply = all.find((m) => typeof m.content === 'string' && m.content.startsWith(HOSTILE.markdownStart));
      assert.ok(agentReply);
      assert.deepStrictEqual(agentReply.sender, {
        id: 2,
        name: 'Bob Brown',
        available_name: 'Bob Brown',
        avatar_url: '',
        type: 'user',
        availability_status: 'online',
        thumbnail: '',
      });
    });

    it('attachments: image/file/audio keys of attachment.rb, escaped file name in data_url', async function () {
      const all = (await messages(ctx.api, 1, 'after=0')).payload;
      const image = all.find((m) => m.content === 'Screenshot attached');
      assert.ok(image);
      const [att] = objects(image.attachments);
      assert.deepStrictEqual(keysOf(att), ['id', 'message_id', 'file_type', 'account_id', 'extension', 'data_url', 'thumb_url', 'file_size', 'width', 'height']);
      assert.equal(att.message_id, image.id);
      assert.equal(att.file_type, 'image');
      assert.equal(att.file_size, 48213);
      assert.equal(att.width, 800);
      assert.ok(String(att.data_url).endsWith(`/${encodeURIComponent(HOSTILE.imageName)}`), String(att.data_url));
      assert.ok(!String(att.data_url).includes('<'), 'the name is URL-escaped, never raw');
      assert.notEqual(att.thumb_url, '');
      const files = all.find((m) => Array.isArray(m.attachments) && m.attachments.length === 2);
      assert.ok(files);
      const [pdf, audio] = objects(files.attachments);
      assert.equal(pdf.file_type, 'file');
      assert.equal(pdf.thumb_url, '', 'thumb_url is "" unless image');
      assert.equal(pdf.width, null);
      assert.ok(String(pdf.data_url).endsWith('/invoice%202026-01%20(final).pdf'));
      assert.equal(audio.file_type, 'audio');
      assert.equal(audio.transcribed_text, '');
    });
  });

  describe('hostile seed content is stored and returned verbatim', function () {
    it('conversation 1: img onerror, script, javascript: link, HTML mix, note with mention, long message', async function () {
      const contents = (await messages(ctx.api, 1, 'after=0')).payload.map((m) => m.content);
      for (const text of [HOSTILE.imgOnerror, HOSTILE.script, HOSTILE.javascriptLink, HOSTILE.htmlMix, HOSTILE.note]) {
        assert.ok(contents.includes(text), `missing ${text}`);
      }
      const long = contents.find((c) => typeof c === 'string' && c.startsWith('Paragraph 1:'));
      assert.ok(typeof long === 'string' && long.length > 5000 && long.endsWith('x'.repeat(400)));
    });

    it('conversation 1: the note is private, outgoing, from Alice', async function () {
      const note = (await messages(ctx.api, 1, 'after=0')).payload.find((m) => m.content === HOSTILE.note);
      assert.ok(note);
      assert.equal(note.private, true);
      assert.equal(note.message_type, 1);
      assert.equal(at(note, 'sender.id'), 1);
    });

    it('conversation 2: e-mail with plain-text content and raw HTML in content_attributes.email.html_content.full', async function () {
      const [first] = (await messages(ctx.api, 2, 'after=0')).payload.slice(1, 2);
      assert.equal(first.content_type, 'incoming_email');
      assert.equal(first.content, 'Hello,\n\nPlease see the invoice below.\n\nThanks,\nCustomer 02');
      assert.equal(first.source_id, 'c02-invoice@example.com');
      const html = String(at(first, 'content_attributes.email.html_content.full'));
      for (const fragment of [
        '<script>alert(1)</script>',
        '<img src=x onerror=alert(1)>',
        '<a href="javascript:alert(1)">Pay now</a>',
        '<form action="https://evil.test/steal">',
        'https://tracker.evil.test/pixel.gif',
      ]) {
        assert.ok(html.includes(fragment), `html_content.full keeps ${fragment}`);
      }
      assert.equal(at(first, 'content_attributes.email.subject'), 'Invoice question <script>alert(1)</script>');
    });

    it('conversation 6: bot sender, template with input_select items, deleted and failed messages, location', async function () {
      const all = (await messages(ctx.api, 6, 'after=0')).payload;
      const bot = all.find((m) => at(m, 'sender.type') === 'agent_bot');
      assert.ok(bot);
      assert.deepStrictEqual(bot.sender, { id: 1, name: 'Triage Bot', avatar_url: '', type: 'agent_bot' });
      const template = all.find((m) => m.message_type === 3);
      assert.ok(template);
      assert.equal(template.content_type, 'input_select');
      assert.deepStrictEqual(at(template, 'content_attributes.items'), [
        { title: 'Yes', value: 'yes' },
        { title: '<b>No</b>', value: 'no' },
      ]);
      const deleted = all.find((m) => m.content === 'This message was deleted');
      assert.deepStrictEqual(deleted?.content_attributes, { deleted: true });
      const failed = all.find((m) => m.status === 'failed');
      assert.equal(at(failed, 'content_attributes.external_error'), 'Channel error <b>502</b>');
      const location = objects(all.find((m) => m.content === 'I am here')?.attachments)[0];
      assert.deepStrictEqual(keysOf(location), ['id', 'message_id', 'file_type', 'account_id', 'coordinates_lat', 'coordinates_long', 'fallback_title', 'data_url']);
      assert.equal(location.coordinates_lat, 52.52);
    });

    it('the conversation list still shows the seeded newest message and order (threads change no §11 value)', async function () {
      const conversation = await ctx.api.conversation(1, 4);
      assert.equal(at(objects(conversation.messages)[0], 'content'), 'Thanks, looking into it.');
      const list = await ctx.api.list(1);
      assert.deepStrictEqual(list.ids.slice(0, 7), [47, 34, 21, 55, 42, 16, 3]);
    });
  });

  describe('access', function () {
    it('404 for an unknown conversation, 401 for an agent without access, 401 for bots', async function () {
      expectBody(await ctx.api.get(`${A1}/conversations/999/messages`), 404, NOT_FOUND);
      // Bob is a member of inboxes 1 and 2 only; conversation 3 is in inbox 3 without a team of his.
      expectBody(await ctx.api.get(`${A1}/conversations/3/messages`, TOKENS.bob), 401, NOT_AUTHORIZED_ACTION);
      expectBody(await ctx.api.get(`${A1}/conversations/3/messages`, TOKENS.triageBot), 401, BOTS_NOT_ALLOWED);
      const bobOwn = await messages(ctx.api, 1, '', TOKENS.bob);
      assert.ok(bobOwn.payload.length > 0);
    });
  });
});
