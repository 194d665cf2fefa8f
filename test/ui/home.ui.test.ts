/**
 * UI test: Chatwoot Assign at home in VS Code, installed from the `.vsix`. The row keys of the
 * Conversations view, the Accounts menu (the account VS Code lists, Sign Out there with the dialog
 * VS Code shows, the extension signed out: the welcome view is back), and the walkthrough in
 * Welcome: Open Walkthrough….
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SEED_TOKENS, startFakeChatwoot, type FakeChatwoot } from '../fake-chatwoot';
import { REPO_ROOT } from '../../scripts/vscode-test/codeServer';
import { exactly, SEL, useWorkbench } from './workbench';

const VSIX = path.join(REPO_ROOT, 'chatwoot-assign.vsix');

describe('At home in VS Code: keys, Accounts menu, walkthrough', function () {
  this.timeout(90_000);
  let fake: FakeChatwoot;

  before(async () => {
    assert.ok(fs.existsSync(VSIX), `${VSIX} must be built first (npm run package)`);
    fake = await startFakeChatwoot();
  });
  after(() => fake?.close());

  const ui = useWorkbench(() => ({ vsix: VSIX, settings: { 'chatwoot.serverUrl': fake.url } }));
  const host = () => new URL(fake.url).host;
  const posts = (n: number) =>
    fake.requests
      .slice(n)
      .filter((r) => r.method === 'POST')
      .map((r) => ({ path: r.path, body: r.body }));

  it('Set API Token, then Alt+M / Alt+U on the selected row assign to me and unassign', async () => {
    const { wb, page } = ui;
    await wb.runCommand('Chatwoot: Set API Token');
    await wb.answerInputBox(SEED_TOKENS.alice, { title: /Set API Token/, password: true });
    assert.equal(await wb.waitForToast(/Signed in to/), `Signed in to ${host()} as Alice Anderson`);
    await wb.clearNotifications();

    await wb.runCommand('Chatwoot: Focus on Conversations View');
    const row = await wb.treeItem(/^#42 /);
    await row.click(); // selects the row and gives the tree the keyboard focus
    let mark = fake.requests.length;
    await page.keyboard.press('Alt+m');
    assert.equal(await wb.waitForToast(/Conversation #42/), 'Conversation #42 assigned to Alice Anderson (team billing)');
    assert.deepEqual(posts(mark), [{ path: '/api/v1/accounts/1/conversations/42/assignments', body: { assignee_id: 1 } }]);
    await wb.screenshot('home-01-alt-m-assigned-to-me');
    await wb.clearNotifications();

    const assigned = await wb.treeItem(/^#42 /);
    await assigned.locator('.label-description', { hasText: 'Alice Anderson' }).waitFor();
    await assigned.click();
    mark = fake.requests.length;
    await page.keyboard.press('Alt+u');
    assert.equal(await wb.waitForToast(/Conversation #42/), 'Conversation #42 is now Unassigned (team billing)');
    assert.deepEqual(posts(mark), [{ path: '/api/v1/accounts/1/conversations/42/assignments', body: { assignee_id: null } }]);
    await wb.clearNotifications();
  });

  it('the Accounts menu lists the Chatwoot account; Sign Out there signs the extension out', async () => {
    const { wb, page } = ui;
    const accounts = page
      .locator('.part.activitybar .action-item')
      .filter({ has: page.locator('a.action-label[aria-label^="Accounts"]') })
      .first();
    const account = new RegExp(`^Alice Anderson \\(${host().replace(/\./g, '\\.')}\\)`);
    const menuItem = (text: RegExp) => page.locator(SEL.contextMenuItem).filter({ hasText: text }).first();
    // The account arrives when VS Code has asked the provider for its sessions: reopen the menu until it is listed.
    const until = Date.now() + 20_000;
    for (;;) {
      await accounts.click();
      await page.locator(SEL.contextMenu).first().waitFor({ state: 'visible' });
      if (await menuItem(account).isVisible()) break;
      const entries = (await page.locator(SEL.contextMenuItem).allTextContents()).map((e) => e.trim());
      await page.keyboard.press('Escape');
      if (Date.now() > until) throw new Error(`no Chatwoot account in the Accounts menu; it lists ${JSON.stringify(entries)}`);
      await page.waitForTimeout(500);
    }
    const label = ((await menuItem(account).textContent()) ?? '').trim();
    console.log(`    the Accounts menu shows: "${label}"`);
    assert.match(label, /Chatwoot/, 'VS Code names the provider next to the account');
    await menuItem(account).hover();
    const signOut = menuItem(exactly('Sign Out'));
    await signOut.waitFor({ state: 'visible' });
    await wb.docScreenshot('home-02-accounts-menu', 'accounts-menu');
    await signOut.hover();
    await signOut.click({ delay: 100 });

    // VS Code asks first (a modal dialog): "Sign out of 'Alice Anderson (…)'?" or, once other
    // extensions used the account, which ones did.
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible' });
    const question = ((await dialog.locator('.dialog-message-row').first().textContent()) ?? '').trim();
    console.log(`    VS Code asks: "${question}"`);
    assert.match(question, /Alice Anderson/);
    await wb.screenshot('home-03-sign-out-dialog');
    await dialog
      .locator('.monaco-button')
      .filter({ hasText: exactly('Sign Out') })
      .first()
      .click();
    await dialog.waitFor({ state: 'hidden' });

    assert.match(await wb.waitForToast(/Signed out of/), new RegExp(`^Signed out of ${host().replace(/\./g, '\\.')}`));
    await wb.openViewContainer('Chatwoot');
    await page.locator(`${SEL.sidebar} .welcome-view-content`, { hasText: 'Sign in to triage' }).first().waitFor({ state: 'visible' });
    await wb.screenshot('home-04-signed-out-welcome');
    await wb.clearNotifications();
  });

  it('Welcome: Open Walkthrough… lists "Get started with Chatwoot Assign" and shows its steps', async () => {
    const { wb, page } = ui;
    await wb.runCommand('Welcome: Open Walkthrough...');
    await wb.quickInput.pick('Get started with Chatwoot Assign', { filter: 'Chatwoot' });
    const editor = page.locator('.gettingStartedContainer');
    await editor.locator('.getting-started-category .category-title, h2', { hasText: 'Get started with Chatwoot Assign' }).first().waitFor({ state: 'visible', timeout: 20_000 });
    for (const step of ['Choose your Chatwoot server', 'Set your API token', 'Open the Conversations view', 'Assign a conversation', 'Live updates and availability']) {
      await editor.locator('.step-title', { hasText: step }).first().waitFor({ state: 'visible' });
    }
    await editor.locator('.step-title', { hasText: 'Set your API token' }).first().click();
    await editor.locator('.getting-started-media img').first().waitFor({ state: 'visible' });
    await wb.docScreenshot('home-05-walkthrough', 'walkthrough');
  });
});
