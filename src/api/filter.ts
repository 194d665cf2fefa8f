/**
 * Reading many conversations by display id with `POST …/conversations/filter` (API-FACTS-LIVE §6):
 * one `display_id equal_to [ids]` condition, 25 results per page, every status. The POST only
 * reads, so it is marked idempotent (retried like a GET, never "maybe processed").
 *
 * Ids go 25 per request: each answer then fits one page, so a conversation that moves up in
 * `last_activity_at` order between two pages cannot be skipped or repeated. Should a server page
 * smaller than that, the remaining pages of the same request are read too.
 * Ids that do not come back are reported as `missing`: deleted, in another account, or not
 * visible to the caller (agents only see conversations of their own inboxes here, not of teams).
 */
import * as z from 'zod';
import { requireId } from './assignment';
import type { CallOptions, Transport } from './http';
import { account, accountResource } from './paths';
import { Conversation } from './schemas';

/** The filter view renders no `assigned_count` and no `data` wrapper. */
export const FilterResponse = z.object({
  meta: z.object({ mine_count: z.number().int(), unassigned_count: z.number().int(), all_count: z.number().int() }),
  payload: z.array(Conversation),
});

/** Kaminari's default page, which `conversations/filter` uses. */
export const FILTER_PAGE_SIZE = 25;
/** Never page forever on a server that keeps answering. */
const MAX_PAGES_PER_CHUNK = 50;

export interface ConversationsById {
  /** In the order the ids were asked for (duplicates once). */
  conversations: Conversation[];
  /** Asked-for ids Chatwoot did not return. */
  missing: number[];
}

/** The exact body: the last (here only) condition's `query_operator` must be null, or Chatwoot fails with 500. */
export function displayIdFilterBody(displayIds: readonly number[]) {
  return { payload: [{ attribute_key: 'display_id', filter_operator: 'equal_to', values: [...displayIds], query_operator: null }] };
}

export async function getConversationsByIds(http: Transport, accountId: number, displayIds: readonly number[], opts?: CallOptions): Promise<ConversationsById> {
  const wanted = [...new Set(displayIds.map((i) => requireId(i, 'conversation id')))];
  const found = new Map<number, Conversation>();
  const path = `${account(accountId)}/conversations/filter`;
  for (let start = 0; start < wanted.length; start += FILTER_PAGE_SIZE) {
    const body = displayIdFilterBody(wanted.slice(start, start + FILTER_PAGE_SIZE));
    let seen = 0;
    for (let page = 1; page <= MAX_PAGES_PER_CHUNK; page += 1) {
      // An aborted signal makes the next call fail as `cancelled` before anything is sent.
      const answer = await http.call('POST', path, { schema: FilterResponse }, { ...opts, query: { page }, body, idempotent: true, resource: accountResource(accountId) });
      for (const c of answer.payload) found.set(c.id, c);
      seen += answer.payload.length;
      if (answer.payload.length === 0 || seen >= answer.meta.all_count) break;
    }
  }
  const conversations = wanted.map((i) => found.get(i)).filter((c): c is Conversation => c !== undefined);
  return { conversations, missing: wanted.filter((i) => !found.has(i)) };
}
