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
import { assignmentSummary, humanAssignee } from '../util/present';
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

export function plural(n: number, what = 'conversation'): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

/** "Assign 7 conversations to Bob Brown?" and the button that does it. */
export function confirmation(choice: AssigneeChoice, count: number): { message: string; button: string } {
  const n = plural(count);
  switch (choice.kind) {
    case 'agent':
      return { message: `Assign ${n} to ${choice.name}?`, button: 'Assign' };
    case 'team':
      return { message: `Assign ${n} to team ${choice.name}?`, button: 'Assign' };
    case 'unassign':
      return { message: `Unassign ${n}?`, button: 'Unassign' };
    case 'remove-team':
      return { message: `Remove the team from ${n}?`, button: 'Remove Team' };
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
  const title = `Assigning ${plural(ids.length)}…`;
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, async (progress) => {
    const chunks = chunk(ids, BULK_CHUNK_SIZE);
    const refused: Array<{ ids: number[]; error: unknown }> = [];
    await mapLimit(chunks, BULK_CONCURRENCY, async (part) => {
      try {
        await client.bulkAssign(accountId, part, toTarget(choice));
      } catch (e) {
        // After a timeout the request may have been applied: re-read those too, report the rest.
        if (isChatwootError(e) && e.maybeProcessed) deps.log.warn(`bulk_actions for ${plural(part.length)} may or may not have reached the server: ${e.message}`);
        else refused.push({ ids: part, error: e });
      }
    });
    const notSent = new Set(refused.flatMap((r) => r.ids));
    if (notSent.size === ids.length) {
      showError(`Could not assign ${plural(ids.length)}`, refused[0].error, deps.log);
      return undefined;
    }
    progress.report({ message: 'reading back what Chatwoot recorded…' });
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
async function reread(client: ChatwootClient, accountId: number, ids: readonly number[], choice: AssigneeChoice): Promise<{ read: Map<number, Conversation>; unreadable: number[] }> {
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
  const done = doneText(choice, ok);
  const problems: string[] = [];
  if (differ.length > 0) problems.push(`Chatwoot recorded something else for ${names(differ.map((c) => `#${c.id} (${assignmentSummary(c)})`))}`);
  if (unreadable.length > 0) problems.push(`could not read back ${names(unreadable.map((id) => `#${id}`))}`);
  for (const r of refused) problems.push(`not sent for ${names(r.ids.map((id) => `#${id}`))}: ${r.error instanceof Error ? r.error.message : String(r.error)}`);
  if (problems.length === 0) {
    log.info(`${plural(total)} ${done}`);
    showAssignmentNotification(`${plural(total)} ${done}`, false, undefined, entry);
    return;
  }
  const message = `${ok.length} of ${plural(total)} ${done}; ${problems.join('; ')}`;
  log.warn(message);
  showAssignmentNotification(message, true, undefined, entry);
}

/** "assigned to Bob Brown", with the name as recorded when the request only had an id. */
function doneText(choice: AssigneeChoice, ok: readonly Conversation[]): string {
  switch (choice.kind) {
    case 'agent':
      return `assigned to ${ok.map(humanAssignee).find((a) => a?.id === choice.agentId)?.available_name ?? choice.name}`;
    case 'team':
      return `assigned to team ${ok.find((c) => c.meta.team?.id === choice.teamId)?.meta.team?.name ?? choice.name}`;
    case 'unassign':
      return 'unassigned';
    case 'remove-team':
      return 'without a team now';
  }
}

function names(list: readonly string[]): string {
  return list.length <= NAMED ? list.join(', ') : `${list.slice(0, NAMED).join(', ')} and ${list.length - NAMED} more`;
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
