/**
 * The Conversations tree in plain Node: ConversationsTreeProvider and ConversationsView with the
 * stub `vscode` (test/support/vscode), a real store and client against the fake Chatwoot. What VS
 * Code would render (labels, descriptions, icons, `contextValue` tokens the menus match), the
 * failure nodes, the offline and signed-out states, and how bursts of store changes are coalesced.
 */
import { editor } from '../../support/vscode/install';
import * as assert from 'node:assert/strict';
import { ChatwootClient, createDispatcher, type Conversation } from '../../../src/api';
import type { Connection } from '../../../src/auth/connection';
import { Emitter } from '../../../src/util/emitter';
import type { ConversationNode } from '../../../src/views/conversationNode';
import { ConversationsView, REFRESHES_PER_SECOND } from '../../../src/views/conversationsView';
import type { AccountNode, GroupNode, LoadMoreNode, MessageNode, TreeNode } from '../../../src/views/nodes';
import { ConversationsTreeProvider } from '../../../src/views/provider';
import type { MarkdownString, StubTreeView, ThemeColor, ThemeIcon } from '../../support/vscode/vscodeStub';
import { closedPort } from '../helpers/rawServer';
import { SEED_TOKENS, useFake, type FakeContext } from '../helpers/fakeServer';
import { recordingLogger, type RecordingLogger } from './logger';
import { sleep, storeOn, type StoreHarness } from './storeHarness';

const icon = (node: TreeNode) => node.iconPath as ThemeIcon;
const label = (node: TreeNode) => (typeof node.label === 'string' ? node.label : (node.label?.label ?? ''));
const byLabel = <T extends TreeNode>(nodes: TreeNode[], name: string): T => {
  const found = nodes.find((n) => label(n) === name);
  assert.ok(found, `"${name}" not among ${JSON.stringify(nodes.map(label))}`);
  return found as T;
};
const conversationNode = (nodes: TreeNode[], id: number): ConversationNode => {
  const found = nodes.find((n) => n.kind === 'conversation' && n.conversation.id === id);
  assert.ok(found, `#${id} not among the nodes`);
  return found as ConversationNode;
};

describe('Conversations tree (stub vscode, fake Chatwoot)', function () {
  this.timeout(10_000);
  let ctx: FakeContext;
  let h: StoreHarness;
  let log: RecordingLogger;
  let signedIn: boolean;
  let provider: ConversationsTreeProvider;

  before(async () => (ctx = await useFake()));
  after(() => ctx.close());
  beforeEach(() => {
    ctx.fake.reset();
    editor.clearRecords();
    log = recordingLogger();
    signedIn = true;
    h = storeOn(ctx.client(SEED_TOKENS.alice));
    provider = new ConversationsTreeProvider(() => signedIn, h.store, log);
  });
  afterEach(() => {
    provider.dispose();
    h.store.dispose();
  });

  const roots = () => provider.getChildren();
  const acme = async () => byLabel<AccountNode>(await roots(), 'Acme Support');
  const group = async (name: string) => byLabel<GroupNode>(await provider.getChildren(await acme()), name);

  describe('nodes', () => {
    it('one root node per account of the profile: role, suspended, expanded as the dashboard would', async () => {
      const nodes = (await roots()) as AccountNode[];
      assert.deepEqual(
        nodes.map((n) => [label(n), n.description, n.contextValue, n.collapsibleState, icon(n).id]),
        [
          ['Acme Support', 'administrator', 'account', 2, 'organization'],
          ['Beta Labs', 'agent', 'account', 1, 'organization'],
          ['Gamma Archive', 'suspended', 'account suspended', 1, 'organization'],
        ],
      );
      assert.equal(editor.contexts.get('chatwoot.offline'), false);
      const suspended = await provider.getChildren(nodes[2]);
      assert.deepEqual(
        suspended.map((n) => [n.kind, label(n)]),
        [['message', 'This account is suspended.']],
      );
      assert.ok(!ctx.fake.requests.some((r) => r.path.startsWith('/api/v1/accounts/3/')), 'nothing asked of the suspended account');
    });

    it('an account has Mine / Unassigned / All with the server counts, from one list read', async () => {
      const groups = (await provider.getChildren(await acme())) as GroupNode[];
      assert.deepEqual(
        groups.map((g) => [label(g), g.description, g.tooltip, g.collapsibleState, g.contextValue, icon(g).id, g.id]),
        [
          ['Mine', '6', '6 open conversations assigned to you', 2, 'group', 'account', '1/mine'],
          ['Unassigned', '14', '14 open conversations without an agent', 2, 'group', 'inbox', '1/unassigned'],
          ['All', '42', '42 open conversations in the inboxes you can see', 1, 'group', 'list-unordered', '1/all'],
        ],
      );
      const lists = ctx.fake.requests.filter((r) => r.path === '/api/v1/accounts/1/conversations');
      assert.deepEqual(
        lists.map((r) => r.query.assignee_type),
        ['unassigned'],
      );
      assert.equal(provider.getParent(groups[0]), await acme());
    });

    it('conversation nodes: label, description, icon and the contextValue tokens the menus match', async () => {
      const unassigned = await provider.getChildren(await group('Unassigned'));
      assert.equal(unassigned.length, 14);
      const c21 = conversationNode(unassigned, 21);
      assert.match(label(c21), /^#21 \S/);
      assert.deepEqual([c21.id, c21.description, c21.contextValue, icon(c21).id], ['1/unassigned/21', 'Unassigned', 'conversation unassigned notMine', 'circle-large-outline']);
      const c42 = conversationNode(unassigned, 42);
      assert.deepEqual([c42.description, c42.contextValue], ['Unassigned · team billing', 'conversation unassigned notMine hasTeam']);
      const bot = conversationNode(unassigned, 33);
      assert.deepEqual([bot.description, bot.contextValue, icon(bot).id], ['Triage Bot (bot)', 'conversation unassigned notMine bot', 'robot']);

      const mine = await provider.getChildren(await group('Mine'));
      const c11 = conversationNode(mine, 11);
      assert.deepEqual([c11.contextValue, icon(c11).id, (icon(c11).color as ThemeColor | undefined)?.id], ['conversation assigned mine', 'person', 'charts.green']);
      assert.equal(conversationNode(mine, 32).contextValue, 'conversation assigned mine hasTeam');
      assert.equal(provider.getParent(c11), await group('Mine'));

      const all = await provider.getChildren(await group('All'));
      const c47 = conversationNode(all, 47);
      assert.deepEqual([c47.contextValue, icon(c47).id, icon(c47).color], ['conversation assigned notMine', 'person', undefined]);
      assert.equal(c47.tooltip, undefined, 'built on hover only');
      const tooltip = provider.resolveTreeItem(c47, c47).tooltip as MarkdownString;
      assert.match(tooltip.value, /\*\*Assignee:\*\* /);
    });

    it('a long group ends with a Load more node that names its command and how much is loaded', async () => {
      const allGroup = await group('All');
      const all = await provider.getChildren(allGroup);
      assert.equal(all.length, 26);
      const more = all[25] as LoadMoreNode;
      assert.deepEqual([more.kind, label(more), more.description, more.contextValue, more.id], ['loadMore', 'Load more…', '25 of 42', 'loadMore', '1/all/more']);
      assert.deepEqual(more.command, { command: 'chatwoot.loadMore', title: 'Load More Conversations', arguments: [more] });
      assert.equal(provider.getParent(more), allGroup);
      await h.store.loadMore(1, 'all');
      const after = await provider.getChildren(allGroup);
      assert.equal(after.length, 42, 'all loaded: no Load more node');
      assert.ok(after.every((n) => n.kind === 'conversation'));
    });

    it('the badge counts the unassigned conversations of every active account', async () => {
      assert.equal(provider.unassignedTotal(), 0);
      await provider.prefetchCounts();
      assert.equal(provider.unassignedTotal(), 14 + 2);
      assert.ok(!ctx.fake.requests.some((r) => r.path.startsWith('/api/v1/accounts/3/')));
      signedIn = false;
      assert.equal(provider.unassignedTotal(), undefined);
    });
  });

  describe('failures and states', () => {
    const actions = (node: MessageNode) => node.children.map((c) => [label(c), (c.command as { command: string }).command, c.contextValue]);

    it('a group that fails shows an error node with Set API Token / Retry / Show Log (token refused)', async () => {
      const mine = await group('Mine');
      await ctx.control('POST', 'config', { fail_next: { path_regex: '^/api/v1/accounts/1/conversations$', status: 401, body: '{"error":"Invalid Access Token"}' } });
      const [error, ...rest] = (await provider.getChildren(mine)) as MessageNode[];
      assert.deepEqual(rest, []);
      assert.deepEqual([error.kind, error.contextValue, icon(error).id, error.id, error.collapsibleState], ['message', 'error', 'error', '1/mine/error', 2]);
      assert.deepEqual(actions(error), [
        ['Set API Token', 'chatwoot.signIn', 'action'],
        ['Retry', 'chatwoot.refresh', 'action'],
        ['Show Log', 'chatwoot.showLog', 'action'],
      ]);
      assert.deepEqual((error.children[1].command as { arguments: unknown[] }).arguments, [mine], 'Retry refreshes that group');
      assert.deepEqual(await provider.getChildren(error), error.children);
      assert.ok(log.lines.some((l) => l.level === 'error' && l.message === 'Could not load Chatwoot "Mine"'));
    });

    it('an error a token cannot fix offers Retry and Show Log only; on an account, Retry targets the account', async () => {
      const account = await acme();
      await ctx.control('POST', 'config', { fail_next: { path_regex: '^/api/v1/accounts/1/conversations$', status: 422, body: '{"message":"nope"}' } });
      const [error] = (await provider.getChildren(account)) as MessageNode[];
      assert.equal(error.id, '1/error');
      assert.deepEqual(
        actions(error).map((a) => a[0]),
        ['Retry', 'Show Log'],
      );
      assert.deepEqual((error.children[0].command as { arguments: unknown[] }).arguments, [account]);
    });

    it('offline (the server cannot be reached): an empty root and chatwoot.offline, cleared when it answers again', async () => {
      const down = storeOn(ctx.client(SEED_TOKENS.alice));
      const port = await closedPort();
      down.use(
        new ChatwootClient({
          baseUrl: `http://127.0.0.1:${port}`,
          token: SEED_TOKENS.alice,
          dispatcher: createDispatcher({ useEnvironmentProxy: false, keepAliveTimeoutMs: 10, minRetryDelayMs: 10, maxRetryDelayMs: 20 }),
        }),
      );
      const offline = new ConversationsTreeProvider(() => true, down.store, log);
      try {
        assert.deepEqual(await offline.getChildren(), []);
        assert.equal(editor.contexts.get('chatwoot.offline'), true);
        down.use(ctx.client(SEED_TOKENS.alice));
        down.store.refreshAll();
        assert.equal((await offline.getChildren()).length, 3);
        assert.equal(editor.contexts.get('chatwoot.offline'), false);
      } finally {
        offline.dispose();
        down.store.dispose();
      }
    });

    it('signed out: an empty root (the welcome view) and no request', async () => {
      signedIn = false;
      assert.deepEqual(await roots(), []);
      assert.deepEqual(ctx.fake.requests, []);
    });
  });

  describe('ConversationsView: coalesced refreshes', () => {
    let view: ConversationsView;
    let treeView: StubTreeView;
    let fired: number;
    const connectionChanged = new Emitter<void>();

    beforeEach(async () => {
      const connection = {
        get signedIn() {
          return signedIn;
        },
        onDidChange: connectionChanged.event,
      } as unknown as Connection;
      view = new ConversationsView(connection, h.store, log);
      treeView = editor.treeViews.at(-1)!.view;
      fired = 0;
      view.treeDataProvider.onDidChangeTreeData(() => fired++);
      // VS Code opens the tree: root, the expanded account, its groups.
      const p = view.treeDataProvider;
      const account = byLabel<AccountNode>(await p.getChildren(), 'Acme Support');
      for (const g of await p.getChildren(account)) await p.getChildren(g);
      await h.store.idle();
      await sleep(1000 / REFRESHES_PER_SECOND + 20);
      view.refreshCount = 0;
      fired = 0;
    });
    afterEach(() => view.dispose());

    /** Copies of #21 that alternate between unassigned and Alice's, each newer than the last. */
    function flips(count: number): Conversation[] {
      const c21 = h.store.conversation(1, 21)!;
      const aliceAssignee = h.store.conversation(1, 11)!.meta.assignee!;
      return Array.from({ length: count }, (_, i) => ({
        ...c21,
        updated_at: c21.updated_at! + i + 1,
        last_activity_at: c21.last_activity_at + i + 1,
        meta: i % 2 === 0 ? { ...c21.meta, assignee: aliceAssignee, assignee_type: 'User' } : { ...c21.meta, assignee: undefined, assignee_type: undefined },
      }));
    }

    it('a burst of 100 patches in one go: one tree refresh, and the tree then shows the last state', async () => {
      for (const c of flips(101)) h.store.applyConversations(1, [c]);
      await sleep(1000 / REFRESHES_PER_SECOND + 50);
      assert.equal(view.refreshCount, 1);
      assert.ok(fired <= 2, `${fired} onDidChangeTreeData events`);
      const account = byLabel<AccountNode>(await view.treeDataProvider.getChildren(), 'Acme Support');
      const groups = await view.treeDataProvider.getChildren(account);
      assert.deepEqual(
        groups.map((g) => g.description),
        ['7', '13', '42'],
      );
      assert.ok((await view.treeDataProvider.getChildren(groups[0])).some((n) => n.kind === 'conversation' && n.conversation.id === 21));
      assert.deepEqual(treeView.badge, { value: 13 + 2, tooltip: '15 unassigned conversations' });
    });

    it(`100 patches spread over half a second: at most ${REFRESHES_PER_SECOND} refreshes a second`, async () => {
      const started = Date.now();
      for (const c of flips(100)) {
        h.store.applyConversations(1, [c]);
        await sleep(5);
      }
      const spreadMs = Date.now() - started;
      await sleep(1000 / REFRESHES_PER_SECOND + 50);
      const allowed = Math.ceil((spreadMs * REFRESHES_PER_SECOND) / 1000) + 1;
      assert.ok(view.refreshCount >= 2 && view.refreshCount <= allowed, `${view.refreshCount} refreshes for 100 patches`);
    });

    it('a sign-in change refreshes from the root at once', () => {
      connectionChanged.fire();
      assert.equal(view.refreshCount, 1);
      assert.equal(fired, 1);
    });
  });
});
