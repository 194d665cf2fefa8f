/**
 * Step 2: the conversation. Shows the open conversations the store holds (Mine / Unassigned / All
 * via title buttons) at once, the very rows the tree shows, and follows the store while open (an
 * assignment elsewhere, a refresh, a live event update the items in place); pages through all of
 * them with "Load more…"; finds one that is not loaded when the user types `#21` or pastes a
 * dashboard link; and searches the server (`q`, debounced, stale answers dropped) for text beyond
 * what is loaded. Highlighting a conversation starts loading the agents of its inbox for the next step.
 */
import * as vscode from 'vscode';
import type { ChatwootClient, Conversation } from '../api';
import { countOf, type ListKind } from '../store/membership';
import type { ChatwootStore } from '../store/store';
import { parseConversationRef, type ConversationRef } from '../util/conversationRef';
import { assignmentSummary, conversationLabel, lastMessage, oneLine, relativeTime, statusText } from '../util/present';
import { prefetchAssignees } from './pickAssignee';
import { pickStep, replaceItems, type Back, type StepContext } from './quickInput';

type Item = vscode.QuickPickItem & ({ type: 'conversation'; conversation: Conversation } | { type: 'more' } | { type: 'notice' });

const FILTERS: ReadonlyArray<{ kind: ListKind; name: string; tooltip: string; icon: string }> = [
  { kind: 'mine', name: vscode.l10n.t('Mine'), tooltip: vscode.l10n.t('Show mine'), icon: 'account' },
  { kind: 'unassigned', name: vscode.l10n.t('Unassigned'), tooltip: vscode.l10n.t('Show unassigned'), icon: 'circle-large-outline' },
  { kind: 'all', name: vscode.l10n.t('All'), tooltip: vscode.l10n.t('Show all'), icon: 'list-flat' },
];

/** Typing pauses this long before the server is searched. */
export const SEARCH_DEBOUNCE_MS = 300;
/** Shorter text is only filtered locally. */
export const SEARCH_MIN_LENGTH = 3;
/** How long the highlight rests on a conversation before its inbox's agents are loaded. */
export const HIGHLIGHT_PREFETCH_MS = 100;
/**
 * Without live updates, the first page of the list the picker opens on is read again when it is
 * older than this (the rows may have moved since the tree or an earlier flow read them); what is
 * held shows meanwhile.
 */
export const PICKER_REVALIDATE_MS = 0;

interface FilterButton extends vscode.QuickInputButton {
  kind: ListKind;
}

export interface ConversationStepOptions {
  store: ChatwootStore;
  /** For what the store does not keep: the server search and `#id` lookups. */
  client: ChatwootClient;
  accountId: number;
  accountName: string;
  /** The configured server's origin, to warn about links to another server. */
  origin: string;
  describeError: (e: unknown) => string;
}

const noop = () => undefined;

export async function pickConversation(ctx: StepContext, o: ConversationStepOptions): Promise<Conversation | Back> {
  const { accountId, store } = o;
  let kind: ListKind = 'all';
  const found = new Map<number, Conversation>();
  let hits: { query: string; conversations: Conversation[] } | undefined;
  let names = inboxNames(store, accountId);
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
        description: [names.get(c.inbox_id) ?? vscode.l10n.t('inbox {0}', c.inbox_id), statusText(c), assignmentSummary(c)].join(' · '),
        detail: last ? `${oneLine(last.content, 100)} — ${when}` : when,
        alwaysShow,
      };
      cache.set(c, item);
    }
    return item;
  };
  const title = () => {
    const name = FILTERS.find((f) => f.kind === kind)!.name;
    const counts = store.counts(accountId);
    const list = { title: ctx.title, account: o.accountName, list: name };
    return counts && store.list(accountId, kind)
      ? vscode.l10n.t('{title} — {account}: {list} ({count})', { ...list, count: countOf(counts, kind) })
      : vscode.l10n.t('{title} — {account}: {list}', list);
  };
  const render = (picker: vscode.QuickPick<Item>) => {
    const list = store.list(accountId, kind);
    const loaded = list?.conversations ?? [];
    const loadedIds = new Set(loaded.map((c) => c.id));
    const hitIds = new Set(hits?.conversations.map((c) => c.id));
    // Found by #id or by the server search but not loaded: always shown, whatever the filter text.
    const extra = [...found.values(), ...(hits?.conversations ?? [])].filter((c, i, all) => !loadedIds.has(c.id) && all.findIndex((x) => x.id === c.id) === i);
    const counts = store.counts(accountId);
    const more: Item[] = list?.hasMore
      ? [
          {
            type: 'more',
            label: vscode.l10n.t('Load more…'),
            description: counts ? vscode.l10n.t('{0} of {1} loaded', loaded.length, countOf(counts, kind)) : undefined,
            alwaysShow: true,
            iconPath: new vscode.ThemeIcon('ellipsis'),
          },
        ]
      : [];
    const rows = [...extra.map((c) => toItem(store.conversation(accountId, c.id) ?? c, true)), ...loaded.map((c) => toItem(c, hitIds.has(c.id))), ...more];
    replaceItems(picker, rows, (a, b) => a.type === b.type && a.label === b.label);
    picker.title = title();
  };

  /** Loads the first page of the current list, or the next page; the store shares and keeps it. */
  const load = async (picker: vscode.QuickPick<Item>, signal: AbortSignal, more: boolean) => {
    picker.busy = true;
    try {
      if (more) await store.loadMore(accountId, kind, signal);
      else await store.loadList(accountId, kind, signal);
    } catch (e) {
      if (!signal.aborted) picker.placeholder = o.describeError(e);
    } finally {
      picker.busy = false;
    }
  };
  /** What the tree holds shows at once; a list loaded long ago is read again in the background. */
  const open = (picker: vscode.QuickPick<Item>, signal: AbortSignal) => {
    render(picker);
    if (!store.list(accountId, kind)) void load(picker, signal, false);
    // Live updates keep the store true; without them the rows may have moved meanwhile.
    else if (!store.live) store.revalidateList(accountId, kind, PICKER_REVALIDATE_MS)?.catch(noop);
  };

  const picked = await pickStep<Item>(ctx, {
    placeholder: vscode.l10n.t('Pick a conversation, type #id, paste a conversation link, or search'),
    buttons: FILTERS.map((f): FilterButton => ({ iconPath: new vscode.ThemeIcon(f.icon), tooltip: f.tooltip, kind: f.kind })),
    matchOnDescription: true,
    describeError: o.describeError,
    setup(picker, signal) {
      picker.title = title();
      if (!store.inboxes(accountId).value) {
        store
          .inboxes(accountId)
          .get(signal)
          .then(() => {
            names = inboxNames(store, accountId);
            memo = { plain: new WeakMap(), shown: new WeakMap() };
            render(picker);
          }, noop);
      }
      // Whatever patches the store (an assignment elsewhere, a refresh, a live event) shows here too.
      const follow = store.onDidChange((change) => {
        if (change.accountId === undefined || change.accountId === accountId) render(picker);
      });
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
          const result = await o.client.listConversations(accountId, { q: query, assigneeType: ASSIGNEE_FILTER[kind] }, { signal: controller.signal });
          if (seq !== searchSeq || picker.value.trim() !== query) return;
          hits = { query, conversations: result.conversations };
          render(picker);
        } catch (e) {
          if (seq === searchSeq && !controller.signal.aborted) picker.placeholder = vscode.l10n.t('Search: {0}', o.describeError(e));
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
          if (found.has(ref.displayId) || store.list(accountId, kind)?.conversations.some((c) => c.id === ref.displayId)) return;
          lookup = setTimeout(() => void findById(picker, ref, signal), 250);
        } else if (text.length >= SEARCH_MIN_LENGTH && store.list(accountId, kind)?.hasMore) {
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
        highlight = setTimeout(() => prefetchAssignees(store, accountId, [inbox]), HIGHLIGHT_PREFETCH_MS);
      });
      const findById = async (p: vscode.QuickPick<Item>, ref: ConversationRef, s: AbortSignal) => {
        const notice = (label: string): Item => ({ type: 'notice', label, alwaysShow: true, iconPath: new vscode.ThemeIcon('warning') });
        if (ref.origin && ref.origin.toLowerCase() !== o.origin.toLowerCase()) {
          p.items = [notice(vscode.l10n.t('That link is for another Chatwoot server ({0})', new URL(ref.origin).host)), ...p.items.filter((i) => i.type !== 'notice')];
          return;
        }
        if (ref.accountId !== undefined && ref.accountId !== accountId) {
          p.items = [
            notice(vscode.l10n.t('That link is for account {0}, not {1}: go back and pick that account', ref.accountId, o.accountName)),
            ...p.items.filter((i) => i.type !== 'notice'),
          ];
          return;
        }
        p.busy = true;
        try {
          const c = await o.client.getConversation(accountId, ref.displayId, { signal: s });
          store.applyConversations(accountId, [c], { read: true });
          found.set(ref.displayId, c);
          render(p);
          p.value = `#${ref.displayId}`;
        } catch (e) {
          if (!s.aborted) p.items = [notice(`#${ref.displayId}: ${o.describeError(e)}`), ...p.items.filter((i) => i.type !== 'notice')];
        } finally {
          p.busy = false;
        }
      };
      // After the listeners: the first row shown is highlighted, and its inbox's agents load.
      open(picker, signal);
      return {
        onButton(button) {
          const next = (button as FilterButton).kind;
          if (!next || next === kind) return;
          kind = next;
          hits = undefined;
          stopSearch();
          open(picker, signal);
        },
        async onAccept(item) {
          if (item.type === 'more') {
            await load(picker, signal, true);
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
          follow.dispose();
        },
      };
    },
  });
  if (typeof picked === 'symbol') return picked;
  if (picked.type !== 'conversation') throw new Error('unreachable: special items are handled in the step');
  return picked.conversation;
}

/** The `assignee_type` of the server search for each list. */
const ASSIGNEE_FILTER = { mine: 'me', unassigned: 'unassigned', all: 'all' } as const;

/** Inbox names by id, from what the store knows now (names are a nicety: never wait for them). */
function inboxNames(store: ChatwootStore, accountId: number): Map<number, string> {
  return new Map((store.inboxes(accountId).value ?? []).map((i) => [i.id, i.name]));
}
