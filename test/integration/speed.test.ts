// Speed and scale properties that hold in the real extension host (the timed figures come from
// `npm run bench`, see docs/benchmarks.md): lazy activation and loading, one request per tree page,
// shared loads, nodes and tooltips built once or on demand, no polling.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ChatwootAssignApi } from '../../src/extension';
import type { TreeNode } from '../../src/views';
import { callFake, fakeRequests } from '../support/fake';

const FAKE_URL = process.env.CHATWOOT_FAKE_URL ?? '';
const TOKEN = process.env.CHATWOOT_TEST_TOKEN ?? '';
const EXTENSION_ID = 'chatwoot-assign.chatwoot-assign';

interface Recorded {
  method: string;
  path: string;
  query: Record<string, unknown>;
}

const fake = (method: string, p: string, body?: unknown): Promise<unknown> => callFake(FAKE_URL, method, p, { body });
const requests = (): Promise<Recorded[]> => fakeRequests(FAKE_URL);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Speed and scale', function () {
  this.timeout(60_000);
  let api: ChatwootAssignApi;
  let extension: vscode.Extension<ChatwootAssignApi>;
  const provider = () => api.view.treeDataProvider;

  before(async () => {
    const ext = vscode.extensions.getExtension<ChatwootAssignApi>(EXTENSION_ID);
    assert.ok(ext);
    extension = ext;
    api = await ext.activate();
    await fake('POST', '/__fake/reset');
    await vscode.commands.executeCommand('chatwoot.signIn', { token: TOKEN });
  });

  after(async () => {
    await sleep(300); // let the tree's reaction to the last assignment finish: later suites count requests
    await fake('POST', '/__fake/reset');
  });

  it('activates only on its commands and views', () => {
    const events = (extension.packageJSON as { activationEvents?: string[] }).activationEvents ?? [];
    assert.ok(!events.includes('*') && !events.includes('onStartupFinished'), JSON.stringify(events));
  });

  it('keeps undici and zod (api.js) and the assign feature (assign.js) out of the code loaded at activation', () => {
    const dist = path.join(extension.extensionPath, 'dist');
    // Holds for the development and the production (minified) build alike.
    const main = fs.readFileSync(path.join(dist, 'extension.js'), 'utf8');
    assert.doesNotMatch(main, /undici|zod/);
    assert.match(main, /require\("\.\/api\.js"\)/);
    assert.match(main, /require\("\.\/assign\.js"\)/);
    assert.match(fs.readFileSync(path.join(dist, 'api.js'), 'utf8'), /undici:websocket/);
    assert.doesNotMatch(main, /Pick a conversation|Assign to me|reading back what Chatwoot recorded/, 'the pickers and bulk assignment load on first use');
  });

  it('pages a large group lazily: one request per page, concurrent "Load more" share it, nodes are reused', async () => {
    await fake('POST', '/__fake/reset', { large: { conversations: 600, agents: 20 } });
    api.view.refresh();
    const scale = (await provider().getChildren()).find((n) => n.kind === 'account' && n.accountId === 4);
    assert.ok(scale, 'the Scale Test account is listed');
    const all = (await provider().getChildren(scale)).find((n) => n.kind === 'group' && n.group === 'all');
    assert.ok(all);
    await sleep(200); // the badge's counts
    await api.store.idle();
    await fake('DELETE', '/__fake/requests');
    const first = await provider().getChildren(all);
    const lists = async () => (await requests()).filter((r) => r.path === '/api/v1/accounts/4/conversations' && r.query.assignee_type === undefined).map((r) => r.query.page);
    assert.deepEqual(await lists(), ['1']);
    assert.equal(first.filter((n) => n.kind === 'conversation').length, 25);
    const more = first[first.length - 1];
    assert.equal(more.kind, 'loadMore');
    await Promise.all([vscode.commands.executeCommand('chatwoot.loadMore', more), vscode.commands.executeCommand('chatwoot.loadMore', more)]);
    assert.deepEqual(await lists(), ['1', '2']);
    const second = await provider().getChildren(all);
    assert.equal(second.filter((n) => n.kind === 'conversation').length, 50);
    for (let i = 0; i < 25; i++) assert.equal(second[i], first[i], 'page 1 nodes are reused, not rebuilt');
  });

  it('builds a conversation tooltip only when VS Code asks for it (hover)', async () => {
    await fake('POST', '/__fake/reset');
    api.view.refresh();
    const acme = (await provider().getChildren()).find((n) => n.kind === 'account' && n.accountId === 1);
    assert.ok(acme);
    const unassigned = (await provider().getChildren(acme)).find((n) => n.kind === 'group' && n.group === 'unassigned');
    assert.ok(unassigned);
    const node = (await provider().getChildren(unassigned)).find((n): n is Extract<TreeNode, { kind: 'conversation' }> => n.kind === 'conversation');
    assert.ok(node);
    const item = provider().getTreeItem(node);
    assert.equal(item.tooltip, undefined);
    const resolved = provider().resolveTreeItem(item, node);
    const tooltip = resolved?.tooltip;
    assert.ok(tooltip instanceof vscode.MarkdownString, 'a markdown tooltip');
    assert.match(tooltip.value, /Contact/);
  });

  it('does not poll: a signed-in window at rest sends no request', async () => {
    await sleep(300); // whatever the previous test started
    // The live connection settled (a (re)connection reads what is loaded once, by design), then no background work left.
    for (const until = Date.now() + 10_000; api.live.status.kind !== 'live' && Date.now() < until; ) await sleep(100);
    await api.store.idle();
    // VS Code re-asks the visible tree for its rows some time after the previous test's refresh: wait until quiet.
    for (let quiet = 0, until = Date.now() + 10_000; quiet < 2 && Date.now() < until; ) {
      await fake('DELETE', '/__fake/requests');
      await sleep(400);
      await api.store.idle();
      quiet = (await requests()).length === 0 ? quiet + 1 : 0;
    }
    await fake('DELETE', '/__fake/requests');
    await sleep(2500);
    assert.deepEqual(
      (await requests()).map((r) => `${r.method} ${r.path}`),
      [],
    );
  });
});
