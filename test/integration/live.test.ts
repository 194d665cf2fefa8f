/**
 * Live updates in the real extension host (code-server) against the fake Chatwoot's /cable:
 * another user's assignment reaches the tree with no list request, a refused websocket upgrade
 * falls back to polling and comes back live with a resync, and two "assigned to you" notifiers
 * sharing one globalState show one notification.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PushNotification } from '../../src/api';
import { AssignmentEvents } from '../../src/assign/events';
import type { ChatwootAssignApi } from '../../src/extension';
import { AssignedNotifier, BATCH_MS } from '../../src/sync/assignedNotifier';
import type { TreeNode } from '../../src/views';

const FAKE_URL = process.env.CHATWOOT_FAKE_URL ?? '';
const TOKEN = process.env.CHATWOOT_TEST_TOKEN ?? '';
const EXTENSION_ID = 'chatwoot-assign.chatwoot-assign';
/** Bob Brown (agent of account 1, inboxes 1 and 2): "another user" (test/fake-chatwoot/README.md). */
const BOB_TOKEN = 'bobTkn333333333333333333';
const ALICE = 1;

interface Recorded {
  method: string;
  path: string;
  query: Record<string, string>;
  token: string | null;
}

async function call(method: string, path: string, body?: unknown, token?: string): Promise<unknown> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers['api-access-token'] = token;
  const res = await fetch(`${FAKE_URL}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  assert.ok(res.ok, `${method} ${path} answered ${res.status}`);
  const text = await res.text();
  return text ? (JSON.parse(text) as unknown) : null;
}
const requests = async () => (await call('GET', '/__fake/requests')) as Recorded[];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function eventually(what: string, ok: () => boolean | Promise<boolean>, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > until) assert.fail(`${what}: not within ${ms} ms`);
    await sleep(20);
  }
}

describe('Live updates', function () {
  this.timeout(60_000);
  let api: ChatwootAssignApi;
  const provider = () => api.view.treeDataProvider;

  async function group(kind: 'mine' | 'unassigned' | 'all'): Promise<TreeNode> {
    const acme = (await provider().getChildren()).find((n) => n.kind === 'account' && n.accountId === 1);
    assert.ok(acme, 'Acme Support is listed');
    const node = (await provider().getChildren(acme)).find((n) => n.kind === 'group' && n.group === kind);
    assert.ok(node, `the ${kind} group`);
    return node;
  }
  const ids = async (kind: 'mine' | 'unassigned' | 'all') =>
    (await provider().getChildren(await group(kind))).flatMap((n) => (n.kind === 'conversation' ? [n.conversation.id] : []));

  async function liveAndLoaded(): Promise<void> {
    await eventually('live updates connected', () => api.live.status.kind === 'live', 10_000);
    for (const kind of ['mine', 'unassigned', 'all'] as const) await ids(kind);
    await api.store.idle();
  }

  before(async () => {
    assert.ok(FAKE_URL && TOKEN, 'CHATWOOT_FAKE_URL and CHATWOOT_TEST_TOKEN must be set for the extension host');
    const ext = vscode.extensions.getExtension<ChatwootAssignApi>(EXTENSION_ID);
    assert.ok(ext);
    api = await ext.activate();
    await api.store.idle();
    await call('POST', '/__fake/reset');
    await vscode.commands.executeCommand('chatwoot.signIn', { token: TOKEN });
    assert.ok(api.connection.signedIn);
  });

  beforeEach(async () => {
    await api.store.idle();
    await call('POST', '/__fake/reset');
    api.view.refresh();
  });

  afterEach(async () => {
    await call('POST', '/__fake/cable/refuse', { status: null });
  });

  after(async () => {
    await api.store.idle();
    await call('POST', '/__fake/reset');
  });

  it('another user assigns a conversation to me: the tree shows it within 2 s, with no list request', async () => {
    await liveAndLoaded();
    const unassigned = await ids('unassigned');
    const mine = await ids('mine');
    // One of Bob's inboxes (1, 2): conversation n is in inbox [1,2,3][(n-1)%3].
    const id = unassigned.find((n) => (n - 1) % 3 !== 2);
    assert.ok(id !== undefined && !mine.includes(id), 'an unassigned conversation Bob can assign');
    await call('DELETE', '/__fake/requests');
    const t0 = Date.now();
    await call('POST', `/api/v1/accounts/1/conversations/${id}/assignments`, { assignee_id: ALICE }, BOB_TOKEN);
    await eventually(`#${id} in Mine`, async () => (await ids('mine')).includes(id), 2000);
    const ms = Date.now() - t0;
    assert.ok(!(await ids('unassigned')).includes(id), 'and out of Unassigned');
    await sleep(300);
    await api.store.idle();
    const ours = (await requests()).filter((r) => r.token !== BOB_TOKEN);
    const lists = ours.filter((r) => r.method === 'GET' && r.path === '/api/v1/accounts/1/conversations');
    assert.deepEqual(lists, [], `list requests after the event (tree updated after ${ms} ms)`);
    const counts = (await provider().getChildren((await provider().getChildren()).find((n) => n.kind === 'account' && n.accountId === 1))).map(
      (n) => provider().getTreeItem(n).description,
    );
    assert.deepEqual(counts, [String(mine.length + 1), String(unassigned.length - 1), '42'], 'the counts followed');
  });

  it('refused upgrades (HTTP 404) → polling; allowed again → live, and the loaded lists are read again', async () => {
    await liveAndLoaded();
    assert.equal(api.store.live, true);
    await call('POST', '/__fake/cable/refuse', { status: 404 });
    await call('POST', '/__fake/cable/drop', { user_id: ALICE, disconnect_frame: false });
    await eventually('polling after a 404 upgrade', () => api.live.status.kind === 'polling' && /HTTP 404/.test((api.live.status as { why: string }).why), 10_000);
    assert.equal(api.store.live, false);
    assert.match(
      (api.live.status as { why: string }).why,
      /refused the websocket upgrade with HTTP 404 \(a reverse proxy in front of Chatwoot may not forward websockets to \/cable\)/,
    );

    await api.store.idle();
    await call('DELETE', '/__fake/requests');
    await call('POST', '/__fake/cable/refuse', { status: null });
    await eventually('live again', () => api.live.status.kind === 'live', 20_000);
    assert.equal(api.store.live, true);
    await api.store.idle();
    const lists = (await requests())
      .filter((r) => r.method === 'GET' && r.path === '/api/v1/accounts/1/conversations')
      .map((r) => `${r.query.assignee_type ?? 'all'} ${r.query.page}`);
    for (const kind of ['me', 'unassigned', 'all']) assert.ok(lists.includes(`${kind} 1`), `resync read ${kind}: ${JSON.stringify(lists)}`);
  });

  it('two notifiers sharing one globalState show one "assigned to you" notification', async () => {
    const state = new Map<string, unknown>();
    const memento = {
      get: (k: string, d?: unknown) => (state.has(k) ? state.get(k) : d),
      update: (k: string, v: unknown) => (state.set(k, v), Promise.resolve()),
      keys: () => [...state.keys()],
    };
    const lives = [
      new vscode.EventEmitter<{ accountId: number; notification: PushNotification }>(),
      new vscode.EventEmitter<{ accountId: number; notification: PushNotification }>(),
    ];
    const events = new AssignmentEvents();
    const win = vscode.window as { showInformationMessage: (...args: unknown[]) => Thenable<unknown> };
    const original = win.showInformationMessage;
    const shown: string[] = [];
    win.showInformationMessage = (message: unknown, ...rest: unknown[]) => {
      if (typeof message === 'string' && message.includes('Shared State Test')) {
        shown.push(message);
        return Promise.resolve(undefined);
      }
      return original.call(vscode.window, message, ...rest);
    };
    const notifiers = lives.map((live) => new AssignedNotifier(memento as unknown as vscode.Memento, api.connection, { onNotification: live.event } as never, events, api.view));
    try {
      // Each window records its focus when it gains it (the constructor does when the window is
      // focused, which a headless workbench may not be): the second one gained it last.
      for (const n of notifiers) (n as unknown as { recordFocus(): void }).recordFocus();
      const notification: PushNotification = {
        id: 9901,
        notification_type: 'conversation_assignment',
        primary_actor_type: 'Conversation',
        primary_actor_id: 9901,
        primary_actor: { id: 12, account_id: 1, meta: { sender: { name: 'Shared State Test' } } },
      };
      for (const live of lives) live.fire({ accountId: 1, notification });
      await sleep(BATCH_MS + 500);
      assert.deepEqual(shown, ['#12 Shared State Test was assigned to you']);
    } finally {
      win.showInformationMessage = original;
      for (const n of notifiers) n.dispose();
      for (const l of lives) l.dispose();
      events.dispose();
    }
  });
});
