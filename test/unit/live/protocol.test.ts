/** Pure pieces of the live client: cable URL, identifier, frame classification, event schemas, backoff, de-duplication. */
import * as assert from 'node:assert/strict';
import { backoffDelayMs, nominalDelayMs } from '../../../src/live/backoff';
import { RecentEvents } from '../../../src/live/dedupe';
import { parseLiveEvent } from '../../../src/live/events';
import { cableUrl, classifyFrame, presenceCommand, roomIdentifier } from '../../../src/live/protocol';
import { conversationPush } from './harness';

describe('live protocol (pure)', () => {
  it('cable URL: wss for https, ws only for loopback http, path prefix kept', () => {
    assert.equal(cableUrl('https://app.chatwoot.com'), 'wss://app.chatwoot.com/cable');
    assert.equal(cableUrl('https://support.example.com:8443/chatwoot/'), 'wss://support.example.com:8443/chatwoot/cable');
    assert.equal(cableUrl('http://127.0.0.1:3000'), 'ws://127.0.0.1:3000/cable');
    assert.equal(cableUrl('http://localhost:3000'), 'ws://localhost:3000/cable');
    assert.equal(cableUrl('http://[::1]:3000'), 'ws://[::1]:3000/cable');
    assert.throws(() => cableUrl('http://chat.example.com'), /https/);
    assert.throws(() => cableUrl('ftp://chat.example.com'), TypeError);
    assert.throws(() => cableUrl('https://user:pw@chat.example.com'), TypeError);
  });

  it('identifier and presence command match the dashboard byte for byte', () => {
    const id = roomIdentifier('tok', 1, 2);
    assert.equal(id, '{"channel":"RoomChannel","pubsub_token":"tok","account_id":1,"user_id":2}');
    assert.equal(
      presenceCommand(id),
      '{"command":"message","identifier":"{\\"channel\\":\\"RoomChannel\\",\\"pubsub_token\\":\\"tok\\",\\"account_id\\":1,\\"user_id\\":2}","data":"{\\"action\\":\\"update_presence\\"}"}',
    );
  });

  it('classifies every server frame, and anything else as unknown', () => {
    assert.deepEqual(classifyFrame({ type: 'welcome' }), { kind: 'welcome' });
    assert.deepEqual(classifyFrame({ type: 'ping', message: 1771026445 }), { kind: 'ping' });
    assert.deepEqual(classifyFrame({ identifier: 'x', type: 'confirm_subscription' }), { kind: 'confirm', identifier: 'x' });
    assert.deepEqual(classifyFrame({ identifier: 'x', type: 'reject_subscription' }), { kind: 'reject', identifier: 'x' });
    assert.deepEqual(classifyFrame({ type: 'disconnect', reason: 'server_restart', reconnect: true }), { kind: 'disconnect', reason: 'server_restart', reconnect: true });
    assert.deepEqual(classifyFrame({ type: 'disconnect', reason: 'unauthorized', reconnect: false }), { kind: 'disconnect', reason: 'unauthorized', reconnect: false });
    assert.deepEqual(classifyFrame({ type: 'disconnect' }), { kind: 'disconnect', reason: undefined, reconnect: true });
    const b = classifyFrame({ identifier: 'x', message: { event: 'e', data: { a: 1 } } });
    assert.equal(b.kind, 'broadcast');
    for (const junk of [
      null,
      [],
      'x',
      1,
      {},
      { type: 'confirm_subscription' },
      { type: 'nope' },
      { identifier: 1, message: {} },
      { identifier: 'x', message: { data: 1 } },
      { type: { nested: true } },
    ]) {
      assert.equal(classifyFrame(junk).kind, 'unknown', JSON.stringify(junk));
    }
  });

  it('event schemas: Chatwoot push payloads parse; the contact pubsub token is stripped', () => {
    const r = parseLiveEvent({ event: 'conversation.updated', data: conversationPush(1, 42, { id: 2, name: 'Bob' }) });
    assert.ok(r.ok);
    assert.equal(r.event.name, 'conversation.updated');
    assert.ok(!JSON.stringify(r.event).includes('contact-secret-token'));
    const notification = parseLiveEvent({
      event: 'notification.created',
      data: {
        notification: {
          id: 9,
          notification_type: 'conversation_assignment',
          primary_actor_type: 'Conversation',
          primary_actor_id: 301,
          primary_actor: { ...conversationPush(1, 42), account_id: undefined },
          read_at: null,
          secondary_actor: null,
          user: {},
          created_at: 1,
          last_activity_at: 1,
          snoozed_until: null,
          meta: {},
          account_id: 1,
          push_message_title: 'b',
          push_message_body: 'b',
        },
        unread_count: 3,
        count: 3,
        account_id: 1,
      },
    });
    assert.ok(notification.ok && notification.event.name === 'notification.created' && notification.event.unreadCount === 3);
    const message = parseLiveEvent({
      event: 'message.created',
      data: {
        id: 5,
        content: 'hi',
        account_id: 1,
        inbox_id: 1,
        conversation_id: 42,
        message_type: 0,
        created_at: 1,
        private: false,
        sender: { id: 9, name: 'C', type: 'contact' },
      },
    });
    assert.ok(message.ok && message.event.name === 'message.created' && message.event.message.conversation_id === 42);
    const deleted = parseLiveEvent({ event: 'notification.deleted', data: { notification: { id: 9 }, unread_count: 0, count: 0, account_id: 1 } });
    assert.ok(deleted.ok && deleted.event.name === 'notification.deleted' && deleted.event.notificationId === 9);
    const quiet = parseLiveEvent({ event: 'conversation.typing_on', data: {} });
    assert.deepEqual(quiet.ok ? null : quiet.quiet, true);
    const bad = parseLiveEvent({ event: 'team.changed', data: { id: 1 } });
    assert.ok(!bad.ok && !bad.quiet && /account_id/.test(bad.why));
  });

  it('backoff: nominal 1, 2, 4 … 60 s; jittered delays stay within [nominal/2, nominal]', () => {
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6, 7, 8, 100, 1e9].map((n) => nominalDelayMs(n)),
      [1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000, 60000],
    );
    for (let attempt = 1; attempt <= 10; attempt++) {
      for (const r of [0, 0.25, 0.5, 0.999, 1, -1, 2]) {
        const d = backoffDelayMs(attempt, () => r);
        const n = nominalDelayMs(attempt);
        assert.ok(d >= n / 2 && d <= n, `attempt ${attempt}, random ${r}: ${d}`);
      }
    }
    assert.equal(
      backoffDelayMs(1, () => 0, { minMs: 100, maxMs: 150 }),
      50,
    );
    assert.equal(
      backoffDelayMs(5, () => 0.999999, { minMs: 100, maxMs: 150 }),
      150,
    );
  });

  it('de-duplication: same name+payload within the window once; expires; bounded', () => {
    const recent = new RecentEvents(1_000, 3);
    assert.equal(recent.firstTime('e', '{"a":1}', 0), true);
    assert.equal(recent.firstTime('e', '{"a":1}', 10), false);
    assert.equal(recent.firstTime('f', '{"a":1}', 10), true, 'another event name');
    assert.equal(recent.firstTime('e', '{"a":2}', 10), true, 'another payload');
    assert.equal(recent.firstTime('e', '{"a":1}', 1_001), true, 'after the window');
    for (let i = 0; i < 10; i++) recent.firstTime('g', String(i), 1_002);
    assert.equal(recent.firstTime('g', '0', 1_003), true, 'the oldest entries were evicted');
  });
});
