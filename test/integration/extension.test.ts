/**
 * Runs inside the real VS Code extension host (code-server), against the fake Chatwoot whose URL
 * and Alice's token arrive through the environment; `chatwoot.serverUrl` points at the fake.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Conversation } from '../../src/api';
import type { ChatwootAssignApi } from '../../src/extension';
import { fakeControl, fakeRequests } from '../support/fake';
import { storedRecord } from '../support/storedToken';

const EXTENSION_ID = 'chatwoot-assign.chatwoot-assign';
const fakeUrl = () => {
  const url = process.env.CHATWOOT_FAKE_URL;
  assert.ok(url, 'CHATWOOT_FAKE_URL must be set by the test runner');
  return url;
};
const token = () => process.env.CHATWOOT_TEST_TOKEN ?? '';

interface Recorded {
  method: string;
  path: string;
  body: unknown;
  token: string | null;
}

const fake = (path: string, method = 'GET', body?: unknown): Promise<unknown> => fakeControl(fakeUrl(), { lenient: true })(method, path, body);
const requests = (): Promise<Recorded[]> => fakeRequests(fakeUrl());

describe('Chatwoot Assign in the extension host', () => {
  let api: ChatwootAssignApi;

  before(async () => {
    const ext = vscode.extensions.getExtension<ChatwootAssignApi>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    api = await ext.activate();
  });

  beforeEach(async () => {
    await api.store.idle(); // the live connection's start (GET /api/v1/profile) must not land in the next test's log
    await fake('reset', 'POST');
  });

  it('activates and exposes its services', () => {
    assert.ok(api.connection);
    assert.ok(api.view.treeView);
  });

  it('registers exactly the commands it contributes', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const manifest = ext.packageJSON as { contributes: { commands: Array<{ command: string }> } };
    const contributed = manifest.contributes.commands.map((c) => c.command).sort();
    const registered = (await vscode.commands.getCommands(true)).filter((c) => c.startsWith('chatwoot.') && !c.startsWith('chatwoot.conversations.')).sort(); // VS Code adds focus/open/… commands per view
    assert.deepEqual(registered, contributed);
  });

  it('declares chatwoot.serverUrl application-scoped, so a workspace cannot redirect the token', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const props = (ext.packageJSON as { contributes: { configuration: { properties: Record<string, { scope?: string; default?: unknown }> } } }).contributes.configuration
      .properties;
    assert.equal(props['chatwoot.serverUrl']?.scope, 'application');
    assert.equal(props['chatwoot.serverUrl']?.default, 'https://app.chatwoot.com');
    assert.equal(vscode.workspace.getConfiguration('chatwoot').get('serverUrl'), fakeUrl(), 'the runner set the user value');
  });

  it('a command used while signed out sends no request and stays quiet about it', async () => {
    await vscode.commands.executeCommand('chatwoot.signOut');
    assert.equal(api.connection.signedIn, false);
    const result = await vscode.commands.executeCommand('chatwoot.assignConversation', { accountId: 1, conversationId: 21, assigneeId: 2 });
    assert.equal(result, undefined);
    assert.equal((await requests()).length, 0);
  });

  it('a rejected token is not stored', async () => {
    await vscode.commands.executeCommand('chatwoot.signOut');
    const result = await vscode.commands.executeCommand('chatwoot.signIn', { token: 'wrongTokenwrongTokenxxxx' });
    assert.equal(result, undefined);
    assert.equal(api.connection.signedIn, false);
    const log = await requests();
    assert.deepEqual(
      log.map((r) => [r.method, r.path]),
      [['GET', '/api/v1/profile']],
    );
  });

  it('signs in: checks the token with /profile, stores it in SecretStorage keyed by origin', async () => {
    const result = await vscode.commands.executeCommand<{ name: string }>('chatwoot.signIn', { token: token() });
    assert.deepEqual(result, { name: 'Alice Anderson' });
    assert.equal(api.connection.signedIn, true);
    const log = await requests();
    assert.equal(log[0]?.path, '/api/v1/profile');
    assert.equal(log[0]?.token, token());
  });

  it('non-interactive assign to an agent returns the re-read conversation', async () => {
    await vscode.commands.executeCommand('chatwoot.signIn', { token: token() });
    await api.store.idle();
    await fake('requests', 'DELETE');
    const c = await vscode.commands.executeCommand<Conversation>('chatwoot.assignConversation', { accountId: 1, conversationId: 21, assigneeId: 2 });
    assert.equal(c?.id, 21);
    assert.equal(c?.meta.assignee?.id, 2);
    const posts = (await requests()).filter((r) => r.method === 'POST');
    assert.deepEqual(
      posts.map((r) => [r.path, r.body]),
      [['/api/v1/accounts/1/conversations/21/assignments', { assignee_id: 2 }]],
    );
  });

  it('non-interactive team assignment and unassign', async () => {
    await vscode.commands.executeCommand('chatwoot.signIn', { token: token() });
    const team = await vscode.commands.executeCommand<Conversation>('chatwoot.assignConversation', { accountId: 1, conversationId: 5, teamId: 1 });
    assert.equal(team?.meta.team?.name, 'sales');
    assert.equal(team?.meta.assignee?.name, 'Bob Brown', 'Chatwoot auto-picked Bob');
    const none = await vscode.commands.executeCommand<Conversation>('chatwoot.assignConversation', { accountId: 1, conversationId: 5, unassign: true });
    assert.equal(none?.meta.assignee, undefined);
    const bodies = (await requests()).filter((r) => r.method === 'POST').map((r) => r.body);
    assert.deepEqual(bodies, [{ team_id: 1 }, { assignee_id: null }]);
  });

  it('bad non-interactive arguments send nothing and return undefined', async () => {
    await vscode.commands.executeCommand('chatwoot.signIn', { token: token() });
    await api.store.idle(); // what signing in starts in the background (badge counts, live connection)
    await fake('requests', 'DELETE');
    for (const bad of [
      { accountId: 1, conversationId: 21 },
      { accountId: 1, conversationId: 21, assigneeId: 2, teamId: 1 },
      { accountId: 0, conversationId: 21, assigneeId: 2 },
      { accountId: 1, conversationId: 21, assigneeId: -2 },
    ]) {
      assert.equal(await vscode.commands.executeCommand('chatwoot.assignConversation', bad), undefined);
    }
    assert.equal((await requests()).length, 0);
  });

  it('a failed assignment never throws and changes nothing', async () => {
    await vscode.commands.executeCommand('chatwoot.signIn', { token: token() });
    await fake('config', 'POST', { fail_next: { path_regex: 'assignments', status: 500 } });
    const result = await vscode.commands.executeCommand('chatwoot.assignConversation', { accountId: 1, conversationId: 21, assigneeId: 2 });
    assert.equal(result, undefined);
    const c = (await fake('state/conversations/1/21')) as { assignee_id: number | null };
    assert.equal(c.assignee_id, null);
  });

  it('SecretStorage round trip: the stored record holds the URL it was given for', async () => {
    await vscode.commands.executeCommand('chatwoot.signIn', { token: token() });
    const origin = new URL(fakeUrl()).origin;
    // The extension's own secrets are per extension; read them through the test hook.
    const stored = await storedRecord(api);
    assert.equal(stored?.url, fakeUrl());
    assert.equal(stored?.token, token());
    assert.equal(new URL(stored.url).origin, origin);
    await vscode.commands.executeCommand('chatwoot.signOut');
    assert.equal(await storedRecord(api), undefined);
  });
});
