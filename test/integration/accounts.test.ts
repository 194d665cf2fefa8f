/**
 * The `chatwoot` authentication provider in the real extension host: the session VS Code hands out
 * after Set API Token, the Accounts-menu sign-out (removeSession) and the walkthrough/keybinding
 * contributions as VS Code read them.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ChatwootAssignApi } from '../../src/extension';

const EXTENSION_ID = 'chatwoot-assign.chatwoot-assign';
const token = () => process.env.CHATWOOT_TEST_TOKEN ?? '';
const host = () => new URL(process.env.CHATWOOT_FAKE_URL ?? 'http://x').host;

/** Resolves with the next `onDidChangeSessions` of the chatwoot provider (or rejects after `ms`). */
function nextSessionChange(ms = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error('no onDidChangeSessions for chatwoot'));
    }, ms);
    const sub = vscode.authentication.onDidChangeSessions((e) => {
      if (e.provider.id !== 'chatwoot') return;
      clearTimeout(timer);
      sub.dispose();
      resolve();
    });
  });
}

describe('Accounts menu (authentication provider "chatwoot")', () => {
  let api: ChatwootAssignApi;

  before(async () => {
    api = await vscode.extensions.getExtension<ChatwootAssignApi>(EXTENSION_ID)!.activate();
  });

  it('after Set API Token the provider has the account "<name> (<host>)" with the token; VS Code hands it out only with consent', async () => {
    await vscode.commands.executeCommand('chatwoot.signOut');
    const changed = nextSessionChange();
    const result = await vscode.commands.executeCommand<{ name: string }>('chatwoot.signIn', { token: token() });
    assert.equal(result?.name, 'Alice Anderson');
    await changed; // VS Code heard of it (the workbench relays the event back to the extension host)
    const [session, ...more] = await api.accounts.getSessions([], {});
    assert.equal(more.length, 0);
    assert.ok(session, 'a session');
    assert.equal(session.account.label, `Alice Anderson (${host()})`);
    assert.equal(session.accessToken, token());
    assert.match(session.id, /^http:\/\/127\.0\.0\.1:\d+#1$/);
    // VS Code 1.100 asks the user before ANY extension gets the session, this one included (no
    // exemption for the provider's own extension): without consent, no token.
    assert.equal(await vscode.authentication.getSession('chatwoot', [], { createIfNone: false }), undefined);
    assert.equal(await vscode.authentication.getSession('chatwoot', [], { silent: true }), undefined);
  });

  it('the session id is stable across reloads of the connection', async () => {
    await vscode.commands.executeCommand('chatwoot.signIn', { token: token() });
    await api.accounts.settled();
    const [first] = await api.accounts.getSessions([], {});
    await vscode.commands.executeCommand('chatwoot.signIn', { token: token() });
    await api.accounts.settled();
    const [second] = await api.accounts.getSessions([], {});
    assert.ok(first && second);
    assert.equal(second.id, first.id);
  });

  it('removeSession (Sign Out in the Accounts menu) signs out like Chatwoot: Sign Out', async () => {
    await vscode.commands.executeCommand('chatwoot.signIn', { token: token() });
    await api.accounts.settled();
    const [session] = await api.accounts.getSessions([], {});
    assert.ok(session);
    const changed = nextSessionChange();
    await api.accounts.removeSession(session.id);
    assert.equal(api.connection.signedIn, false);
    await changed;
    assert.deepEqual(await api.accounts.getSessions([], {}), []);
  });

  it('contributes the provider, the walkthrough and the keybindings', () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
      contributes: { authentication: Array<{ id: string }>; walkthroughs: Array<{ id: string; steps: Array<{ completionEvents: string[] }> }>; keybindings: unknown[] };
    };
    assert.deepEqual(
      manifest.contributes.authentication.map((a) => a.id),
      ['chatwoot'],
    );
    const walkthrough = manifest.contributes.walkthroughs.find((w) => w.id === 'chatwoot.getStarted');
    assert.ok(walkthrough && walkthrough.steps.length === 5);
    assert.ok(walkthrough.steps.every((s) => s.completionEvents.length > 0));
    assert.equal(manifest.contributes.keybindings.length, 4);
  });
});
