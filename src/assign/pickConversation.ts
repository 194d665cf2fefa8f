/**
 * Step 2: the conversation. Shows open conversations (Mine / Unassigned / All via title buttons) at
 * once from the session's memory, then the fresh first page; pages through all of them with "Load
 * more…"; finds one that is not loaded when the user types `#21` or pastes a dashboard link; and
 * searches the server (`q`, debounced, stale answers dropped) for text beyond what is loaded.
 * Highlighting a conversation starts loading the agents of its inbox for the next step.
 */
import * as vscode from 'vscode';
import type { AssigneeFilter, ChatwootClient, Conversation, ConversationPage } from '../api';
import { countFor } from '../api/counts';
import { parseConversationRef, type ConversationRef } from '../util/conversationRef';
import { assignmentSummary, conversationLabel, lastMessage, oneLine, relativeTime, statusText } from '../util/present';
import type { AccountData } from './accountData';
import { pickStep, replaceItems, type Back, type StepContext } from './quickInput';

type Item = vscode.QuickPickItem & ({ type: 'conversation'; conversation: Conversation } | { type: 'more' } | { type: 'notice' });

const FILTERS: ReadonlyArray<{ filter: AssigneeFilter; name: string; icon: string }> = [
  { filter: 'me', name: 'Mine', icon: 'account' },
  { filter: 'unassigned', name: 'Unassigned', icon: 'circle-large-outline' },
  { filter: 'all', name: 'All', icon: 'list-flat' },
];

/** Typing pauses this long before the server is searched. */
export const SEARCH_DEBOUNCE_MS = 300;
/** Shorter text is only filtered locally. */
export const SEARCH_MIN_LENGTH = 3;
/** How long the highlight rests on a conversation before its inbox's agents are loaded. */
export const HIGHLIGHT_PREFETCH_MS = 100;

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
}

const noop = () => undefined;

export async function pickConversation(ctx: StepContext, o: ConversationStepOptions): Promise<Conversation | Back> {
  const accountId = o.data.accountId;
  let filter: AssigneeFilter = 'all';
  const remembered = o.data.cached.firstPage;
  let page: ConversationPage | undefined = remembered;
  let loaded: Conversation[] = remembered ? unique(remembered.conversations) : [];
  const found = new Map<number, Conversation>();
  let hits: { query: string; conversations: Conversation[] } | undefined;
  let names = o.data.inboxNames();
  // Items are built once per conversation object (a long list re-renders on every page).
  let memo = { plain: new WeakMap<Conversation, Item>(), shown: new WeakMap<Conversation, Item>() };

  const toItem = (c: Conversation, alwaysShow = false): Item => {
    const cache = alwaysShow ? memo.shown : memo.plain;
    let item = cache.get(c);
    if (!item) {
      const last = lastMessage(c);
      const when = relativeTime(c.last_activity_at, Date.now(), vscode.env.language);
      item = {
        type: 'conversation',
        conversation: c,
        label: conversationLabel(c),
        description: [names.get(c.inbox_id) ?? `inbox ${c.inbox_id}`, statusText(c), assignmentSummary(c)].join(' · '),
        detail: last ? `${oneLine(last.content, 100)} — ${when}` : when,
        alwaysShow,
      };
      cache.set(c, item);
    }
    return item;
  };
  const title = () => {
    const name = FILTERS.find((f) => f.filter === filter)!.name;
    const count = page ? ` (${page.totalPages === 0 ? 0 : countFor(page.counts, filter)})` : '';
    return `${ctx.title} — ${o.accountName}: ${name}${count}`;
  };
  const render = (picker: vscode.QuickPick<Item>) => {
    const loadedIds = new Set(loaded.map((c) => c.id));
    const hitIds = new Set(hits?.conversations.map((c) => c.id));
    // Found by #id or by the server search but not loaded: always shown, whatever the filter text.
    const extra = [...found.values(), ...(hits?.conversations ?? [])].filter((c, i, all) => !loadedIds.has(c.id) && all.findIndex((x) => x.id === c.id) === i);
    const more: Item[] = page?.hasMore
      ? [{ type: 'more', label: 'Load more…', description: `${loaded.length} of ${countFor(page.counts, filter)} loaded`, alwaysShow: true, iconPath: new vscode.ThemeIcon('ellipsis') }]
      : [];
    const rows = [...extra.map((c) => toItem(c, true)), ...loaded.map((c) => toItem(c, hitIds.has(c.id))), ...more];
    replaceItems(picker, rows, (a, b) => a.type === b.type && a.label === b.label);
    picker.title = title();
  };

  const loadPage = async (picker: vscode.QuickPick<Item>, next: number, signal: AbortSignal, prefetched?: Promise<ConversationPage>) => {
    picker.busy = true;
    try {
      const want = filter;
      const result = await (prefetched ?? o.client.listConversations(accountId, { assigneeType: filter, page: next }, { signal }));
      if (want !== filter) return; // the user switched filters meanwhile
      if (next === 1) {
        // A fresh first page replaces the remembered one; pages loaded meanwhile stay below it.
        const kept = page && page.page > 1 ? loaded : [];
        loaded = unique([...result.conversations, ...kept]);
        page = kept.length > 0 && page ? { ...result, page: page.page, hasMore: page.hasMore } : result;
      } else {
        // Assignments reorder lists between pages: drop rows already shown.
        loaded = unique([...loaded, ...result.conversations]);
        page = result;
      }
      render(picker);
    } catch (e) {
      if (!signal.aborted) picker.placeholder = o.describeError(e);
    } finally {
      picker.busy = false;
    }
  };

  const picked = await pickStep<Item>(ctx, {
    placeholder: 'Pick a conversation, type #id, paste a conversation link, or search',
    buttons: FILTERS.map((f): FilterButton => ({ iconPath: new vscode.ThemeIcon(f.icon), tooltip: `Show ${f.name.toLowerCase()}`, filter: f.filter })),
    matchOnDescription: true,
    describeError: o.describeError,
    setup(picker, signal) {
      picker.title = title();
      if (loaded.length > 0) render(picker);
      void loadPage(picker, 1, signal, o.data.firstPage());
      if (!o.data.cached.inboxes) {
        o.data.inboxes().then(() => {
          names = o.data.inboxNames();
          memo = { plain: new WeakMap(), shown: new WeakMap() };
          render(picker);
        }, noop);
      }
      let lookup: ReturnType<typeof setTimeout> | undefined;
      let searchTimer: ReturnType<typeof setTimeout> | undefined;
      let searchSeq = 0;
      let searching: AbortController | undefined;
      const stopSearch = () => {
        clearTimeout(searchTimer);
        searchSeq++; // whatever is still on its way is stale now
        searching?.abort();
        searching = undefined;
      };
      const search = async (query: string) => {
        const seq = ++searchSeq;
        const controller = (searching = new AbortController());
        const stop = () => controller.abort();
        signal.addEventListener('abort', stop, { once: true });
        picker.busy = true;
        try {
          const result = await o.client.listConversations(accountId, { q: query, assigneeType: filter }, { signal: controller.signal });
          if (seq !== searchSeq || picker.value.trim() !== query) return;
          hits = { query, conversations: result.conversations };
          render(picker);
        } catch (e) {
          if (seq === searchSeq && !controller.signal.aborted) picker.placeholder = `Search: ${o.describeError(e)}`;
        } finally {
          signal.removeEventListener('abort', stop);
          if (seq === searchSeq) picker.busy = false;
        }
      };
      const changeValue = picker.onDidChangeValue((value) => {
        clearTimeout(lookup);
        stopSearch();
        const text = value.trim();
        if (hits && hits.query !== text) {
          hits = undefined;
          render(picker);
        }
        const ref = parseConversationRef(value);
        if (ref) {
          if (found.has(ref.displayId) || loaded.some((c) => c.id === ref.displayId)) return;
          lookup = setTimeout(() => void findById(picker, ref, signal), 250);
        } else if (text.length >= SEARCH_MIN_LENGTH && page?.hasMore) {
          // Only the server knows what is not loaded yet.
          searchTimer = setTimeout(() => void search(text), SEARCH_DEBOUNCE_MS);
        }
      });
      // The next step needs the agents of the conversation's inbox: load them once the highlight
      // rests on it a moment (arrowing through a long list does not ask for every inbox on the way).
      let highlight: ReturnType<typeof setTimeout> | undefined;
      const changeActive = picker.onDidChangeActive((active) => {
        clearTimeout(highlight);
        const item = active[0];
        if (item?.type !== 'conversation') return;
        const inbox = item.conversation.inbox_id;
        highlight = setTimeout(() => void o.data.agentsFor([inbox]).catch(noop), HIGHLIGHT_PREFETCH_MS);
      });
      const findById = async (p: vscode.QuickPick<Item>, ref: ConversationRef, s: AbortSignal) => {
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
          hits = undefined;
          stopSearch();
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
          clearTimeout(highlight);
          stopSearch();
          changeValue.dispose();
          changeActive.dispose();
        },
      };
    },
  });
  if (typeof picked === 'symbol') return picked;
  if (picked.type !== 'conversation') throw new Error('unreachable: special items are handled in the step');
  return picked.conversation;
}

/** Keeps the first copy of each conversation (lists move between pages). */
function unique(list: readonly Conversation[]): Conversation[] {
  const seen = new Set<number>();
  return list.filter((c) => !seen.has(c.id) && (seen.add(c.id), true));
}
