/**
 * Set API Token and Sign Out (handlers of the command table). The token is checked with
 * `GET /api/v1/profile` BEFORE it is stored; a rejected token is never stored.
 * `executeCommand('chatwoot.signIn', { token })` does the same without prompting (for tests and
 * automation).
 */
import * as vscode from 'vscode';
import type { Profile } from '../api';
import type { Services } from '../commands/services';
import { isChatwootError } from '../lazyApi';
import { describeError } from '../ui/feedback';
import type { Connection, Server } from './connection';

import { certificateAdvice } from '../ui/errorText';
import { OPEN_SETTINGS } from '../ui/labels';

/**
 * Why a token was not accepted, in one sentence that says "rejected" when the server refused it.
 * `notes`: settings the connection could not use (e.g. an unreadable chatwoot.caCertificates file).
 */
export function rejectionText(e: unknown, host: string, notes: readonly string[] = []): string {
  const note = notes[0];
  /** The sentence, then " (Also: <the first setting problem>)" when there is one. */
  const also = (sentence: string) => (note ? vscode.l10n.t('{sentence} (Also: {note})', { sentence, note }) : sentence);
  if (isChatwootError(e)) {
    const certificate = e.kind === 'network' ? certificateAdvice(e.code, host) : undefined;
    if (certificate) return also(vscode.l10n.t('Could not check the token with {host}: {reason}', { host, reason: certificate }));
    switch (e.kind) {
      case 'invalid-token':
        return e.serverMessage
          ? vscode.l10n.t('{host} rejected this token ({reason}). Copy it again from Chatwoot → Profile Settings → Access Token.', { host, reason: e.serverMessage })
          : vscode.l10n.t('{host} rejected this token. Copy it again from Chatwoot → Profile Settings → Access Token.', { host });
      case 'bot-token':
        return vscode.l10n.t('{host} rejected this token: it belongs to an agent bot. Use the access token of your own user profile.', { host });
      case 'not-signed-in':
      case 'unauthorized':
        return vscode.l10n.t('{host} rejected the request: {reason}', { host, reason: describeError(e).message });
      default:
        return also(vscode.l10n.t('Could not check the token with {host}: {reason}', { host, reason: describeError(e).message }));
    }
  }
  return also(vscode.l10n.t('Could not check the token with {host}: {reason}', { host, reason: e instanceof Error ? e.message : String(e) }));
}

function serverOrComplain(connection: Connection): Server | undefined {
  const server = connection.server;
  if ('origin' in server) return server;
  void vscode.window
    .showErrorMessage(vscode.l10n.t('The {setting} setting is not usable: {reason}', { setting: 'chatwoot.serverUrl', reason: server.error }), OPEN_SETTINGS)
    .then((c) => (c === OPEN_SETTINGS ? vscode.commands.executeCommand('workbench.action.openSettings', 'chatwoot.serverUrl') : undefined));
  return undefined;
}

async function finish(s: Services, server: Server, token: string, profile: Profile): Promise<void> {
  await s.connection.signIn(server, token);
  // Checked a moment ago: the store need not read it again.
  s.store.setProfile(profile);
  s.log.info(`Signed in to ${server.url} as ${profile.name} (user ${profile.id})`);
  void vscode.window.showInformationMessage(vscode.l10n.t('Signed in to {host} as {name}', { host: server.host, name: profile.name }));
}

export async function signIn(s: Services, arg?: unknown): Promise<{ name: string } | undefined> {
  const server = serverOrComplain(s.connection);
  if (!server) return undefined;
  const given = (arg as { token?: unknown } | undefined)?.token;
  if (typeof given === 'string') {
    const token = given.trim();
    try {
      const profile = await s.connection.verify(server, token);
      await finish(s, server, token, profile);
      return { name: profile.name };
    } catch (e) {
      const text = rejectionText(e, server.host, s.connection.networkWarnings);
      s.log.warn(`Token check failed: ${text}`);
      void vscode.window.showErrorMessage(text);
      return undefined;
    }
  }
  const accepted = await promptForToken(s.connection, server);
  if (!accepted) return undefined;
  await finish(s, server, accepted.token, accepted.profile);
  return { name: accepted.profile.name };
}

export async function signOut(s: Services): Promise<void> {
  const server = s.connection.server;
  if (!s.connection.signedIn) {
    void vscode.window.showInformationMessage(vscode.l10n.t('You are not signed in to Chatwoot.'));
    return;
  }
  await s.connection.signOut();
  void vscode.window.showInformationMessage(
    vscode.l10n.t("Signed out of {host}; the token was deleted from this machine's secret storage.", { host: 'host' in server ? server.host : 'Chatwoot' }),
  );
}

/** A password box that checks the token on Enter and keeps the box open with the reason when it fails. */
function promptForToken(connection: Connection, server: Server): Promise<{ token: string; profile: Profile } | undefined> {
  const box = vscode.window.createInputBox();
  box.title = vscode.l10n.t('Chatwoot: Set API Token for {host}', { host: server.host });
  box.prompt = vscode.l10n.t('Paste the access token from Chatwoot → Profile Settings → Access Token. It is checked with {host}, then kept in the OS secret store.', {
    host: server.host,
  });
  box.placeholder = vscode.l10n.t('API access token');
  box.password = true;
  box.ignoreFocusOut = true;
  const changeServer: vscode.QuickInputButton = {
    iconPath: new vscode.ThemeIcon('gear'),
    tooltip: vscode.l10n.t('Change the server URL ({setting})', { setting: 'chatwoot.serverUrl' }),
  };
  box.buttons = [changeServer];
  let controller: AbortController | undefined;

  return new Promise((resolve) => {
    const disposables: vscode.Disposable[] = [];
    const done = (value: { token: string; profile: Profile } | undefined) => {
      controller?.abort();
      for (const d of disposables) d.dispose();
      box.dispose();
      resolve(value);
    };
    disposables.push(
      box.onDidChangeValue(() => (box.validationMessage = undefined)),
      box.onDidTriggerButton((b) => {
        if (b === changeServer) void vscode.commands.executeCommand('workbench.action.openSettings', 'chatwoot.serverUrl');
      }),
      box.onDidAccept(async () => {
        const token = box.value.trim();
        if (token === '') {
          box.validationMessage = vscode.l10n.t('Paste a token first.');
          return;
        }
        controller?.abort();
        const mine = (controller = new AbortController());
        box.busy = true;
        box.enabled = false;
        try {
          const profile = await connection.verify(server, token, mine.signal);
          if (!mine.signal.aborted) done({ token, profile });
        } catch (e) {
          if (mine.signal.aborted) return;
          box.validationMessage = { message: rejectionText(e, server.host, connection.networkWarnings), severity: vscode.InputBoxValidationSeverity.Error };
        } finally {
          box.busy = false;
          box.enabled = true;
        }
      }),
      box.onDidHide(() => done(undefined)),
    );
    box.show();
  });
}
