/**
 * Bulk assignment: one `POST …/bulk_actions` per 100 conversations, then a re-read of every
 * conversation, because Chatwoot answers at once with an empty body and applies the change in a
 * background job without checking ids or access. The re-read goes through `conversations/filter`
 * (25 conversations per request; those it does not return, e.g. reached only through a team, are
 * read one by one). Conversations that do not show the change yet are read again a few times
 * (briefly), then the user hears what the server recorded: "7 conversations assigned to Bob Brown",
 * or which ones differ and how, with Undo for those whose state before is known. Never throws.
 * 200 conversations: 2 `bulk_actions` + 8 filter requests.
 */
import * as vscode from 'vscode';
import type { ChatwootClient, Conversation } from '../api';
import type { Services } from '../commands/services';
import { isChatwootError } from '../lazyApi';
import { showError } from '../ui/feedback';
import type { Logger } from '../util/log';
import { assignmentSummary, conversationCount, formatCount, humanAssignee, pluralOne } from '../util/present';
import { toTarget, type AssigneeChoice } from './choice';
import { recordAssignment, showAssignmentNotification, whatWasDone } from './perform';
import { undoJournal } from './undo/windowJournal';
import type { JournalEntry } from './undo/journal';
import { stateOf } from './undo/recipe';

/** Ids per `conversations/filter` read: one page (api/filter.ts FILTER_PAGE_SIZE; not imported, the API is a bundle of its own). */
export const BULK_READ_SIZE = 25;
/** Ids per `bulk_actions` request. */
export const BULK_CHUNK_SIZE = 100;
/** Requests in flight at once, for the bulk requests and for the re-reads. */
export const BULK_CONCURRENCY = 10;
/** Pauses before reading again the conversations that do not show the change yet (Chatwoot's job is async). */
export const BULK_RECHECK_DELAYS_MS: readonly number[] = [300, 700, 1500];
/** How many conversations a notification names before "and N more". */
const NAMED = 5;

/** "1 conversation", "7 conversations", in VS Code's language. */
export function plural(n: number): string {
  return conversationCount(n);
}

/** "Assign 7 conversations to Bob Brown?" and the button that does it. */
export function confirmation(choice: AssigneeChoice, count: number): { message: string; button: string } {
  const n = plural(count);
  switch (choice.kind) {
    case 'agent':
      return { message: vscode.l10n.t('Assign {count} to {name}?', { count: n, name: choice.name }), button: vscode.l10n.t('Assign') };
    case 'team':
      return { message: vscode.l10n.t('Assign {count} to team {name}?', { count: n, name: choice.name }), button: vscode.l10n.t('Assign') };
    case 'unassign':
      return { message: vscode.l10n.t('Unassign {count}?', { count: n }), button: vscode.l10n.t('Unassign') };
    case 'remove-team':
      return { message: vscode.l10n.t('Remove the team from {count}?', { count: n }), button: vscode.l10n.t('Remove Team') };
  }
}

/** True when the conversation shows what was asked. */
export function recorded(choice: AssigneeChoice, c: Conversation): boolean {
  switch (choice.kind) {
    case 'agent':
      return humanAssignee(c)?.id === choice.agentId;
    case 'unassign':
      return !humanAssignee(c);
    case 'team':
      return c.meta.team?.id === choice.teamId;
    case 'remove-team':
      return !c.meta.team;
  }
}

/**
 * Sends the bulk assignment, re-reads, reports; resolves with the re-read conversations (request
 * order). `before`: the conversations as known before (the tree selection), for Undo.
 */
export async function performBulkAssignment(
  deps: Services,
  accountId: number,
  displayIds: readonly number[],
  choice: AssigneeChoice,
  before: readonly Conversation[] = [],
): Promise<Conversation[] | undefined> {
  const client = deps.connection.client();
  if (!client) return undefined; // the command wrapper checked; signed out meanwhile
  const ids = [...new Set(displayIds)];
  if (ids.length === 0) return [];
  const title = vscode.l10n.t('Assigning {count}…', { count: plural(ids.length) });
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, async (progress) => {
    const chunks = chunk(ids, BULK_CHUNK_SIZE);
    const refused: Array<{ ids: number[]; error: unknown }> = [];
    await mapLimit(chunks, BULK_CONCURRENCY, async (part) => {
      try {
        await client.bulkAssign(accountId, part, toTarget(choice));
      } catch (e) {
        // After a timeout the request may have been applied: re-read those too, report the rest.
        if (isChatwootError(e) && e.maybeProcessed) deps.log.warn(`bulk_actions for ${part.length} conversation(s) may or may not have reached the server: ${e.message}`);
        else refused.push({ ids: part, error: e });
      }
    });
    const notSent = new Set(refused.flatMap((r) => r.ids));
    if (notSent.size === ids.length) {
      showError(vscode.l10n.t('Could not assign {count}', { count: plural(ids.length) }), refused[0].error, deps.log);
      return undefined;
    }
    progress.report({ message: vscode.l10n.t('reading back what Chatwoot recorded…') });
    const sent = ids.filter((id) => !notSent.has(id));
    const { read, unreadable } = await reread(client, accountId, sent, choice);
    const conversations = ids.map((id) => read.get(id)).filter((c): c is Conversation => c !== undefined);
    recordAssignment(deps, accountId, ids, conversations, true);
    report(deps.log, choice, ids.length, conversations, unreadable, refused, journal(deps, accountId, choice, before, conversations));
    return conversations;
  });
}

/**
 * Reads every conversation (`conversations/filter`, 25 per request, requests in parallel), then
 * again (a few times, briefly) those that do not show the change yet.
 */
async function reread(
  client: ChatwootClient,
  accountId: number,
  ids: readonly number[],
  choice: AssigneeChoice,
): Promise<{ read: Map<number, Conversation>; unreadable: number[] }> {
  const read = new Map<number, Conversation>();
  const failed = new Set<number>();
  const readAll = async (list: readonly number[]) => {
    const missing: number[] = [];
    await mapLimit(chunk(list, BULK_READ_SIZE), BULK_CONCURRENCY, async (part) => {
      try {
        const found = await client.getConversationsByIds(accountId, part);
        for (const c of found.conversations) {
          read.set(c.id, c);
          failed.delete(c.id);
        }
        missing.push(...found.missing);
      } catch {
        missing.push(...part);
      }
    });
    // Not returned by the filter (no inbox access, only a team's): one by one.
    await mapLimit(missing, BULK_CONCURRENCY, async (id) => {
      try {
        read.set(id, await client.getConversation(accountId, id));
        failed.delete(id);
      } catch {
        failed.add(id);
      }
    });
  };
  await readAll(ids);
  for (const delay of BULK_RECHECK_DELAYS_MS) {
    const pending = ids.filter((id) => failed.has(id) || !recorded(choice, read.get(id)!));
    if (pending.length === 0) break;
    await new Promise((r) => setTimeout(r, delay));
    await readAll(pending);
  }
  return { read, unreadable: [...failed] };
}

/** Journals the conversations whose state before is known, so the notification can offer Undo. */
function journal(deps: Services, accountId: number, choice: AssigneeChoice, before: readonly Conversation[], after: readonly Conversation[]): JournalEntry | undefined {
  const afterById = new Map(after.map((c) => [c.id, c]));
  const items = before.filter((b) => afterById.has(b.id)).map((b) => ({ displayId: b.id, before: stateOf(b), after: stateOf(afterById.get(b.id)!) }));
  if (items.length === 0) return undefined;
  return undoJournal(deps).record(accountId, whatWasDone(choice, plural(items.length)), items);
}

function report(
  log: Logger,
  choice: AssigneeChoice,
  total: number,
  conversations: readonly Conversation[],
  unreadable: readonly number[],
  refused: ReadonlyArray<{ ids: number[]; error: unknown }>,
  entry: JournalEntry | undefined,
): void {
  const ok = conversations.filter((c) => recorded(choice, c));
  const differ = conversations.filter((c) => !recorded(choice, c));
  const problems: string[] = [];
  if (differ.length > 0) problems.push(vscode.l10n.t('Chatwoot recorded something else for {list}', { list: names(differ.map((c) => `#${c.id} (${assignmentSummary(c)})`)) }));
  if (unreadable.length > 0) problems.push(vscode.l10n.t('could not read back {list}', { list: names(unreadable.map((id) => `#${id}`)) }));
  for (const r of refused) {
    problems.push(
      vscode.l10n.t('not sent for {list}: {reason}', { list: names(r.ids.map((id) => `#${id}`)), reason: r.error instanceof Error ? r.error.message : String(r.error) }),
    );
  }
  if (problems.length === 0) {
    const done = doneText(choice, ok, total);
    log.info(done);
    showAssignmentNotification(done, false, undefined, entry);
    return;
  }
  const message = vscode.l10n.t('{done}; {problems}', { done: doneText(choice, ok, total, ok.length), problems: problems.join('; ') });
  log.warn(message);
  showAssignmentNotification(message, true, undefined, entry);
}

/**
 * "7 conversations assigned to Bob Brown" (or, with `done`, "5 of 7 conversations assigned to Bob
 * Brown"), with the name as recorded when the request only had an id. Whole sentences per plural
 * form: Portuguese and Spanish participles agree with the count ("atribuída"/"atribuídas").
 */
function doneText(choice: AssigneeChoice, ok: readonly Conversation[], total: number, done?: number): string {
  const one = pluralOne(total);
  const args = { count: formatCount(total), done: formatCount(done ?? total), name: '' };
  switch (choice.kind) {
    case 'agent':
      args.name = ok.map(humanAssignee).find((a) => a?.id === choice.agentId)?.available_name ?? choice.name;
      if (done !== undefined) {
        return one ? vscode.l10n.t('{done} of 1 conversation assigned to {name}', args) : vscode.l10n.t('{done} of {count} conversations assigned to {name}', args);
      }
      return one ? vscode.l10n.t('1 conversation assigned to {name}', args) : vscode.l10n.t('{count} conversations assigned to {name}', args);
    case 'team':
      args.name = ok.find((c) => c.meta.team?.id === choice.teamId)?.meta.team?.name ?? choice.name;
      if (done !== undefined) {
        return one ? vscode.l10n.t('{done} of 1 conversation assigned to team {name}', args) : vscode.l10n.t('{done} of {count} conversations assigned to team {name}', args);
      }
      return one ? vscode.l10n.t('1 conversation assigned to team {name}', args) : vscode.l10n.t('{count} conversations assigned to team {name}', args);
    case 'unassign':
      if (done !== undefined) return one ? vscode.l10n.t('{done} of 1 conversation unassigned', args) : vscode.l10n.t('{done} of {count} conversations unassigned', args);
      return one ? vscode.l10n.t('1 conversation unassigned', args) : vscode.l10n.t('{count} conversations unassigned', args);
    case 'remove-team':
      if (done !== undefined) {
        return one ? vscode.l10n.t('{done} of 1 conversation without a team now', args) : vscode.l10n.t('{done} of {count} conversations without a team now', args);
      }
      return one ? vscode.l10n.t('1 conversation without a team now', args) : vscode.l10n.t('{count} conversations without a team now', args);
  }
}

function names(list: readonly string[]): string {
  return list.length <= NAMED ? list.join(', ') : vscode.l10n.t('{list} and {count} more', { list: list.slice(0, NAMED).join(', '), count: formatCount(list.length - NAMED) });
}

export function chunk<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** Runs `fn` over `items` with at most `limit` calls pending at once. */
export async function mapLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
