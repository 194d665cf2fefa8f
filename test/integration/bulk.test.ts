// "Assign Conversations…" (bulk assignment) inside the real extension host, against the fake Chatwoot.
// The non-interactive form skips the picker and the modal confirmation; the request log shows what
// reached the server. Alice (user 1) administers Acme Support (1); Bob Brown is agent 2; team 2 is
// billing. Chatwoot's bulk_actions answers at once and works in a job: the command re-reads.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Conversation } from '../../src/api';
import type { AssignmentEvent } from '../../src/assign/events';
import type { ChatwootAssignApi } from '../../src/extension';
import type { TreeNode } from '../../src/views';
import { callFake, fakeRequests } from '../support/fake';

const FAKE_URL = process.env.CHATWOOT_FAKE_URL ?? '';
const TOKEN = process.env.CHATWOOT_TEST_TOKEN ?? '';
const BULK = 'chatwoot.assignConversations';

interface Recorded {
  method: string;
  path: string;
  body: unknown;
}

const fake = (method: string, path: string, body?: unknown): Promise<unknown> => callFake(FAKE_URL, method, path, { body, token: TOKEN });
const requests = (): Promise<Recorded[]> => fakeRequests(FAKE_URL);
/** POSTs that change something: `conversations/filter` is a POST that only reads. */
const isFilter = (r: Recorded) => r.method === 'POST' && r.path.endsWith('/conversations/filter');
const posts = async () => (await requests()).filter((r) => r.method === 'POST' && !isFilter(r));
/** Display ids read back, once per read: by `GET …/conversations/{id}` or in a `conversations/filter` body. */
const reads = async (accountId: number) =>
  (await requests()).flatMap((r) => {
    if (isFilter(r) && r.path === `/api/v1/accounts/${accountId}/conversations/filter`) return filterIds(r.body);
    if (r.method !== 'GET') return [];
    const id = new RegExp(`^/api/v1/accounts/${accountId}/conversations/(\\d+)$`).exec(r.path)?.[1];
    return id ? [Number(id)] : [];
  });
const filterIds = (body: unknown): number[] => ((body as { payload?: Array<{ values?: unknown[] }> }).payload?.[0]?.values ?? []).map(Number);
const state = async (accountId: number, id: number) =>
  (await fake('GET', `/__fake/state/conversations/${accountId}/${id}`)) as { assignee_id: number | null; team_id: number | null };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Assign Conversations (bulk)', function () {
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
    await api.store.idle();
    await fake('POST', '/__fake/reset'); // also clears the request log
  });

  after(async () => {
    await sleep(300); // let the tree's reaction to the last assignment finish: later suites count requests
    await fake('POST', '/__fake/reset');
  });

  it('sends one bulk_actions request, re-reads every conversation and returns what the server recorded', async () => {
    const ids = [1, 3, 21, 42, 45, 47, 55];
    const result = await vscode.commands.executeCommand<Conversation[]>(BULK, { accountId: 1, conversationIds: ids, assigneeId: 2 });
    assert.deepEqual(
      result?.map((c) => c.id),
      ids,
    );
    for (const c of result) assert.equal(c.meta.assignee?.id, 2, `#${c.id}`);
    assert.deepEqual(
      (await posts()).map((r) => [r.path, r.body]),
      [['/api/v1/accounts/1/bulk_actions', { type: 'Conversation', ids, fields: { assignee_id: 2 } }]],
    );
    assert.deepEqual(
      [...new Set(await reads(1))].sort((a, b) => a - b),
      ids,
    );
    for (const id of ids) assert.equal((await state(1, id)).assignee_id, 2, `#${id} in the fake`);
  });

  it('assigns a team with fields {team_id}', async () => {
    const result = await vscode.commands.executeCommand<Conversation[]>(BULK, { accountId: 1, conversationIds: [21, 3], teamId: 2 });
    assert.deepEqual(
      result?.map((c) => [c.id, c.meta.team?.name]),
      [
        [21, 'billing'],
        [3, 'billing'],
      ],
    );
    assert.deepEqual(
      (await posts()).map((r) => r.body),
      [{ type: 'Conversation', ids: [21, 3], fields: { team_id: 2 } }],
    );
  });

  it('unassigns with fields {assignee_id: null}', async () => {
    const result = await vscode.commands.executeCommand<Conversation[]>(BULK, { accountId: 1, conversationIds: [1, 55], unassign: true });
    assert.deepEqual(
      result?.map((c) => c.meta.assignee),
      [undefined, undefined],
    );
    assert.deepEqual(
      (await posts()).map((r) => r.body),
      [{ type: 'Conversation', ids: [1, 55], fields: { assignee_id: null } }],
    );
  });

  it('sends large selections in chunks of 100 ids', async () => {
    await fake('POST', '/__fake/reset', { large: { conversations: 250, agents: 5 } });
    const ids = Array.from({ length: 250 }, (_, i) => i + 1);
    const result = await vscode.commands.executeCommand<Conversation[]>(BULK, { accountId: 4, conversationIds: ids, assigneeId: 1001 });
    assert.equal(result?.length, 250);
    assert.ok(result.every((c) => c.meta.assignee?.id === 1001));
    const bodies = (await posts()).map((r) => r.body as { ids: number[]; fields: unknown });
    assert.deepEqual(
      bodies.map((b) => b.ids.length).sort((a, b) => b - a),
      [100, 100, 50],
    );
    assert.deepEqual(
      bodies.flatMap((b) => b.ids).sort((a, b) => a - b),
      ids,
    );
    assert.ok(bodies.every((b) => JSON.stringify(b.fields) === '{"assignee_id":1001}'));
  });

  it('reads again while the Chatwoot job has not run yet', async () => {
    await fake('POST', '/__fake/config', { jobs: 'deferred' });
    const pending = vscode.commands.executeCommand<Conversation[]>(BULK, { accountId: 1, conversationIds: [21, 42], assigneeId: 2 });
    await sleep(150);
    await fake('POST', '/__fake/jobs/drain');
    const result = await pending;
    assert.deepEqual(
      result?.map((c) => c.meta.assignee?.id),
      [2, 2],
    );
    const counted = await reads(1);
    assert.ok(counted.filter((id) => id === 21).length >= 2, `#21 was read ${counted.filter((id) => id === 21).length} time(s)`);
  });

  it('returns the conversations as they are when the change never shows (and stops reading)', async () => {
    await fake('POST', '/__fake/config', { jobs: 'deferred' });
    const result = await vscode.commands.executeCommand<Conversation[]>(BULK, { accountId: 1, conversationIds: [21], assigneeId: 2 });
    assert.equal(result?.[0]?.meta.assignee, undefined, 'the job never ran');
    const times = (await reads(1)).length;
    assert.ok(times >= 2 && times <= 5, `read ${times} times`);
  });

  it('refreshes the tree: the conversations leave Unassigned', async () => {
    api.view.refresh();
    const provider = api.view.treeDataProvider;
    const acme = (await provider.getChildren()).find((n) => n.kind === 'account' && n.accountId === 1);
    assert.ok(acme);
    const before = (await provider.getChildren(acme)).find((n) => n.kind === 'group' && n.group === 'unassigned');
    assert.equal(before && provider.getTreeItem(before).description, '14');
    const announced = new Promise<AssignmentEvent>((resolve) => {
      const sub = api.events.onDidAssign((e) => {
        sub.dispose();
        resolve(e);
      });
    });
    await vscode.commands.executeCommand(BULK, { accountId: 1, conversationIds: [21, 42, 3], assigneeId: 2 });
    assert.deepEqual((await announced).displayIds, [21, 42, 3]);
    const after = (await provider.getChildren(acme)).find((n) => n.kind === 'group' && n.group === 'unassigned');
    assert.equal(after && provider.getTreeItem(after).description, '11');
  });

  it('refuses a tree selection that spans two accounts, without a request', async () => {
    api.view.refresh();
    const provider = api.view.treeDataProvider;
    const firstConversation = async (accountName: string): Promise<TreeNode> => {
      const account = (await provider.getChildren()).find((n) => provider.getTreeItem(n).label === accountName);
      assert.ok(account, accountName);
      const all = (await provider.getChildren(account)).find((n) => n.kind === 'group' && n.group === 'all');
      assert.ok(all);
      const node = (await provider.getChildren(all)).find((n) => n.kind === 'conversation');
      assert.ok(node);
      return node;
    };
    const a = await firstConversation('Acme Support');
    const b = await firstConversation('Beta Labs');
    await sleep(200); // the badge's counts
    await api.store.idle();
    await fake('DELETE', '/__fake/requests');
    assert.equal(await vscode.commands.executeCommand(BULK, a, [a, b]), undefined);
    assert.deepEqual(await requests(), []);
  });

  it('bad non-interactive arguments send nothing and return undefined', async () => {
    const bad = [
      { accountId: 1, conversationIds: [], assigneeId: 2 },
      { accountId: 1, conversationIds: [21, 0], assigneeId: 2 },
      { accountId: 1, conversationIds: [21], assigneeId: 2, teamId: 1 },
      { accountId: 1, conversationIds: [21] },
      { accountId: 0, conversationIds: [21], assigneeId: 2 },
      { accountId: 1, conversationIds: '21', assigneeId: 2 },
    ];
    for (const args of bad) assert.equal(await vscode.commands.executeCommand(BULK, args), undefined, JSON.stringify(args));
    assert.deepEqual(await requests(), []);
  });
});
