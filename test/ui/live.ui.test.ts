/**
 * UI tests of live updates: the extension installed from the `.vsix` into code-server, driven in
 * Chromium, against the fake Chatwoot's /cable. Another user's assignment raises the "assigned to
 * you" notification; the Chatwoot status bar item opens Set Availability and follows the choice.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SEED_TOKENS, startFakeChatwoot, type FakeChatwoot } from '../fake-chatwoot';
import { REPO_ROOT } from '../../scripts/vscode-test/codeServer';
import { useWorkbench } from './workbench';

const VSIX = path.join(REPO_ROOT, 'chatwoot-assign.vsix');
const ALICE = 1;
/** The status bar item: name "Chatwoot", accessibility label "Chatwoot: …". */
const STATUS_ITEM = '.part.statusbar .statusbar-item [aria-label^="Chatwoot"], .part.statusbar .statusbar-item[aria-label^="Chatwoot"]';

describe('Live updates, driven through the workbench', function () {
  this.timeout(90_000);
  let fake: FakeChatwoot;

  before(async () => {
    assert.ok(fs.existsSync(VSIX), `${VSIX} must be built first (npm run package)`);
    fake = await startFakeChatwoot();
  });
  after(() => fake?.close());

  const ui = useWorkbench(() => ({ vsix: VSIX, settings: { 'chatwoot.serverUrl': fake.url } }));

  async function api(method: string, p: string, token: string, body?: unknown): Promise<unknown> {
    const res = await fetch(`${fake.url}${p}`, {
      method,
      headers: { 'content-type': 'application/json', 'api-access-token': token },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    assert.ok(res.ok, `${method} ${p}: ${res.status}`);
    return res.json();
  }

  /** True once Alice's RoomChannel subscription is confirmed on the fake's /cable. */
  async function aliceSubscribed(): Promise<boolean> {
    const res = await fetch(`${fake.url}/__fake/cable`);
    const state = (await res.json()) as { sockets: Array<{ subscriptions: Array<{ confirmed: boolean; user_id: number | null }> }> };
    return state.sockets.some((s) => s.subscriptions.some((sub) => sub.confirmed && sub.user_id === ALICE));
  }

  async function statusLabel(): Promise<string> {
    return (await ui.page.locator(STATUS_ITEM).first().getAttribute('aria-label')) ?? '';
  }

  it('signs in; the live connection subscribes without any user action', async () => {
    const { wb } = ui;
    await wb.runCommand('Chatwoot: Set API Token');
    await wb.answerInputBox(SEED_TOKENS.alice, { title: /Set API Token/, password: true });
    await wb.waitForToast(/Signed in to/);
    await wb.clearNotifications();
    const until = Date.now() + 20_000;
    while (!(await aliceSubscribed())) {
      assert.ok(Date.now() < until, 'Alice never subscribed to /cable');
      await ui.page.waitForTimeout(200);
    }
    await ui.page.locator(STATUS_ITEM).first().waitFor({ state: 'visible', timeout: 15_000 });
    const label = await statusLabel();
    assert.match(label, /^Chatwoot/);
    // The status follows the connection: wait until it says live.
    const live = Date.now() + 15_000;
    while (!/live updates live/.test(await statusLabel())) {
      assert.ok(Date.now() < live, `status bar: ${await statusLabel()}`);
      await ui.page.waitForTimeout(200);
    }
    await wb.screenshot('live-01-status-bar');
  });

  it('another user assigns a conversation to me: "#<id> … was assigned to you"', async () => {
    const { wb } = ui;
    const list = (await api('GET', '/api/v1/accounts/1/conversations?assignee_type=unassigned&status=open', SEED_TOKENS.alice)) as {
      data: { payload: Array<{ id: number; inbox_id: number }> };
    };
    // Bob Brown is a member of inboxes 1 and 2.
    const target = list.data.payload.find((c) => c.inbox_id === 1 || c.inbox_id === 2);
    assert.ok(target, "an unassigned conversation in one of Bob's inboxes");
    await api('POST', `/api/v1/accounts/1/conversations/${target.id}/assignments`, SEED_TOKENS.bob, { assignee_id: ALICE });
    const text = await wb.waitForToast(/assigned to you/, 15_000);
    assert.ok(text.includes(`#${target.id}`), text);
    assert.match(text, /assigned to you/);
    await wb
      .toast(/assigned to you/)
      .locator('.monaco-button', { hasText: 'Open in Chatwoot' })
      .waitFor();
    await wb.docScreenshot('live-02-assigned-to-you', 'assigned-to-you');
    await wb.clearNotifications();
  });

  it('the status bar item opens Set Availability; Busy is posted and the status bar follows', async () => {
    const { wb, page } = ui;
    const qi = wb.quickInput;
    const mark = fake.requests.length;
    await page.locator(STATUS_ITEM).first().click();
    // Alice has two active accounts: the account step first.
    await qi.waitForOpen({ placeholder: 'Pick the account' });
    await qi.pick('Acme Support');
    await qi.waitForItem('Busy');
    assert.deepEqual(await qi.labels(), ['Online', 'Busy', 'Offline']);
    await wb.docScreenshot('live-03-set-availability', 'set-availability');
    await qi.pick('Busy');
    await qi.waitForClosed();
    const until = Date.now() + 10_000;
    while (!/you are busy in Acme Support/.test(await statusLabel())) {
      assert.ok(Date.now() < until, `status bar: ${await statusLabel()}`);
      await page.waitForTimeout(100);
    }
    const posts = fake.requests.slice(mark).filter((r) => r.method === 'POST');
    assert.deepEqual(
      posts.map((r) => [r.path, r.body]),
      [['/api/v1/profile/availability', { profile: { account_id: 1, availability: 'busy' } }]],
    );
    const text = await page.locator(STATUS_ITEM).first().textContent();
    assert.match(text ?? '', /Busy/);
    await wb.moveMouseAway();
    await wb.screenshot('live-04-busy');
  });
});
