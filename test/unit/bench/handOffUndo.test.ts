/**
 * Hand-off with a note, Undo, and the assignee step's workload counts, with the real extension code
 * (out/src, stub `vscode`, scripted user) against the fake Chatwoot: the requests in its log, the
 * notifications shown, and the fake's state before and after.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Conversation } from '../../../src/api';
import type { UndoReport } from '../../../src/assign/undo/undoCommand';
import type { PanelSnapshot } from '../../../src/conversation/panel';
import { parseAssignmentArgs } from '../../../src/commands/args';
import { SEED_TOKENS, startFakeChatwoot, type FakeChatwoot } from '../../fake-chatwoot';
import { settle } from '../../../scripts/bench/flow';
import { startHost, uninstallStub, type Host, type Layout } from '../../../scripts/bench/host';
import type { Item, StubQuickPick } from '../../support/vscode/quickPickStub';

const OUT_SRC = path.resolve(__dirname, '..', '..', '..', 'src');
const LAYOUT: Layout = { extension: path.join(OUT_SRC, 'extension.js'), api: path.join(OUT_SRC, 'api', 'index.js'), root: OUT_SRC };

type AssigneeItem = Item & { description?: string; buttons?: unknown[] };
type State = { assignee_id: number | null; team_id: number | null };

async function state(fake: FakeChatwoot, id: number): Promise<State> {
  const s = (await (await fetch(`${fake.url}/__fake/state/conversations/1/${id}`)).json()) as State;
  return { assignee_id: s.assignee_id, team_id: s.team_id };
}

/** POSTs that change something (conversations/filter only reads). */
const changes = (fake: FakeChatwoot, mark: number) =>
  fake.requests
    .slice(mark)
    .filter((r) => r.method === 'POST' && !r.path.endsWith('/filter'))
    .map((r) => [r.path, r.body]);

describe('Hand off, Undo, workload (stub vscode, scripted user)', function () {
  this.timeout(30_000);
  let fake: FakeChatwoot;

  before(async () => (fake = await startFakeChatwoot()));
  after(async () => {
    uninstallStub();
    await fake?.close();
  });

  describe('as Alice (administrator of Acme Support)', () => {
    let host: Host;
    beforeEach(async () => {
      fake.reset();
      host = await startHost(LAYOUT, fake.url, SEED_TOKENS.alice);
    });
    afterEach(async () => {
      host.editor.onQuickPick = undefined;
      host.dispose();
      await settle(fake, 150);
    });

    it('"Assign with a note…" on an agent: the InputBox, then the assignment and the note, in ONE notification', async () => {
      let items: AssigneeItem[] = [];
      host.editor.onQuickPick = (picker: StubQuickPick<AssigneeItem>) => {
        void (async () => {
          const placeholder = picker.placeholder ?? '';
          if (placeholder.startsWith('Pick the Chatwoot account')) picker.pick(await picker.waitForItem(/^Acme Support$/));
          else if (placeholder.startsWith('Pick a conversation')) {
            picker.type('#21');
            picker.pick(await picker.waitForItem(/^#21 /));
          } else {
            // The counts fill in without holding the picker up.
            await picker.waitForItem(/^Caz$/, 10_000, (i) => /\d+ open/.test(i.description ?? ''));
            items = [...picker.items];
            picker.clickItemButton(items.find((i) => i.label === 'Caz')!);
          }
        })().catch(assert.fail);
      };
      const titles: string[] = [];
      host.editor.answerInput = (o) => (titles.push(o.title ?? ''), 'Please call the customer back today.');
      const mark = fake.requests.length;
      const shown = host.editor.shown.length;
      const c = await host.run<Conversation>('chatwoot.assignConversation');
      assert.equal(c?.meta.assignee?.id, 3);
      assert.deepEqual(titles, ['Note for Caz']);
      assert.deepEqual(
        host.editor.shown.slice(shown).map((s) => s.message),
        ['Conversation #21 assigned to Caz; private note added'],
      );
      assert.deepEqual(host.editor.shown.at(-1)?.buttons, ['Undo', 'Open in Chatwoot']);
      assert.deepEqual(changes(fake, mark), [
        ['/api/v1/accounts/1/conversations/21/assignments', { assignee_id: 3 }],
        ['/api/v1/accounts/1/conversations/21/messages', { content: 'Please call the customer back today.', private: true }],
      ]);
      const agent = items.find((i) => i.label === 'Caz');
      assert.ok(agent?.buttons?.length, 'agents carry "Assign with a note…"');
      assert.ok(items.find((i) => i.label === 'sales')?.buttons?.length, 'teams too');
      assert.match(items.find((i) => i.label === 'sales')?.description ?? '', /^\d+ open/);
      const reports = fake.requests
        .slice(mark)
        .filter((r) => r.path.endsWith('/live_reports/grouped_conversation_metrics'))
        .map((r) => r.query.group_by);
      assert.deepEqual(reports.sort(), ['assignee_id', 'team_id']);
    });

    it('a note that fails is reported on its own and the assignment stands', async () => {
      await fetch(`${fake.url}/__fake/config`, {
        method: 'POST',
        body: JSON.stringify({ fail_next: { path_regex: '/messages$', method: 'POST', status: 422, body: JSON.stringify({ error: 'Validation failed: Too many messages' }) } }),
      });
      const shown = host.editor.shown.length;
      const c = await host.run<Conversation>('chatwoot.assignConversation', { accountId: 1, conversationId: 21, assigneeId: 2, note: 'Over to you' });
      assert.equal(c?.meta.assignee?.id, 2);
      const messages = host.editor.shown.slice(shown).map((s) => `${s.severity}: ${s.message}`);
      assert.ok(messages.includes('info: Conversation #21 assigned to Bob Brown'), JSON.stringify(messages));
      assert.ok(
        messages.some((m) => /^error: The note for conversation #21 was not added \(the assignment stands\)/.test(m)),
        JSON.stringify(messages),
      );
      assert.deepEqual(await state(fake, 21), { assignee_id: 2, team_id: null });
    });

    it('Undo on the notification of a team that auto-assigned: the conversation is back to the state before', async () => {
      const before = await state(fake, 5);
      host.editor.answerNotification = (s) => (s.buttons.includes('Undo') && /^Conversation #5/.test(s.message) ? 'Undo' : undefined);
      const since = Date.now();
      const shown = host.editor.shown.length;
      await host.run('chatwoot.assignConversation', { accountId: 1, conversationId: 5, teamId: 1 });
      const undone = await host.editor.waitForShown(/^Undone|^Cannot undo|^Undo of/, since, 10_000);
      assert.match(undone.message, /^Undone: conversation #5 is back to Erin Evans, no team\./);
      assert.deepEqual(await state(fake, 5), before);
      const first = host.editor.shown.slice(shown).filter((s) => /^Conversation #5/.test(s.message));
      assert.deepEqual(
        first.map((s) => s.message),
        ['Conversation #5 assigned to team sales — Chatwoot auto-assigned Bob Brown'],
        'one notification for the assignment',
      );
    });

    it('Undo refuses, naming what the conversation now shows, when someone changed it since', async () => {
      await host.run('chatwoot.assignConversation', { accountId: 1, conversationId: 21, assigneeId: 2 });
      // Someone else (here: a direct API call) gives it to Caz meanwhile.
      await fetch(`${fake.url}/api/v1/accounts/1/conversations/21/assignments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'api-access-token': SEED_TOKENS.alice },
        body: JSON.stringify({ assignee_id: 3 }),
      });
      const mark = fake.requests.length;
      const report = await host.run<UndoReport>('chatwoot.undoAssignment');
      assert.equal(report.outcome, 'refused');
      assert.match(report.message, /now shows Caz, no team/);
      assert.deepEqual(changes(fake, mark), [], 'nothing sent');
      assert.deepEqual(await state(fake, 21), { assignee_id: 3, team_id: null });
      assert.equal(host.editor.shown.at(-1)?.severity, 'warning');
      const again = await host.run<UndoReport>('chatwoot.undoAssignment');
      assert.equal(again.outcome, 'unavailable');
    });
  });

  describe('the conversation tab (stub webview)', () => {
    it('opens "#4 …" with the newest 20 messages under the strict CSP; opening it again reuses the tab', async () => {
      fake.reset();
      const host = await startHost(LAYOUT, fake.url, SEED_TOKENS.alice);
      try {
        const mark = fake.requests.length;
        const first = await host.run<PanelSnapshot>('chatwoot.openConversation', { accountId: 1, conversationId: 4 });
        assert.match(first.title, /^#4 /);
        assert.equal(first.messageIds.length, 20);
        assert.equal(first.hasOlder, true);
        const again = await host.run<PanelSnapshot>('chatwoot.openConversation', { accountId: 1, conversationId: 4 });
        assert.deepEqual(again, first);
        assert.equal(host.editor.webviews.length, 1, 'one tab');
        const html = host.editor.webviews[0].html;
        assert.match(html, /Content-Security-Policy" content="default-src &#39;none&#39;; img-src https: data:; style-src &#39;nonce-/);
        assert.equal(fake.requests.slice(mark).filter((r) => r.path.endsWith('/conversations/4/messages')).length, 1);
        await host.run('chatwoot.openConversation', { accountId: 1, conversationId: 1 });
        const hostile = host.editor.webviews[1].html;
        assert.ok(!/<img[^>]*onerror/i.test(hostile), 'no <img onerror> element');
        assert.ok(hostile.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), '<script> as text');
        assert.equal((hostile.match(/<script/g) ?? []).length, 1, 'only the page script');
      } finally {
        host.dispose();
      }
    });
  });

  describe('as Bob (agent of Acme Support)', () => {
    it('the assignee step shows no counts and asks for none', async () => {
      fake.reset();
      const host = await startHost(LAYOUT, fake.url, SEED_TOKENS.bob);
      try {
        const client = new host.api.ChatwootClient({
          baseUrl: fake.url,
          token: SEED_TOKENS.bob,
          dispatcher: host.api.createDispatcher({ useEnvironmentProxy: false, keepAliveTimeoutMs: 10 }),
        });
        const conversation = await client.getConversation(1, 1);
        let descriptions: string[] = [];
        host.editor.onQuickPick = (picker: StubQuickPick<AssigneeItem>) => {
          void picker.waitForItem(/^Bob Brown$/).then(async () => {
            await new Promise((r) => setTimeout(r, 100));
            descriptions = picker.items.map((i) => i.description ?? '');
            picker.hide();
          });
        };
        const mark = fake.requests.length;
        await host.run('chatwoot.assignConversation', { accountId: 1, conversation });
        assert.ok(descriptions.length > 0);
        assert.ok(!descriptions.some((d) => /open/.test(d)), JSON.stringify(descriptions));
        assert.deepEqual(
          fake.requests.slice(mark).filter((r) => r.path.includes('live_reports')),
          [],
        );
      } finally {
        host.editor.onQuickPick = undefined;
        host.dispose();
      }
    });
  });
});

describe('non-interactive Assign Conversation: note', () => {
  it('accepts a note for one conversation, refuses it for many and refuses an empty one', () => {
    assert.deepEqual(parseAssignmentArgs({ accountId: 1, conversationId: 21, assigneeId: 2, note: 'hi' }, 'single'), {
      args: { accountId: 1, conversationIds: [21], choice: { kind: 'agent', agentId: 2, name: 'agent 2' }, note: 'hi' },
    });
    assert.ok('error' in (parseAssignmentArgs({ accountId: 1, conversationIds: [21], assigneeId: 2, note: 'hi' }, 'bulk') ?? {}));
    assert.ok('error' in (parseAssignmentArgs({ accountId: 1, conversationId: 21, assigneeId: 2, note: '  ' }, 'single') ?? {}));
    assert.ok('error' in (parseAssignmentArgs({ accountId: 1, conversationId: 21, assigneeId: 2, note: 5 }, 'single') ?? {}));
  });
});
