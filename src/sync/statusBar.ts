/**
 * The Chatwoot status bar item: the live state (live, connecting, polling, off) and the signed-in
 * user's availability in the current account. Clicking it sets the availability. Hidden while
 * signed out. Its tooltip says what each state means and when the last event arrived.
 */
import * as vscode from 'vscode';
import type { Connection } from '../auth/connection';
import { Commands } from '../commands/ids';
import type { ChatwootStore } from '../store/store';
import { availabilityLabel, availabilityWord, currentAccount, ownAvailability } from './availabilityText';
import type { LiveService, LiveStatus } from './liveService';

const STATE: Record<LiveStatus['kind'], { icon: string; word: string; meaning: string }> = {
  live: { icon: 'broadcast', word: vscode.l10n.t('live'), meaning: vscode.l10n.t('Chatwoot pushes every change; the views are always current and nothing is polled.') },
  connecting: { icon: 'sync~spin', word: vscode.l10n.t('connecting'), meaning: vscode.l10n.t('Opening the live connection to Chatwoot.') },
  polling: {
    icon: 'history',
    word: vscode.l10n.t('polling'),
    meaning: vscode.l10n.t('Live updates are unavailable; the views are read again every minute while this window is focused.'),
  },
  off: {
    icon: 'circle-slash',
    word: vscode.l10n.t('offline'),
    meaning: vscode.l10n.t('Live updates are off (setting {0}); the views are read again every minute while this window is focused.', 'chatwoot.liveUpdates'),
  },
};

const AVAILABILITY_ICON: Record<string, string> = { online: 'circle-filled', busy: 'clock', offline: 'circle-outline' };

export class LiveStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('chatwoot.status', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly connection: Connection,
    private readonly store: ChatwootStore,
    private readonly live: LiveService,
  ) {
    this.item.name = 'Chatwoot';
    this.item.command = Commands.setAvailability;
    this.disposables.push(
      this.item,
      live.onDidChangeStatus(() => this.render()),
      connection.onDidChange(() => this.render()),
      store.onDidChange((c) => {
        if (c.profile || c.accountId === undefined) this.render();
      }),
    );
    this.render();
  }

  render(): void {
    if (!this.connection.signedIn) {
      this.item.hide();
      return;
    }
    const status = this.live.status;
    const state = STATE[status.kind];
    const profile = this.store.knownProfile;
    const account = profile ? currentAccount(profile) : undefined;
    const availability = account ? ownAvailability(account) : undefined;
    const shown = availability ? availabilityLabel(availability) : 'Chatwoot';
    this.item.text = `$(${availability ? (AVAILABILITY_ICON[availability] ?? 'circle-outline') : 'comment-discussion'}) ${shown} $(${state.icon})`;
    const word = availability ? availabilityWord(availability) : undefined;
    this.item.accessibilityInformation = {
      label:
        word && account
          ? vscode.l10n.t('Chatwoot: you are {0} in {1}; live updates {2}. Click to set your availability.', word, account.name, state.word)
          : word
            ? vscode.l10n.t('Chatwoot: you are {0}; live updates {1}. Click to set your availability.', word, state.word)
            : vscode.l10n.t('Chatwoot: signed in; live updates {0}. Click to set your availability.', state.word),
    };
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(vscode.l10n.t('**Chatwoot** · live updates: **{0}**', state.word));
    if (status.kind === 'polling') md.appendText(` (${status.why})`);
    md.appendMarkdown('\n\n');
    for (const [kind, s] of Object.entries(STATE)) {
      md.appendMarkdown(`- $(${s.icon}) ${kind === status.kind ? vscode.l10n.t('*{0}* (now)', s.word) : `*${s.word}*`}: ${s.meaning}\n`);
    }
    md.appendMarkdown('\n');
    md.appendText(
      this.live.lastEventAt ? vscode.l10n.t('Last event: {0}', new Date(this.live.lastEventAt).toLocaleTimeString(vscode.env.language)) : vscode.l10n.t('No event received yet.'),
    );
    if (word) {
      md.appendMarkdown('\n\n');
      md.appendText(
        account ? vscode.l10n.t('Your availability in {0}: {1}. Click to change it.', account.name, word) : vscode.l10n.t('Your availability: {0}. Click to change it.', word),
      );
    }
    this.item.tooltip = md;
    this.item.show();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
