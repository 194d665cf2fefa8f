/**
 * UI tests of the conversation tab, Hand Off Conversation… and Undo, in a real VS Code (code-server)
 * driven in Chromium with the extension installed from the `.vsix`. The tab's content is read
 * INSIDE the webview (two nested iframes), so what is checked is what a person sees. Saves
 * docs/images/conversation-tab.png for the README.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { SEED_TOKENS, startFakeChatwoot, type FakeChatwoot, type RecordedRequest } from '../fake-chatwoot';
import { REPO_ROOT } from '../../scripts/vscode-test/codeServer';
import { useWorkbench } from './workbench';

const VSIX = path.join(REPO_ROOT, 'chatwoot-assign.vsix');

describe('Conversation tab, hand-off and Undo, driven through the workbench', function () {
  this.timeout(90_000);
  let fake: FakeChatwoot;

  before(async () => {
    assert.ok(fs.existsSync(VSIX), `${VSIX} must be built first (npm run package)`);
    fake = await startFakeChatwoot();
  });
  after(() => fake?.close());

  const ui = useWorkbench(() => ({ vsix: VSIX, settings: { 'chatwoot.serverUrl': fake.url }, viewport: { width: 1280, height: 860 } }));
  const since = (n: number): RecordedRequest[] => fake.requests.slice(n);
  /** POSTs that change something (conversations/filter only reads). */
  const posts = (n: number) =>
    since(n)
      .filter((r) => r.method === 'POST' && !r.path.endsWith('/conversations/filter'))
      .map((r) => ({ path: r.path, body: r.body }));
  const state = async (id: number) => {
    const s = (await (await fetch(`${fake.url}/__fake/state/conversations/1/${id}`)).json()) as { assignee_id: number | null; team_id: number | null };
    return { assignee_id: s.assignee_id, team_id: s.team_id };
  };
  /** The page inside the conversation tab: the workbench's webview iframe, then its active frame. */
  const tabPage = (): FrameLocator => ui.page.frameLocator('iframe.webview').last().frameLocator('iframe#active-frame');

  it('signs in', async () => {
    const { wb } = ui;
    await wb.runCommand('Chatwoot: Set API Token');
    await wb.answerInputBox(SEED_TOKENS.alice, { title: /Set API Token/, password: true });
    await wb.waitForToast(/Signed in to/);
    await wb.clearNotifications();
  });

  it('Open Conversation: a tab "#1 …" whose hostile messages are shown as inert text', async () => {
    const { wb } = ui;
    const qi = wb.quickInput;
    const mark = fake.requests.length;
    await wb.runCommand('Chatwoot: Open Conversation');
    await qi.pick('Acme Support');
    await qi.waitForItem(/^#21 /);
    await qi.fill('#1');
    await qi.pick(/^#1 /);
    const page = tabPage();
    const messages = page.locator('#messages li.message');
    await messages.first().waitFor({ state: 'visible', timeout: 20_000 });
    const title = (await page.locator('#conversation-title').innerText()).trim();
    assert.match(title, /^#1 /);
    await ui.page.locator('.tab', { hasText: title }).first().waitFor();
    const text = await page.locator('#messages').innerText();
    assert.ok(text.includes('<img src=x onerror=alert(1)>'), 'the <img onerror> message is shown as text');
    assert.ok(text.includes('<script>alert(1)</script>'), '<script> is shown as text');
    assert.equal(await page.locator('#messages img').count(), 0, 'no <img> element from a message');
    assert.equal(await page.locator('[onerror], [onload], [onmouseover]').count(), 0, 'no event-handler attribute anywhere');
    assert.equal(await page.locator('#messages script, #messages iframe, #messages svg, #messages form').count(), 0);
    // VS Code injects its own script into the frame's head; the page has exactly one, in its body.
    assert.equal(await page.locator('body script').count(), 1, 'only the page script (under the CSP nonce)');
    assert.equal(await page.locator('script', { hasText: 'alert(' }).count(), 0, 'no script from a message');
    assert.equal(await page.locator('a[href^="javascript:"]').count(), 0);
    for (const name of ['Assign…', 'Assign to Me', 'Unassign', 'Add Note…', 'Open in Chatwoot']) {
      assert.equal(await page.locator('button', { hasText: name }).count(), 1, `button ${name}`);
    }
    assert.ok(since(mark).some((r) => r.method === 'GET' && r.path === '/api/v1/accounts/1/conversations/1/messages'));
    await wb.moveMouseAway();
    const shot = await wb.screenshot('20-conversation-tab');
    fs.mkdirSync(path.join(REPO_ROOT, 'docs', 'images'), { recursive: true });
    fs.copyFileSync(shot, path.join(REPO_ROOT, 'docs', 'images', 'conversation-tab.png'));
  });

  it('Hand Off Conversation…: the agent, "Note for Caz", then one notification for both requests', async () => {
    const { wb } = ui;
    const qi = wb.quickInput;
    const mark = fake.requests.length;
    await wb.runCommand('Chatwoot: Hand Off Conversation…');
    await qi.pick('Acme Support');
    await qi.waitForItem(/^#21 /);
    await qi.fill('#21');
    await qi.pick(/^#21 /);
    await qi.waitForItem('Caz');
    await qi.pick('Caz', { filter: 'Caz' });
    await wb.answerInputBox('Customer asked for a call back tomorrow.', { title: /Note for Caz/ });
    const text = await wb.waitForToast(/Conversation #21/);
    assert.equal(text, 'Conversation #21 assigned to Caz; private note added');
    await wb.screenshot('21-handed-off');
    assert.deepEqual(posts(mark), [
      { path: '/api/v1/accounts/1/conversations/21/assignments', body: { assignee_id: 3 } },
      { path: '/api/v1/accounts/1/conversations/21/messages', body: { content: 'Customer asked for a call back tomorrow.', private: true } },
    ]);
    await wb.clearNotifications();
  });

  it('Undo on the notification: the server state is the one before', async () => {
    const { wb } = ui;
    const qi = wb.quickInput;
    const before = await state(5);
    await wb.runCommand('Chatwoot: Assign Conversation');
    await qi.pick('Acme Support');
    await qi.waitForItem(/^#21 /);
    await qi.fill('#5');
    await qi.pick(/^#5 /);
    await qi.waitForItem('sales');
    await qi.pick('sales', { filter: 'sales' });
    assert.equal(await wb.waitForToast(/Conversation #5/), 'Conversation #5 assigned to team sales — Chatwoot auto-assigned Bob Brown');
    assert.notDeepEqual(await state(5), before);
    await wb.clickToastButton(/Conversation #5/, 'Undo');
    const undone = await wb.waitForToast(/^Undone/);
    assert.match(undone, /^Undone: conversation #5 is back to /);
    await wb.screenshot('22-undone');
    assert.deepEqual(await state(5), before);
    await wb.clearNotifications();
  });
});
