/**
 * The Chatwoot status bar item: the live state (live, connecting, polling, off) and the signed-in
 * user's availability in the current account. Clicking it sets the availability. Hidden while
 * signed out. Its tooltip says what each state means and when the last event arrived.
 */
import * as vscode from 'vscode';
import type { Connection } from '../auth/connection';
import { Commands } from '../commands/ids';
import type { ChatwootStore } from '../store/store';
import { currentAccount, ownAvailability } from './availabilityText';
import type { LiveService, LiveStatus } from './liveService';

const STATE: Record<LiveStatus['kind'], { icon: string; word: string; meaning: string }> = {
  live: { icon: 'broadcast', word: 'live', meaning: 'Chatwoot pushes every change; the views are always current and nothing is polled.' },
  connecting: { icon: 'sync~spin', word: 'connecting', meaning: 'Opening the live connection to Chatwoot.' },
  polling: { icon: 'history', word: 'polling', meaning: 'Live updates are unavailable; the views are read again every minute while this window is focused.' },
  off: { icon: 'circle-slash', word: 'offline', meaning: 'Live updates are off (setting chatwoot.liveUpdates); the views are read again every minute while this window is focused.' },
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
    const shown = availability ? capitalize(availability) : 'Chatwoot';
    this.item.text = `$(${availability ? (AVAILABILITY_ICON[availability] ?? 'circle-outline') : 'comment-discussion'}) ${shown} $(${state.icon})`;
    const where = account ? ` in ${account.name}` : '';
    this.item.accessibilityInformation = {
      label: `Chatwoot: ${availability ? `you are ${availability}${where}` : 'signed in'}; live updates ${state.word}. Click to set your availability.`,
    };
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(`**Chatwoot** · live updates: **${state.word}**`);
    if (status.kind === 'polling') md.appendText(` (${status.why})`);
    md.appendMarkdown('\n\n');
    for (const [kind, s] of Object.entries(STATE)) md.appendMarkdown(`- $(${s.icon}) *${s.word}*${kind === status.kind ? ' (now)' : ''}: ${s.meaning}\n`);
    md.appendMarkdown('\n');
    md.appendText(this.live.lastEventAt ? `Last event: ${new Date(this.live.lastEventAt).toLocaleTimeString(vscode.env.language)}` : 'No event received yet.');
    if (availability) {
      md.appendMarkdown('\n\n');
      md.appendText(`Your availability${where}: ${availability}. Click to change it.`);
    }
    this.item.tooltip = md;
    this.item.show();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
