/**
 * Step 2: the conversation. Shows open conversations (Mine / Unassigned / All via title buttons),
 * pages through all of them with "Load more…", and finds one that is not loaded when the user
 * types `#21` or pastes a dashboard link.
 */
import * as vscode from 'vscode';
import type { AssigneeFilter, ChatwootClient, Conversation, ConversationPage } from '../api';
import { countFor } from '../api/counts';
import { parseConversationRef } from '../util/conversationRef';
import { assignmentSummary, conversationLabel, lastMessage, oneLine, relativeTime, statusText } from '../util/present';
import type { AccountData } from './accountData';
import { pickStep, replaceItems, type Back, type StepContext } from './quickInput';

type Item = vscode.QuickPickItem & ({ type: 'conversation'; conversation: Conversation } | { type: 'more' } | { type: 'notice' });

const FILTERS: ReadonlyArray<{ filter: AssigneeFilter; name: string; icon: string }> = [
  { filter: 'me', name: 'Mine', icon: 'account' },
  { filter: 'unassigned', name: 'Unassigned', icon: 'circle-large-outline' },
  { filter: 'all', name: 'All', icon: 'list-flat' },
];

interface FilterButton extends vscode.QuickInputButton {
  filter: AssigneeFilter;
}

export interface ConversationStepOptions {
  client: ChatwootClient;
  data: AccountData;
  accountName: string;
  /** The configured server's origin, to warn about links to another server. */
  origin: string;
  describeError: (e: unknown) => string;
  /** The first page, when it was prefetched. */
  firstPage?: Promise<ConversationPage>;
}

export async function pickConversation(ctx: StepContext, o: ConversationStepOptions): Promise<Conversation | Back> {
  const accountId = o.data.accountId;
  let filter: AssigneeFilter = 'all';
  let loaded: Conversation[] = [];
  let page: ConversationPage | undefined;
  const found = new Map<number, Conversation>();
  const names = await o.data.inboxNames();

  const toItem = (c: Conversation, alwaysShow = false): Item => {
    const last = lastMessage(c);
    const when = relativeTime(c.last_activity_at, Date.now(), vscode.env.language);
    return {
      type: 'conversation',
      conversation: c,
      label: conversationLabel(c),
      description: [names.get(c.inbox_id) ?? `inbox ${c.inbox_id}`, statusText(c), assignmentSummary(c)].join(' · '),
      detail: last ? `${oneLine(last.content, 100)} — ${when}` : when,
      alwaysShow,
    };
  };
  const title = () => {
    const name = FILTERS.find((f) => f.filter === filter)!.name;
    const count = page ? ` (${page.totalPages === 0 ? 0 : countFor(page.counts, filter)})` : '';
    return `${ctx.title} — ${o.accountName}: ${name}${count}`;
  };
  const render = (picker: vscode.QuickPick<Item>) => {
    const extra = [...found.values()].filter((c) => !loaded.some((l) => l.id === c.id)).map((c) => toItem(c, true));
    const more: Item[] = page?.hasMore
      ? [{ type: 'more', label: 'Load more…', description: `${loaded.length} of ${countFor(page.counts, filter)} loaded`, alwaysShow: true, iconPath: new vscode.ThemeIcon('ellipsis') }]
      : [];
    replaceItems(picker, [...extra, ...loaded.map((c) => toItem(c)), ...more], (a, b) => a.type === b.type && a.label === b.label);
    picker.title = title();
  };

  const loadPage = async (picker: vscode.QuickPick<Item>, next: number, signal: AbortSignal, prefetched?: Promise<ConversationPage>) => {
    picker.busy = true;
    try {
      const want = filter;
      const result = await (prefetched ?? o.client.listConversations(accountId, { assigneeType: filter, page: next }, { signal }));
      if (want !== filter) return; // the user switched filters meanwhile
      page = result;
      // Assignments reorder lists between pages: drop rows already shown.
      const seen = new Set(next === 1 ? [] : loaded.map((c) => c.id));
      loaded = [...(next === 1 ? [] : loaded), ...result.conversations.filter((c) => !seen.has(c.id))];
      render(picker);
    } catch (e) {
      if (!signal.aborted) picker.placeholder = o.describeError(e);
    } finally {
      picker.busy = false;
    }
  };

  const picked = await pickStep<Item>(ctx, {
    placeholder: 'Pick a conversation, or type #id or paste a conversation link',
    buttons: FILTERS.map((f): FilterButton => ({ iconPath: new vscode.ThemeIcon(f.icon), tooltip: `Show ${f.name.toLowerCase()}`, filter: f.filter })),
    matchOnDescription: true,
    describeError: o.describeError,
    setup(picker, signal) {
      picker.title = title();
      void loadPage(picker, 1, signal, o.firstPage);
      let lookup: ReturnType<typeof setTimeout> | undefined;
      const changeValue = picker.onDidChangeValue((value) => {
        clearTimeout(lookup);
        const ref = parseConversationRef(value);
        if (!ref || found.has(ref.displayId) || loaded.some((c) => c.id === ref.displayId)) return;
        lookup = setTimeout(() => void findById(picker, ref, signal), 250);
      });
      const findById = async (p: vscode.QuickPick<Item>, ref: NonNullable<ReturnType<typeof parseConversationRef>>, s: AbortSignal) => {
        const notice = (label: string): Item => ({ type: 'notice', label, alwaysShow: true, iconPath: new vscode.ThemeIcon('warning') });
        if (ref.origin && ref.origin.toLowerCase() !== o.origin.toLowerCase()) {
          p.items = [notice(`That link is for another Chatwoot server (${new URL(ref.origin).host})`), ...p.items.filter((i) => i.type !== 'notice')];
          return;
        }
        if (ref.accountId !== undefined && ref.accountId !== accountId) {
          p.items = [notice(`That link is for account ${ref.accountId}, not ${o.accountName}: go back and pick that account`), ...p.items.filter((i) => i.type !== 'notice')];
          return;
        }
        p.busy = true;
        try {
          found.set(ref.displayId, await o.client.getConversation(accountId, ref.displayId, { signal: s }));
          render(p);
          p.value = `#${ref.displayId}`;
        } catch (e) {
          if (!s.aborted) p.items = [notice(`#${ref.displayId}: ${o.describeError(e)}`), ...p.items.filter((i) => i.type !== 'notice')];
        } finally {
          p.busy = false;
        }
      };
      return {
        onButton(button) {
          const next = (button as FilterButton).filter;
          if (!next || next === filter) return;
          filter = next;
          page = undefined;
          loaded = [];
          render(picker);
          void loadPage(picker, 1, signal);
        },
        async onAccept(item) {
          if (item.type === 'more') {
            await loadPage(picker, (page?.page ?? 0) + 1, signal);
            return true;
          }
          return item.type === 'notice';
        },
        dispose() {
          clearTimeout(lookup);
          changeValue.dispose();
        },
      };
    },
  });
  if (typeof picked === 'symbol') return picked;
  if (picked.type !== 'conversation') throw new Error('unreachable: special items are handled in the step');
  return picked.conversation;
}
