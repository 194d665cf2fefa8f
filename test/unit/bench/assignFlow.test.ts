/**
 * The Assign Conversation pickers driven in plain Node (the benchmark's stub `vscode` and scripted
 * user, scripts/bench) against the fake Chatwoot with injected latency: what the user waits for,
 * counted in requests, not timed to the millisecond.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { SEED_TOKENS, startFakeChatwoot, type FakeChatwoot } from '../../fake-chatwoot';
import { runOurFlow, settle, type FlowPlan } from '../../../scripts/bench/flow';
import { startHost, uninstallStub, type Host, type Layout } from '../../../scripts/bench/host';
import type { Item, StubQuickPick } from '../../support/vscode/quickPickStub';

const OUT_SRC = path.resolve(__dirname, '..', '..', '..', 'src');
const LAYOUT: Layout = { extension: path.join(OUT_SRC, 'extension.js'), api: path.join(OUT_SRC, 'api', 'index.js'), root: OUT_SRC };
const LATENCY = 120;
const PLAN: FlowPlan = { account: 'Acme Support', conversation: /^#21 /, assignee: /^Caz$/, notification: /^Conversation #21/ };

describe('Assign Conversation pickers (stub vscode, scripted user)', function () {
  this.timeout(30_000);
  let fake: FakeChatwoot;
  let host: Host;

  before(async () => {
    fake = await startFakeChatwoot({ latencyMs: LATENCY, large: { conversations: 300, agents: 20 } });
    host = await startHost(LAYOUT, fake.url, SEED_TOKENS.alice);
  });
  after(async () => {
    host?.dispose();
    uninstallStub();
    await fake?.close();
  });
  beforeEach(async () => {
    await settle(fake, 250);
    fake.reset();
  });

  it('cold: after the last pick only the POST is awaited; the notification comes from its answer', async () => {
    const run = await runOurFlow(host, fake, PLAN);
    assert.deepEqual(
      run.afterLastPick.map((r) => `${r.method} ${r.path}`),
      ['POST /api/v1/accounts/1/conversations/21/assignments'],
    );
    assert.deepEqual(run.messages, ['Conversation #21 assigned to Caz']);
    assert.ok(
      run.all.some((r) => r.method === 'GET' && r.path === '/api/v1/accounts/1/conversations/21'),
      'the re-read still runs, after the notification',
    );
  });

  it('warm: every picker shows what the session remembers at once (no request awaited)', async () => {
    await runOurFlow(host, fake, PLAN);
    await settle(fake, 250);
    fake.reset();
    const run = await runOurFlow(host, fake, PLAN);
    for (const step of run.steps) assert.ok(step.ms < LATENCY, `${step.step} waited ${step.ms} ms`);
    assert.ok(run.ms < 2 * LATENCY + 100, `${run.ms} ms to the notification (one round trip expected)`);
  });

  it('a team that auto-assigns: the progress runs until the re-read, then ONE notification says what Chatwoot recorded', async () => {
    const run = await runOurFlow(host, fake, { account: 'Acme Support', conversation: /^#5 /, type: '#5', assignee: /^sales$/, notification: /^Conversation #5/ });
    // (The badge's counts may be re-read meanwhile, in the background: not waited for.)
    const awaited = run.afterLastPick.filter((r) => !r.path.endsWith('/conversations/meta'));
    assert.deepEqual(
      awaited.map((r) => `${r.method} ${r.path}`),
      ['POST /api/v1/accounts/1/conversations/5/assignments', 'GET /api/v1/accounts/1/conversations/5'],
    );
    assert.deepEqual(run.messages, ['Conversation #5 assigned to team sales — Chatwoot auto-assigned Bob Brown']);
  });

  it('searches the server beyond the loaded page: debounced, and a stale answer never shows', async () => {
    const picker = await openConversationStep(host, 'Scale Test');
    await picker.waitForItem(/^#\d+ /);
    await settle(fake, 200);
    const mark = fake.requests.length;
    const searches = () =>
      fake.requests
        .slice(mark)
        .filter((r) => typeof r.query.q === 'string')
        .map((r) => r.query.q);
    // Typing fast: one request, for the final text.
    for (const text of ['ord', 'orde', 'order', 'order #1150']) picker.type(text);
    const found = (i: Item & { alwaysShow?: boolean }) => i.alwaysShow === true;
    await picker.waitForItem(/^#150 /, 10_000, found); // shown whatever the local filter says
    assert.deepEqual(searches(), ['order #1150']);
    // A slow answer for text the user has since changed is dropped.
    picker.type('order #1077');
    await new Promise((r) => setTimeout(r, 350)); // its request is now on its way
    picker.type('order #1222');
    await picker.waitForItem(/^#222 /, 10_000, found);
    await new Promise((r) => setTimeout(r, LATENCY + 100));
    assert.ok(!picker.items.some((i) => /^#77 /.test(i.label) && found(i)), 'the answer for "order #1077" was dropped');
    assert.deepEqual(searches(), ['order #1150', 'order #1077', 'order #1222']);
    picker.hide();
  });
});

describe('Assign Conversations… on a tree selection (stub vscode, scripted user)', function () {
  this.timeout(30_000);
  let fake: FakeChatwoot;
  let host: Host;

  before(async () => {
    fake = await startFakeChatwoot();
    host = await startHost(LAYOUT, fake.url, SEED_TOKENS.alice);
  });
  after(async () => {
    host?.dispose();
    uninstallStub();
    await fake?.close();
  });

  // #21, #42 and #3 are in the API inbox: Chatwoot offers its member Carol ("Caz") and the admins.
  it('asks for the assignee among the agents of every inbox involved, confirms in a modal, bulk-assigns, reports', async () => {
    const provider = host.ext.view.treeDataProvider;
    const acme = (await provider.getChildren()).find((n) => n.kind === 'account' && n.accountId === 1);
    assert.ok(acme);
    const unassigned = (await provider.getChildren(acme)).find((n) => n.kind === 'group' && n.group === 'unassigned');
    assert.ok(unassigned);
    const selection = (await provider.getChildren(unassigned)).filter((n) => n.kind === 'conversation').slice(0, 3);
    const modals: string[] = [];
    host.editor.answerModal = (message, buttons) => (modals.push(message), buttons[0]);
    let labels: string[] = [];
    host.editor.onQuickPick = (picker) => {
      picker.waitForItem(/^Caz$/, 5000).then((item) => {
        labels = picker.items.map((i) => i.label);
        picker.pick(item);
      }, assert.fail);
    };
    const mark = fake.requests.length;
    const result = await host.run<Array<{ id: number; meta: { assignee?: { id: number } } }>>('chatwoot.assignConversations', selection[0], selection);
    host.editor.onQuickPick = undefined;
    assert.equal(modals[0], 'Assign 3 conversations to Caz?');
    assert.ok(labels.includes('Assign to me') && labels.includes('sales'), JSON.stringify(labels));
    assert.deepEqual(
      result?.map((c) => c.meta.assignee?.id),
      [3, 3, 3],
    );
    // conversations/filter is a POST that only reads (the confirmation re-read).
    const posts = fake.requests.slice(mark).filter((r) => r.method === 'POST' && !r.path.endsWith('/conversations/filter'));
    assert.deepEqual(
      posts.map((r) => r.path),
      ['/api/v1/accounts/1/bulk_actions'],
    );
    const assignable = fake.requests.slice(mark).find((r) => r.path === '/api/v1/accounts/1/assignable_agents');
    assert.ok(assignable, 'the agents offered are those of the inboxes involved');
    assert.equal(host.editor.shown.at(-1)?.message, '3 conversations assigned to Caz');
  });

  it('does nothing when the modal is dismissed', async () => {
    host.editor.answerModal = () => undefined;
    const client = clientFor(host, fake);
    const conversation = await client.getConversation(1, 21);
    host.editor.onQuickPick = (picker) => void picker.waitForItem(/^Caz$/, 5000).then((item) => picker.pick(item));
    const mark = fake.requests.length;
    const target = { accountId: 1, conversation };
    assert.equal(await host.run('chatwoot.assignConversations', target, [target]), undefined);
    host.editor.onQuickPick = undefined;
    assert.deepEqual(
      fake.requests.slice(mark).filter((r) => r.method === 'POST'),
      [],
    );
  });
});

function clientFor(host: Host, fake: FakeChatwoot) {
  // A short keep-alive, so its socket never keeps mocha alive.
  return new host.api.ChatwootClient({
    baseUrl: fake.url,
    token: SEED_TOKENS.alice,
    dispatcher: host.api.createDispatcher({ useEnvironmentProxy: false, keepAliveTimeoutMs: 10 }),
  });
}

/** Starts Assign Conversation, picks the account, and hands back the conversation step's picker. */
async function openConversationStep(host: Host, account: string): Promise<StubQuickPick<Item & { alwaysShow?: boolean }>> {
  return new Promise((resolve, reject) => {
    host.editor.onQuickPick = (picker) => {
      if ((picker.placeholder ?? '').startsWith('Pick the Chatwoot account')) {
        picker.waitForItem(new RegExp(`^${account}$`)).then((item) => picker.pick(item), reject);
      } else {
        host.editor.onQuickPick = undefined;
        resolve(picker);
      }
    };
    host.run('chatwoot.assignConversation').catch(reject);
  });
}
