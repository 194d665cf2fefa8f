// The Conversations tree inside the real extension host, against the fake Chatwoot server
// (seed: FAKE-SERVER-SPEC.md §4 and §11). Alice (user 1) is signed in; her accounts are Acme
// Support (1, administrator), Beta Labs (2, agent) and Gamma Archive (3, suspended).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Conversation } from '../../src/api';
import type { AssignmentEvent } from '../../src/assign/events';
import type { ChatwootAssignApi } from '../../src/extension';
import type { TreeNode } from '../../src/views';
import { callFake, fakeRequests } from '../support/fake';

const FAKE_URL = process.env.CHATWOOT_FAKE_URL ?? '';
const TOKEN = process.env.CHATWOOT_TEST_TOKEN ?? '';
const ALICE = 1;

// The menu conditions of package.json, verbatim: the tokens must satisfy exactly these.
const MENU = {
  conversation: /\bconversation\b/,
  assigned: /\bassigned\b/,
  notMine: /\bnotMine\b/,
  refreshable: /\b(conversation|account|group)\b/,
};

describe('Conversations tree', function () {
  let api: ChatwootAssignApi;
  const provider = () => api.view.treeDataProvider;
  const children = (node?: TreeNode) => provider().getChildren(node);
  const item = (node: TreeNode) => provider().getTreeItem(node);
  const label = (node: TreeNode) => {
    const l = item(node).label;
    return typeof l === 'string' ? l : (l?.label ?? '');
  };
  const context = (node: TreeNode) => item(node).contextValue ?? '';
  const tokens = (node: TreeNode) => context(node).split(/\s+/);

  async function child(parent: TreeNode | undefined, name: string): Promise<TreeNode> {
    const all = await children(parent);
    const found = all.find((n) => label(n) === name);
    assert.ok(found, `"${name}" not among ${JSON.stringify(all.map(label))}`);
    return found;
  }

  async function group(account: string, name: string): Promise<TreeNode> {
    return child(await child(undefined, account), name);
  }

  function conversations(nodes: TreeNode[]): Conversation[] {
    return nodes.flatMap((n) => (n.kind === 'conversation' ? [n.conversation] : []));
  }

  /** A call to the fake: its test-control routes, or the Chatwoot API as Alice (bypassing the extension). */
  const fake = (method: string, path: string, body?: unknown): Promise<unknown> => callFake(FAKE_URL, method, path, { body, token: TOKEN });

  /** The requests the fake received since `DELETE /__fake/requests`, as "METHOD path assignee_type page". */
  async function requests(pathPrefix: string): Promise<string[]> {
    const log = (await fakeRequests(FAKE_URL)) as Array<{ method: string; path: string; query: Record<string, string> }>;
    return log.filter((r) => r.path.startsWith(pathPrefix)).map((r) => `${r.method} ${r.path} ${r.query.assignee_type} ${r.query.page}`);
  }

  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  async function eventually<T>(what: string, read: () => T, ok: (value: T) => boolean, ms = 5000): Promise<T> {
    const until = Date.now() + ms;
    for (;;) {
      const value = read();
      if (ok(value)) return value;
      if (Date.now() > until) assert.fail(`${what}: still ${JSON.stringify(value)} after ${ms} ms`);
      await sleep(50);
    }
  }

  before(async function () {
    assert.ok(FAKE_URL && TOKEN, 'CHATWOOT_FAKE_URL and CHATWOOT_TEST_TOKEN must be set for the extension host');
    const extension = vscode.extensions.getExtension<ChatwootAssignApi>('chatwoot-assign.chatwoot-assign');
    assert.ok(extension, 'extension chatwoot-assign.chatwoot-assign is not installed');
    api = await extension.activate();
    await fake('POST', '/__fake/reset');
    await vscode.commands.executeCommand('chatwoot.signIn', { token: TOKEN });
    assert.ok(api.connection.signedIn, 'signIn did not store the token');
  });

  beforeEach(async function () {
    await fake('POST', '/__fake/reset');
    // The tree caches what it loaded; the fake was just reseeded.
    api.view.refresh();
  });

  it('lists the accounts of the signed-in user, with roles', async function () {
    const accounts = await children();
    assert.deepStrictEqual(accounts.map(label), ['Acme Support', 'Beta Labs', 'Gamma Archive']);
    assert.deepStrictEqual(
      accounts.map((n) => item(n).description),
      ['administrator', 'agent', 'suspended'],
    );
    for (const a of accounts) assert.ok(MENU.refreshable.test(context(a)) && tokens(a).includes('account'));
  });

  it('shows a suspended account with one info child and no groups', async function () {
    const gamma = await children(await child(undefined, 'Gamma Archive'));
    assert.equal(gamma.length, 1);
    assert.equal(gamma[0].kind, 'message');
    assert.match(label(gamma[0]), /suspended/i);
  });

  it('shows Mine / Unassigned / All with the server counts of open conversations', async function () {
    const acme = await children(await child(undefined, 'Acme Support'));
    assert.deepStrictEqual(acme.map(label), ['Mine', 'Unassigned', 'All']);
    assert.deepStrictEqual(
      acme.map((n) => item(n).description),
      ['6', '14', '42'],
    );
    for (const g of acme) assert.deepStrictEqual(tokens(g), ['group']);
    const beta = await children(await child(undefined, 'Beta Labs'));
    assert.deepStrictEqual(
      beta.map((n) => item(n).description),
      ['1', '2', '4'],
    );
  });

  it('lists Unassigned in server order, on one page', async function () {
    const nodes = await children(await group('Acme Support', 'Unassigned'));
    const [first, second, third] = nodes.map(label);
    assert.ok(/^#21\b/.test(first) && /^#42\b/.test(second) && /^#3\b/.test(third), `${first}, ${second}, ${third}`);
    assert.equal(conversations(nodes).length, 14);
    assert.ok(!nodes.some((n) => n.kind === 'loadMore'), 'no Load more for 14 of 14');
    for (const n of nodes) {
      assert.equal(n.kind, 'conversation');
      if (n.kind !== 'conversation') continue;
      assert.equal(n.accountId, 1);
      assert.equal(item(n).id, `1/unassigned/${n.conversation.id}`);
      assert.ok(tokens(n).includes('unassigned') && !MENU.assigned.test(context(n)));
    }
  });

  it('pages All with a Load more node and de-duplicates the appended page', async function () {
    const all = await group('Acme Support', 'All');
    const first = await children(all);
    assert.equal(conversations(first).length, 25);
    const more = first[first.length - 1];
    assert.equal(more.kind, 'loadMore');
    assert.match(label(more), /^Load more/);
    assert.equal(item(more).command?.command, 'chatwoot.loadMore');

    await vscode.commands.executeCommand('chatwoot.loadMore', more);
    const after = await children(all);
    const ids = conversations(after).map((c) => c.id);
    assert.equal(ids.length, 42);
    assert.equal(new Set(ids).size, 42, 'no conversation twice');
    assert.deepStrictEqual(
      ids.slice(0, 25),
      conversations(first).map((c) => c.id),
      'page 1 keeps its order',
    );
    assert.ok(!after.some((n) => n.kind === 'loadMore'), 'no Load more after the last page');
  });

  it('sets contextValue tokens from the assignee, team and signed-in user', async function () {
    const mine = await children(await group('Acme Support', 'Mine'));
    assert.equal(conversations(mine).length, 6);
    for (const n of mine) assert.deepStrictEqual(tokens(n).slice(0, 3), ['conversation', 'assigned', 'mine']);

    const all = await children(await group('Acme Support', 'All'));
    let othersSeen = 0;
    for (const n of all) {
      if (n.kind !== 'conversation') continue;
      const { meta } = n.conversation;
      const human = meta.assignee !== undefined && meta.assignee_type !== 'AgentBot';
      const isMine = human && meta.assignee?.id === ALICE;
      if (human && !isMine) othersSeen++;
      const expected = ['conversation', human ? 'assigned' : 'unassigned', isMine ? 'mine' : 'notMine', ...(meta.team ? ['hasTeam'] : [])];
      assert.deepStrictEqual(
        tokens(n).filter((t) => t !== 'bot'),
        expected,
        label(n),
      );
      const value = context(n);
      assert.ok(MENU.conversation.test(value) && MENU.refreshable.test(value), value);
      assert.equal(MENU.assigned.test(value), human, value);
      assert.equal(MENU.notMine.test(value), !isMine, value);
    }
    assert.ok(othersSeen > 0, 'the first page of All has conversations assigned to other agents');
  });

  it('badges the view with the unassigned conversations of all accounts', async function () {
    const badge = await eventually(
      'badge',
      () => api.view.treeView.badge,
      (b) => b?.value === 16,
    );
    assert.equal(badge?.tooltip, '16 unassigned conversations');
  });

  it('refreshes counts and groups after an assignment', async function () {
    const unassigned = await group('Acme Support', 'Unassigned');
    assert.ok((await children(unassigned)).some((n) => /^#21\b/.test(label(n))));

    const announced = new Promise<AssignmentEvent>((resolve) => {
      const sub = api.events.onDidAssign((e) => {
        sub.dispose();
        resolve(e);
      });
    });
    await vscode.commands.executeCommand('chatwoot.assignConversation', { accountId: 1, conversationId: 21, assigneeId: 2 });
    const event = await announced;
    assert.equal(event.accountId, 1);

    const acme = await children(await child(undefined, 'Acme Support'));
    assert.deepStrictEqual(
      acme.map((n) => item(n).description),
      ['6', '13', '42'],
    );
    const now = await children(await group('Acme Support', 'Unassigned'));
    assert.equal(conversations(now).length, 13);
    assert.ok(!now.some((n) => /^#21\b/.test(label(n))), '#21 left Unassigned');

    const all = await children(await group('Acme Support', 'All'));
    const moved = all.find((n) => /^#21\b/.test(label(n)));
    assert.ok(moved, '#21 is still under All');
    assert.match(String(item(moved).description), /^Bob Brown/);
    assert.ok(tokens(moved).includes('assigned') && tokens(moved).includes('notMine'));
    await eventually(
      'badge after assignment',
      () => api.view.treeView.badge?.value,
      (v) => v === 15,
    );
  });

  it('answers a load superseded by a refresh with fresh data', async function () {
    const acme = await child(undefined, 'Acme Support');
    await fake('POST', '/__fake/config', { latency_ms: 300 });
    try {
      const pending = children(acme);
      await sleep(50); // the request is now on its way
      api.view.refresh(); // aborts it; its caller must still get the groups, from a new request
      const groups = await pending;
      assert.deepStrictEqual(groups.map(label), ['Mine', 'Unassigned', 'All']);
      assert.deepStrictEqual(
        groups.map((n) => item(n).description),
        ['6', '14', '42'],
      );
    } finally {
      await fake('POST', '/__fake/config', { latency_ms: 0 });
    }
  });

  it('asks the server once per group, however many callers and refreshes', async function () {
    await sleep(200); // let the badge's counts load of beforeEach finish
    await api.store.idle();
    await fake('DELETE', '/__fake/requests');
    api.view.refresh();
    api.view.refresh();
    const acme = await child(undefined, 'Acme Support');
    const [groups] = await Promise.all([children(acme), children(acme)]);
    const [mine, unassigned] = groups;
    await Promise.all([children(unassigned), children(unassigned), children(mine)]);
    await sleep(200); // and the badge's, which must share the loads above
    assert.deepStrictEqual((await requests('/api/v1/accounts/1/')).sort(), ['GET /api/v1/accounts/1/conversations me 1', 'GET /api/v1/accounts/1/conversations unassigned 1']);
  });

  it('de-duplicates a next page that repeats rows after the list moved', async function () {
    const all = await group('Acme Support', 'All');
    const first = await children(all);
    const more = first[first.length - 1];
    assert.equal(more.kind, 'loadMore');
    // Assigned in the dashboard: #12, first on page 2, moves to the top, so page 2 now begins
    // with the last row of page 1.
    await fake('POST', '/api/v1/accounts/1/conversations/12/assignments', { assignee_id: 2 });
    const page2 = (await fake('GET', '/api/v1/accounts/1/conversations?page=2')) as { data: { payload: Conversation[] } };
    const shown = new Set(conversations(first).map((c) => c.id));
    assert.ok(
      page2.data.payload.some((c) => shown.has(c.id)),
      'precondition: page 2 repeats a row of page 1',
    );

    await vscode.commands.executeCommand('chatwoot.loadMore', more);
    const ids = conversations(await children(all)).map((c) => c.id);
    assert.equal(new Set(ids).size, ids.length, `duplicates in ${JSON.stringify(ids)}`);
    assert.ok(ids.length >= 41, `${ids.length} conversations`);
  });

  it('shows a failed load as an error node whose Retry reloads', async function () {
    // Every load of the account's conversations fails until the fault is cleared: the badge's
    // background count load and the tree's own load race, and either may ask first.
    await fake('POST', '/__fake/config', { fail_next: { path_regex: '^/api/v1/accounts/1/conversations', status: 500, times: 1000 } });
    api.view.refresh();
    const acme = await child(undefined, 'Acme Support');
    const [error] = await children(acme);
    assert.equal(error.kind, 'message');
    assert.deepStrictEqual(tokens(error), ['error']);
    const actions = await children(error);
    assert.deepStrictEqual(actions.map(label), ['Retry', 'Show Log']);
    const retry = item(actions[0]).command;
    assert.ok(retry);
    await fake('POST', '/__fake/config', { fail_next: null });
    await vscode.commands.executeCommand(retry.command, ...((retry.arguments ?? []) as unknown[]));
    assert.deepStrictEqual(
      (await children(acme)).map((n) => item(n).description),
      ['6', '14', '42'],
    );
  });

  it('is empty when signed out (the welcome view shows) and has no badge', async function () {
    try {
      await vscode.commands.executeCommand('chatwoot.signOut');
      assert.deepStrictEqual(await children(), []);
      assert.equal(api.view.treeView.badge, undefined);
    } finally {
      await vscode.commands.executeCommand('chatwoot.signIn', { token: TOKEN });
    }
    assert.equal((await children()).length, 3);
  });

  it('refreshes only the group given to the Refresh command', async function () {
    const unassigned = await group('Acme Support', 'Unassigned');
    const before = conversations(await children(unassigned)).map((c) => c.id);
    await sleep(200); // the badge's counts load of beforeEach
    await api.store.idle();
    await fake('DELETE', '/__fake/requests');
    await vscode.commands.executeCommand('chatwoot.refresh', unassigned, [unassigned]);
    const [a, b] = await Promise.all([children(unassigned), children(unassigned)]);
    assert.deepStrictEqual(
      conversations(a).map((c) => c.id),
      before,
    );
    assert.deepStrictEqual(
      conversations(b).map((c) => c.id),
      before,
    );
    assert.deepStrictEqual(await requests('/api/v1/'), ['GET /api/v1/accounts/1/conversations unassigned 1']);
  });
});
