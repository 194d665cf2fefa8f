// The conversation tab, hand-off with a note and Undo inside the real extension host, against the
// fake Chatwoot (seed: #4 of Acme Support has 62 messages; #5 is Erin Evans's, and team sales
// auto-assigns Bob Brown). Alice (user 1) administers Acme Support (1).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Conversation } from '../../src/api';
import type { UndoReport } from '../../src/assign/undo/undoCommand';
import type { PanelSnapshot } from '../../src/conversation/panel';
import type { ChatwootAssignApi } from '../../src/extension';

const FAKE_URL = process.env.CHATWOOT_FAKE_URL ?? '';
const TOKEN = process.env.CHATWOOT_TEST_TOKEN ?? '';

interface Recorded {
  method: string;
  path: string;
  body: unknown;
}
type State = { assignee_id: number | null; team_id: number | null };

async function fake(method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${FAKE_URL}${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'api-access-token': TOKEN },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  assert.ok(res.ok, `${method} ${path} answered ${res.status}`);
  const text = await res.text();
  return text ? (JSON.parse(text) as unknown) : null;
}
const requests = async () => (await fake('GET', '/__fake/requests')) as Recorded[];
/** POSTs that change something (conversations/filter only reads). */
const changes = async () => (await requests()).filter((r) => r.method === 'POST' && !r.path.endsWith('/conversations/filter')).map((r) => [r.path, r.body]);
const state = async (id: number): Promise<State> => {
  const s = (await fake('GET', `/__fake/state/conversations/1/${id}`)) as State;
  return { assignee_id: s.assignee_id, team_id: s.team_id };
};
const webviewTabs = (label: string) => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.label === label);
/** The tab model reaches the extension host a moment after the panel is created: wait for it. */
async function tabCount(label: string): Promise<number> {
  for (let i = 0; i < 40 && webviewTabs(label).length === 0; i++) await new Promise((r) => setTimeout(r, 100));
  const found = webviewTabs(label).length;
  if (found === 0) console.log(`tabs: ${JSON.stringify(vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => [t.label, t.input?.constructor?.name]))}`);
  return found;
}

describe('Conversation tab, hand-off, undo', function () {
  this.timeout(60_000);
  let api: ChatwootAssignApi;

  before(async () => {
    assert.ok(FAKE_URL && TOKEN, 'CHATWOOT_FAKE_URL and CHATWOOT_TEST_TOKEN must be set for the extension host');
    const extension = vscode.extensions.getExtension<ChatwootAssignApi>('chatwoot-assign.chatwoot-assign');
    assert.ok(extension);
    api = await extension.activate();
    await fake('POST', '/__fake/reset');
    await vscode.commands.executeCommand('chatwoot.signIn', { token: TOKEN });
    assert.ok(api.connection.signedIn);
  });

  beforeEach(async () => {
    await fake('POST', '/__fake/reset');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await new Promise((r) => setTimeout(r, 300));
    await fake('POST', '/__fake/reset');
  });

  it('Open Conversation opens a tab "#4 …" with the newest 20 messages; opening it again focuses the same tab', async () => {
    const first = await vscode.commands.executeCommand<PanelSnapshot>('chatwoot.openConversation', { accountId: 1, conversationId: 4 });
    assert.ok(first, 'the command resolved with the tab');
    assert.match(first.title, /^#4 /);
    assert.equal(first.messageIds.length, 20);
    assert.equal(first.hasOlder, true, '62 messages: "Load older" is offered');
    assert.equal(await tabCount(first.title), 1);
    const reads = (await requests()).filter((r) => r.path === '/api/v1/accounts/1/conversations/4/messages');
    assert.equal(reads.length, 1);
    const again = await vscode.commands.executeCommand<PanelSnapshot>('chatwoot.openConversation', { accountId: 1, conversationId: 4 });
    assert.equal(again?.title, first.title);
    assert.equal(await tabCount(first.title), 1, 'still one tab');
    assert.equal((await requests()).filter((r) => r.path === '/api/v1/accounts/1/conversations/4/messages').length, 1, 'no second read');
  });

  it('a conversation row opens its tab (its command), keeping the focus in the tree', async () => {
    api.view.refresh();
    const provider = api.view.treeDataProvider;
    const acme = (await provider.getChildren()).find((n) => n.kind === 'account' && n.accountId === 1);
    assert.ok(acme);
    const all = (await provider.getChildren(acme)).find((n) => n.kind === 'group' && n.group === 'all');
    assert.ok(all);
    const row = (await provider.getChildren(all)).find((n) => n.kind === 'conversation');
    assert.ok(row?.kind === 'conversation');
    const command = provider.getTreeItem(row).command;
    assert.equal(command?.command, 'chatwoot.openConversation');
    const snapshot = await vscode.commands.executeCommand<PanelSnapshot>(command.command, ...((command.arguments ?? []) as unknown[]));
    assert.equal(snapshot?.conversationId, row.conversation.id);
    assert.equal(await tabCount(snapshot.title), 1);
  });

  it('hand-off (non-interactive, with a note): the assignment, then the private note', async () => {
    const c = await vscode.commands.executeCommand<Conversation>('chatwoot.assignConversation', {
      accountId: 1,
      conversationId: 21,
      assigneeId: 2,
      note: 'Customer wants a call back',
    });
    assert.equal(c?.meta.assignee?.id, 2);
    assert.deepEqual(await changes(), [
      ['/api/v1/accounts/1/conversations/21/assignments', { assignee_id: 2 }],
      ['/api/v1/accounts/1/conversations/21/messages', { content: 'Customer wants a call back', private: true }],
    ]);
    assert.deepEqual(await state(21), { assignee_id: 2, team_id: null });
  });

  it('Undo Last Assignment: a team that auto-assigned is undone, and the server state equals the state before', async () => {
    const before = await state(5);
    const c = await vscode.commands.executeCommand<Conversation>('chatwoot.assignConversation', { accountId: 1, conversationId: 5, teamId: 1 });
    assert.equal(c?.meta.assignee?.name, 'Bob Brown', 'Chatwoot auto-picked Bob');
    const report = await vscode.commands.executeCommand<UndoReport>('chatwoot.undoAssignment');
    assert.equal(report?.outcome, 'undone', report?.message);
    assert.deepEqual(await state(5), before);
    assert.equal(api.store.conversation(1, 5)?.meta.team, undefined, 'the store was patched');
  });

  it('Undo refuses, naming what the conversation now shows, when it changed since', async () => {
    await vscode.commands.executeCommand('chatwoot.assignConversation', { accountId: 1, conversationId: 21, assigneeId: 2 });
    await fake('POST', '/api/v1/accounts/1/conversations/21/assignments', { team_id: 1 }); // someone else, meanwhile
    const changed = await state(21);
    await fake('DELETE', '/__fake/requests');
    const report = await vscode.commands.executeCommand<UndoReport>('chatwoot.undoAssignment');
    assert.equal(report?.outcome, 'refused');
    assert.match(report.message, /now shows .*team sales/);
    assert.deepEqual(await changes(), [], 'nothing was sent');
    assert.deepEqual(await state(21), changed);
  });
});
