/**
 * Bulk-assigning 200 conversations of the Scale Test account: the extension's "Assign
 * Conversations…" (non-interactive form: `bulk_actions` in chunks of 100, then every conversation
 * re-read through `conversations/filter`, 25 per request, and checked) against 200 one-by-one assignment POSTs sent one after the other with the
 * same client (no re-read at all, so the baseline is the cheapest possible one-by-one).
 */
import type { FakeChatwoot } from '../../test/fake-chatwoot';
import type { Conversation } from '../../src/api';
import type { Host } from './host';
import { settle } from './flow';

export interface BulkFigures {
  count: number;
  bulkRequests: number;
  bulkPosts: number;
  bulkMs: number;
  bulkVerified: number;
  oneByOneRequests: number;
  oneByOneMs: number;
}

export async function measureBulk(host: Host, fake: FakeChatwoot, token: string, accountId: number, agents: [number, number], count = 200): Promise<BulkFigures> {
  const ids = Array.from({ length: count }, (_, i) => i + 1);
  await settle(fake);

  let mark = fake.requests.length;
  let start = Date.now();
  const reread = await host.run<Conversation[] | undefined>('chatwoot.assignConversations', { accountId, conversationIds: ids, assigneeId: agents[0] });
  const bulkMs = Date.now() - start;
  const during = fake.requests.slice(mark).filter((r) => r.at <= start + bulkMs);
  const verified = (reread ?? []).filter((c) => c.meta.assignee?.id === agents[0]).length;
  if (verified !== count) throw new Error(`bulk: ${verified} of ${count} conversations show the new assignee`);

  await settle(fake);
  const { ChatwootClient, createDispatcher } = host.api;
  const dispatcher = createDispatcher({ useEnvironmentProxy: false });
  const client = new ChatwootClient({ baseUrl: fake.url, token, dispatcher });
  try {
    mark = fake.requests.length;
    start = Date.now();
    for (const id of ids) await client.assign(accountId, id, { kind: 'agent', agentId: agents[1] });
    const oneByOneMs = Date.now() - start;
    return {
      count,
      bulkRequests: during.length,
      bulkPosts: during.filter((r) => r.method === 'POST' && r.path.endsWith('/bulk_actions')).length,
      bulkMs,
      bulkVerified: verified,
      oneByOneRequests: fake.requests.length - mark,
      oneByOneMs,
    };
  } finally {
    await dispatcher.close();
  }
}
