/**
 * Races and cancellation inside the real extension host: whatever the interleaving, the tree ends
 * in the server's state, Escape stops a flow that is still loading, and repeated flows leave no
 * timers behind.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Conversation } from '../../src/api';
import type { ChatwootAssignApi } from '../../src/extension';
import { fakeControl } from '../support/fake';

interface Node {
  kind?: string;
  label?: string;
  accountId?: number;
  conversation?: Conversation;
}

const fakeUrl = () => process.env.CHATWOOT_FAKE_URL ?? '';
const fake = (path: string, method = 'GET', body?: unknown): Promise<unknown> => fakeControl(fakeUrl(), { lenient: true })(method, path, body);
const labelOf = (item: vscode.TreeItem) => (typeof item.label === 'string' ? item.label : (item.label?.label ?? ''));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Display ids the server lists as open and unassigned in account 1, first page, in order. */
async function serverUnassigned(): Promise<number[]> {
  const res = await fetch(`${fakeUrl()}/api/v1/accounts/1/conversations?assignee_type=unassigned`, { headers: { 'api-access-token': process.env.CHATWOOT_TEST_TOKEN ?? '' } });
  const body = (await res.json()) as { data: { payload: Array<{ id: number }> } };
  return body.data.payload.map((c) => c.id);
}

describe('races and cancellation in the extension host', () => {
  let api: ChatwootAssignApi;
  const provider = () => api.view.treeDataProvider as unknown as vscode.TreeDataProvider<Node>;

  /** The Unassigned group's conversations of Acme Support, as the tree shows them now. */
  async function treeUnassigned(): Promise<number[]> {
    const roots = (await provider().getChildren()) ?? [];
    const acme = roots.find((n) => n.accountId === 1 && n.kind === 'account');
    assert.ok(acme, 'Acme Support is a root');
    const groups = (await provider().getChildren(acme)) ?? [];
    const unassigned = groups.find((g) => labelOf(provider().getTreeItem(g) as vscode.TreeItem).startsWith('Unassigned'));
    assert.ok(unassigned);
    const children = (await provider().getChildren(unassigned)) ?? [];
    return children.filter((c) => c.kind === 'conversation').map((c) => c.conversation!.id);
  }

  before(async () => {
    api = await vscode.extensions.getExtension<ChatwootAssignApi>('chatwoot-assign.chatwoot-assign')!.activate();
  });
  beforeEach(async () => {
    await fake('reset', 'POST');
    await vscode.commands.executeCommand('chatwoot.signIn', { token: process.env.CHATWOOT_TEST_TOKEN });
  });
  afterEach(async () => {
    await fake('config', 'POST', { latency_ms: 0 });
  });

  it('a refresh racing an assignment ends in the server state', async () => {
    await fake('config', 'POST', { latency_ms: 150 });
    api.view.refresh();
    const assigning = vscode.commands.executeCommand('chatwoot.assignConversation', { accountId: 1, conversationId: 42, assigneeId: 2 });
    api.view.refresh();
    await assigning;
    await sleep(400); // let the refresh the assignment triggered settle
    assert.deepEqual(await treeUnassigned(), await serverUnassigned());
    assert.ok(!(await treeUnassigned()).includes(42));
  });

  it('two assignments racing from two entry points: the tree shows the winner', async () => {
    await Promise.all([
      vscode.commands.executeCommand('chatwoot.assignConversation', { accountId: 1, conversationId: 21, assigneeId: 2 }),
      vscode.commands.executeCommand('chatwoot.assignConversation', { accountId: 1, conversationId: 21, unassign: true }),
    ]);
    await sleep(300);
    const state = (await fake('state/conversations/1/21')) as { assignee_id: number | null };
    assert.equal((await treeUnassigned()).includes(21), state.assignee_id === null);
  });

  it('Escape while a step is loading ends the flow at once, with no assignment sent', async () => {
    api.store.invalidateProfile();
    await fake('config', 'POST', { latency_ms: 1500 });
    await fake('requests', 'DELETE');
    const started = Date.now();
    const flow = vscode.commands.executeCommand('chatwoot.assignConversation');
    await sleep(300);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    // The profile load is still pending on the server; the flow must not wait for it.
    const result = await Promise.race([flow, sleep(1200).then(() => 'still running')]);
    assert.equal(result, undefined);
    assert.ok(Date.now() - started < 1500, 'returned before the slow response');
    await sleep(1500);
    const log = (await fake('requests')) as Array<{ method: string }>;
    assert.equal(log.filter((r) => r.method === 'POST').length, 0);
  });

  it('hiding the tree while it loads, then showing it, gives the server state', async () => {
    await fake('config', 'POST', { latency_ms: 400 });
    await vscode.commands.executeCommand('chatwoot.conversations.focus');
    api.view.refresh();
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await fake('config', 'POST', { latency_ms: 0 });
    await vscode.commands.executeCommand('chatwoot.assignConversation', { accountId: 1, conversationId: 3, assigneeId: 2 });
    await vscode.commands.executeCommand('chatwoot.conversations.focus');
    await sleep(600);
    assert.deepEqual(await treeUnassigned(), await serverUnassigned());
  });

  it('cancelled flows leave no timers behind', async () => {
    await fake('config', 'POST', { latency_ms: 300 });
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timers();
    for (let i = 0; i < 8; i++) {
      const flow = vscode.commands.executeCommand('chatwoot.assignConversation');
      await sleep(120);
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      await flow;
    }
    await sleep(800);
    assert.ok(timers() <= before + 2, `timers: ${before} → ${timers()}`);
  });
});
