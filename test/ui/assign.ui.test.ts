/**
 * UI tests: a person's path through the extension, installed from the built `.vsix` into a real
 * VS Code (code-server) and driven in Chromium. Each step is checked against the fake Chatwoot's
 * request log and saved as a screenshot under test-results/screenshots/.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SEED_TOKENS, startFake, type FakeChatwoot, type RecordedRequest } from '../support/fake';
import { REPO_ROOT } from '../../scripts/vscode-test/codeServer';
import { useWorkbench } from './workbench';

const VSIX = path.join(REPO_ROOT, 'chatwoot-assign.vsix');

describe('Chatwoot Assign, driven through the workbench', function () {
  this.timeout(90_000);
  let fake: FakeChatwoot;

  before(async () => {
    assert.ok(fs.existsSync(VSIX), `${VSIX} must be built first (npm run package)`);
    fake = await startFake();
  });
  after(() => fake?.close());

  const ui = useWorkbench(() => ({ vsix: VSIX, settings: { 'chatwoot.serverUrl': fake.url } }));
  const host = () => new URL(fake.url).host;
  const since = (n: number): RecordedRequest[] => fake.requests.slice(n);
  const posts = (n: number) =>
    since(n)
      .filter((r) => r.method === 'POST')
      .map((r) => ({ path: r.path, body: r.body }));

  it('signed out: Assign Conversation offers "Set API Token" and sends no request', async () => {
    const { wb } = ui;
    await wb.runCommand('Chatwoot: Assign Conversation');
    const text = await wb.waitForToast(/not signed in/);
    assert.match(text, /Set your API token/);
    await wb
      .toast(/not signed in/)
      .locator('.monaco-button', { hasText: 'Set API Token' })
      .waitFor();
    await wb.screenshot('01-signed-out');
    assert.equal(fake.requests.length, 0);
    await wb.clearNotifications();
  });

  it('a rejected token shows why, inline, and is not stored', async () => {
    const { wb } = ui;
    const mark = fake.requests.length;
    await wb.runCommand('Chatwoot: Set API Token');
    await wb.quickInput.waitForOpen({ title: /Set API Token/ });
    assert.equal(await wb.quickInput.isPassword(), true);
    await wb.quickInput.fill('notTheRightToken00000000');
    await wb.quickInput.accept();
    await wb.quickInput.waitForOpen({ message: /rejected/ });
    await wb.screenshot('02-token-rejected');
    assert.match(await wb.quickInput.message(), /rejected this token \(Invalid Access Token\)/);
    await wb.quickInput.cancel();
    assert.deepEqual(
      since(mark).map((r) => [r.method, r.path, r.status]),
      [['GET', '/api/v1/profile', 401]],
    );
  });

  it('Set API Token: checks the token, then says who is signed in', async () => {
    const { wb } = ui;
    const mark = fake.requests.length;
    await wb.runCommand('Chatwoot: Set API Token');
    await wb.answerInputBox(SEED_TOKENS.alice, { title: /Set API Token/, password: true });
    const text = await wb.waitForToast(/Signed in to/);
    assert.equal(text, `Signed in to ${host()} as Alice Anderson`);
    await wb.screenshot('03-signed-in');
    const profile = since(mark).find((r) => r.path === '/api/v1/profile');
    assert.equal(profile?.token, SEED_TOKENS.alice);
    assert.equal(profile?.authHeader, 'Api-Access-Token');
    await wb.clearNotifications();
  });

  it('Assign Conversation from the Command Palette to an agent', async () => {
    const { wb } = ui;
    const qi = wb.quickInput;
    const mark = fake.requests.length;
    await wb.runCommand('Chatwoot: Assign Conversation');
    await qi.waitForOpen({ placeholder: 'Pick the Chatwoot account' });
    assert.deepEqual(await qi.labels(), ['Acme Support', 'Beta Labs'], 'the suspended account is not offered');
    await wb.screenshot('04-assign-account');
    await qi.pick('Acme Support');
    await qi.waitForItem(/^#47 /);
    await qi.fill('#21');
    await qi.waitForItem(/^#21 Customer 01$/);
    await wb.screenshot('05-assign-conversation');
    await qi.pick(/^#21 /);
    // #21 is in the API Inbox: Chatwoot offers its member (Carol, shown as "Caz") and the admins.
    await qi.waitForItem('Caz');
    const labels = await qi.labels();
    assert.deepEqual(labels, ['Assign to me', 'Alice Anderson', 'Caz', 'Frank Fischer', 'sales', 'billing', 'vip support'], 'online → busy → offline, then teams');
    await wb.screenshot('06-assign-assignee');
    await qi.pick('Caz', { filter: 'Caz' });
    const text = await wb.waitForToast(/Conversation #21/);
    assert.equal(text, 'Conversation #21 assigned to Caz');
    await wb.screenshot('07-assigned-agent');
    assert.deepEqual(posts(mark), [{ path: '/api/v1/accounts/1/conversations/21/assignments', body: { assignee_id: 3 } }]);
    await wb.clearNotifications();
  });

  it('Assign Conversation to a team: the notification tells who Chatwoot auto-assigned', async () => {
    const { wb } = ui;
    const qi = wb.quickInput;
    const mark = fake.requests.length;
    await wb.runCommand('Chatwoot: Assign Conversation');
    await qi.pick('Acme Support');
    await qi.waitForItem(/^#21 /); // the conversation step is showing
    await qi.fill('#5');
    await qi.pick(/^#5 /);
    await qi.waitForItem('sales');
    await wb.screenshot('08-assign-team-picker');
    await qi.pick('sales', { filter: 'sales' });
    // At once "…assigned to team sales" (the POST's answer), then the re-read's correction:
    const text = await wb.waitForToast(/Conversation #5 .*auto-assigned/);
    assert.equal(text, 'Conversation #5 assigned to team sales — Chatwoot auto-assigned Bob Brown');
    await wb.screenshot('09-assigned-team');
    assert.deepEqual(posts(mark), [{ path: '/api/v1/accounts/1/conversations/5/assignments', body: { team_id: 1 } }]);
    await wb.clearNotifications();
  });

  it('tree: right-click Assign to Me, then Unassign', async () => {
    const { wb } = ui;
    await wb.runCommand('Chatwoot: Focus on Conversations View');
    await wb.treeItem('Acme Support');
    const row = await wb.treeItem(/^#42 /);
    await wb.screenshot('10-tree');
    let mark = fake.requests.length;
    await wb.contextMenu(row, 'Assign to Me');
    assert.equal(await wb.waitForToast(/Conversation #42/), 'Conversation #42 assigned to Alice Anderson (team billing)');
    await wb.screenshot('11-tree-assigned-to-me');
    assert.deepEqual(posts(mark), [{ path: '/api/v1/accounts/1/conversations/42/assignments', body: { assignee_id: 1 } }]);
    await wb.clearNotifications();

    // The tree refreshed: #42 now shows its assignee.
    const assigned = await wb.treeItem(/^#42 /);
    await assigned.locator('.label-description', { hasText: 'Alice Anderson' }).waitFor();
    mark = fake.requests.length;
    await wb.contextMenu(assigned, 'Unassign');
    assert.equal(await wb.waitForToast(/Conversation #42/), 'Conversation #42 is now Unassigned (team billing)');
    await wb.screenshot('12-tree-unassigned');
    assert.deepEqual(posts(mark), [{ path: '/api/v1/accounts/1/conversations/42/assignments', body: { assignee_id: null } }]);
  });
});
