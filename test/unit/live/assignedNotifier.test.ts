/**
 * "Assigned to you" notifications: the pure sentence and event mapping, and AssignedNotifier's
 * batching, own-assignment filter, setting and cross-window choice, run in plain Node with the stub
 * `vscode` (test/support/vscode/vscodeStub.ts) and a manual clock (no real 3 s waits).
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { PushNotification } from '../../../src/live';
import type * as NotifierModule from '../../../src/sync/assignedNotifier';
import type * as EventsModule from '../../../src/assign/events';
import { EventEmitter, installVscodeStub, StubEditor } from '../../support/vscode/vscodeStub';

const OUT_SRC = path.resolve(__dirname, '..', '..', '..', 'src');

/** setTimeout / clearTimeout / Date.now under the test's control while installed. */
class ManualClock {
  now = 1_800_000_000_000;
  private queue: Array<{ id: number; at: number; run: () => void }> = [];
  private nextId = 1;
  private saved: { setTimeout: typeof setTimeout; clearTimeout: typeof clearTimeout; now: typeof Date.now } | undefined;

  install(): void {
    this.saved = { setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout, now: Date.now };
    globalThis.setTimeout = ((run: () => void, ms = 0) => {
      const entry = { id: this.nextId++, at: this.now + ms, run };
      this.queue.push(entry);
      return entry.id;
    }) as unknown as typeof setTimeout;
    globalThis.clearTimeout = ((id: number | undefined) => {
      this.queue = this.queue.filter((e) => e.id !== id);
    }) as unknown as typeof clearTimeout;
    Date.now = () => this.now;
  }

  uninstall(): void {
    if (!this.saved) return;
    globalThis.setTimeout = this.saved.setTimeout;
    globalThis.clearTimeout = this.saved.clearTimeout;
    Date.now = this.saved.now;
    this.saved = undefined;
    this.queue = [];
  }

  /** Moves time on, running what falls due; then lets promise callbacks run. */
  async advance(ms: number): Promise<void> {
    const end = this.now + ms;
    for (;;) {
      const due = this.queue.filter((e) => e.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.queue = this.queue.filter((e) => e !== due);
      this.now = due.at;
      due.run();
    }
    this.now = end;
    for (let i = 0; i < 5; i++) await Promise.resolve();
  }
}

function assignment(displayId: number, contact?: string, accountId = 1): PushNotification {
  return {
    id: 1000 + displayId,
    notification_type: 'conversation_assignment',
    primary_actor_type: 'Conversation',
    primary_actor_id: 5000 + displayId,
    primary_actor: { id: displayId, account_id: accountId, meta: contact ? { sender: { name: contact } } : {} },
  };
}

describe('"assigned to you" notifications (stub vscode)', () => {
  const settings: Record<string, unknown> = {};
  const editor = new StubEditor({ settings });
  const window = editor.module.window as { state: { focused: boolean } };
  const clock = new ManualClock();
  let uninstall: (() => void) | undefined;
  let N: typeof NotifierModule;
  let E: typeof EventsModule;
  const disposables: Array<{ dispose(): void }> = [];

  before(() => {
    uninstall = installVscodeStub(editor);
    // Fresh copies bound to this stub (another suite may have loaded them with its own).
    for (const key of Object.keys(require.cache)) if (key.startsWith(OUT_SRC + path.sep)) delete require.cache[key];
    /* eslint-disable @typescript-eslint/no-require-imports */
    N = require(path.join(OUT_SRC, 'sync', 'assignedNotifier.js')) as typeof NotifierModule;
    E = require(path.join(OUT_SRC, 'assign', 'events.js')) as typeof EventsModule;
    /* eslint-enable @typescript-eslint/no-require-imports */
  });
  after(() => {
    uninstall?.();
    for (const key of Object.keys(require.cache)) if (key.startsWith(OUT_SRC + path.sep)) delete require.cache[key];
  });
  beforeEach(() => {
    clock.install();
    editor.shown.length = 0;
    window.state.focused = true;
    delete settings['chatwoot.notifyWhenAssigned'];
  });
  afterEach(() => {
    for (const d of disposables.splice(0)) d.dispose();
    clock.uninstall();
  });

  function memento() {
    const m = new Map<string, unknown>();
    return { get: (k: string, d?: unknown) => (m.has(k) ? m.get(k) : d), update: (k: string, v: unknown) => (m.set(k, v), Promise.resolve()), keys: () => [...m.keys()] };
  }

  /** A notifier with its own "live service" and assignment events; `state` may be shared. */
  function notifier(state = memento()) {
    const live = new EventEmitter<{ accountId: number; notification: PushNotification }>();
    const events = new E.AssignmentEvents();
    const n = new N.AssignedNotifier(state as never, { webUrl: () => undefined } as never, { onNotification: live.event } as never, events, { reveal: () => Promise.resolve() });
    disposables.push(n, events);
    return { n, state, push: (c: PushNotification, accountId = 1) => live.fire({ accountId, notification: c }), events };
  }

  const messages = () => editor.shown.map((s) => s.message);

  describe('assignedMessage / assignedConversation (pure)', () => {
    it('one conversation: "#12 Customer 12 was assigned to you" (the contact when known)', () => {
      assert.equal(N.assignedMessage([{ accountId: 1, displayId: 12, contact: 'Customer 12' }]), '#12 Customer 12 was assigned to you');
      assert.equal(N.assignedMessage([{ accountId: 1, displayId: 12, contact: undefined }]), '#12 was assigned to you');
    });

    it('several: "3 conversations were assigned to you: #12, #15, #19"', () => {
      const list = [12, 15, 19].map((displayId) => ({ accountId: 1, displayId, contact: `Customer ${displayId}` }));
      assert.equal(N.assignedMessage(list), '3 conversations were assigned to you: #12, #15, #19');
    });

    it('maps a conversation_assignment notification to its conversation (display id, account, contact); anything else to undefined', () => {
      assert.deepEqual(N.assignedConversation(1, assignment(12, 'Customer 12')), { accountId: 1, displayId: 12, contact: 'Customer 12' });
      assert.deepEqual(N.assignedConversation(2, assignment(7, undefined, 3)), { accountId: 3, displayId: 7, contact: undefined }, "the conversation's own account wins");
      const noAccount = { ...assignment(7), primary_actor: { id: 7 } };
      assert.deepEqual(N.assignedConversation(2, noAccount), { accountId: 2, displayId: 7, contact: undefined });
      assert.equal(N.assignedConversation(1, { ...assignment(12), notification_type: 'conversation_mention' }), undefined);
      assert.equal(N.assignedConversation(1, { ...assignment(12), primary_actor: null }), undefined);
    });
  });

  describe('AssignedNotifier', () => {
    it('batches a 3 s window into one notification: "3 conversations were assigned to you: #12, #15, #19"', async () => {
      const { push } = notifier();
      push(assignment(12, 'Customer 12'));
      await clock.advance(500);
      push(assignment(15, 'Customer 15'));
      push(assignment(12, 'Customer 12')); // the same conversation again: once
      await clock.advance(1500);
      push(assignment(19, 'Customer 19'));
      await clock.advance(900);
      assert.deepEqual(messages(), [], 'nothing before the window closes');
      await clock.advance(100);
      assert.deepEqual(messages(), ['3 conversations were assigned to you: #12, #15, #19']);
      // The next one starts a new window.
      push(assignment(21, 'Customer 21'));
      await clock.advance(3000);
      assert.deepEqual(messages(), ['3 conversations were assigned to you: #12, #15, #19', '#21 Customer 21 was assigned to you']);
      assert.equal(N.BATCH_MS, 3000);
    });

    it('never for an assignment this window made', async () => {
      const { push, events } = notifier();
      events.fire({ accountId: 1, conversation: undefined, displayIds: [15, 16] });
      push(assignment(15, 'Customer 15'));
      push(assignment(19, 'Customer 19'));
      push(assignment(16, 'Customer 16', 2)); // same number, another account: not ours
      await clock.advance(3000);
      assert.deepEqual(messages(), ['2 conversations were assigned to you: #19, #16']);
      editor.shown.length = 0;
      push(assignment(16, 'Customer 16'));
      await clock.advance(3000);
      assert.deepEqual(messages(), [], 'only ours: no notification at all');
      // Long after our assignment, a new push for it is someone else's doing again.
      await clock.advance(60_000);
      push(assignment(15, 'Customer 15'));
      await clock.advance(3000);
      assert.deepEqual(messages(), ['#15 Customer 15 was assigned to you']);
    });

    it('shows nothing with chatwoot.notifyWhenAssigned off, and ignores other notification types', async () => {
      const { push } = notifier();
      settings['chatwoot.notifyWhenAssigned'] = false;
      push(assignment(12, 'Customer 12'));
      await clock.advance(3000);
      delete settings['chatwoot.notifyWhenAssigned'];
      push({ ...assignment(13), notification_type: 'conversation_mention' });
      push({ ...assignment(14), notification_type: 'assigned_conversation_new_message' });
      await clock.advance(3000);
      assert.deepEqual(messages(), []);
    });

    it('two windows sharing one globalState: one notification, in the window focused last', async () => {
      const shared = memento();
      const first = notifier(shared); // records its focus
      await clock.advance(10);
      const second = notifier(shared); // focused later: the latest record
      window.state.focused = false; // the user switched to another application
      first.push(assignment(12, 'Customer 12'));
      second.push(assignment(12, 'Customer 12'));
      await clock.advance(3000);
      assert.deepEqual(messages(), ['#12 Customer 12 was assigned to you']);
    });

    it('two instances in one focused window (one globalState): still one notification', async () => {
      const shared = memento();
      const first = notifier(shared);
      await clock.advance(10);
      const second = notifier(shared);
      assert.equal(window.state.focused, true);
      first.push(assignment(12, 'Customer 12'));
      second.push(assignment(12, 'Customer 12'));
      await clock.advance(3000);
      assert.deepEqual(messages(), ['#12 Customer 12 was assigned to you']);
    });
  });
});
