/**
 * Property: whatever a server sends with a 2xx, the parsing layer either returns a valid value or
 * throws a ChatwootError of kind `invalid-response` — never anything else, never a hang. Inputs are
 * the fake Chatwoot's real answers (profile, conversation lists and shows, counts, agents, teams,
 * inboxes, labels, assignable agents, all four assignment answers), mutated; then random JSON and
 * random bytes. Directly through `parseResponseBody`, then through the real client over loopback.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type * as z from 'zod';
import { ChatwootClient, ChatwootError, createDispatcher } from '../../../src/api';
import { parseResponseBody } from '../../../src/api/parse';
import * as S from '../../../src/api/schemas';
import { describeError } from '../../../src/ui/errorText';
import { SEED_TOKENS, startFakeChatwoot } from '../../fake-chatwoot';
import { rawServer, type RawServer } from '../helpers/rawServer';
import { mutate, mutateText, mutation, textMutation, type Json } from './mutate';
import { assignAgent, assignTeam, listLabels, removeTeam, unassign } from '../../support/clientExtras';

/** Run counts, cited in the closing note of issue 4. */
export const RUNS = { structural: 10_000, textual: 5_000, randomJson: 3_000, randomBytes: 3_000, loopback: 1_000 } as const;

interface Sample {
  name: string;
  schema: z.ZodType<unknown>;
  text: string;
  /** The client call that parses this answer (loopback part). */
  call: (client: ChatwootClient) => Promise<unknown>;
}

const CTX = { status: 200, request: 'GET /api/v1/x', host: '127.0.0.1:1', idempotent: true };

/** Records how each body ended; fails on anything but a value or an invalid-response ChatwootError. */
class Outcomes {
  parsed = 0;
  invalid = 0;
  check(run: () => unknown, schema: z.ZodType<unknown>): void {
    let value: unknown;
    try {
      value = run();
    } catch (e) {
      this.failure(e);
      return;
    }
    assert.ok(schema.safeParse(value).success, 'a returned value is valid');
    this.parsed += 1;
  }
  failure(e: unknown): void {
    assert.ok(e instanceof ChatwootError, `not a ChatwootError: ${String(e)}`);
    assert.equal(e.kind, 'invalid-response', e.message);
    assert.ok(e.message.length > 0 && e.message.length < 1_000, `message length ${e.message.length}`);
    const seen = describeError(e);
    assert.ok(seen.message.startsWith(e.message));
    this.invalid += 1;
  }
  toString(): string {
    return `${this.parsed} parsed, ${this.invalid} invalid-response, 0 other`;
  }
}

describe('property: the parsing layer is total', function () {
  this.timeout(30_000);
  const samples: Sample[] = [];
  const summary: string[] = [];

  before(async () => {
    const fake = await startFakeChatwoot();
    const get = async (path: string, init?: { method: string; body: unknown }) => {
      const res = await fetch(fake.url + path, {
        method: init?.method ?? 'GET',
        headers: { 'api-access-token': SEED_TOKENS.alice, accept: 'application/json', 'content-type': 'application/json' },
        body: init ? JSON.stringify(init.body) : undefined,
      });
      assert.equal(res.status, 200, path);
      return res.text();
    };
    const post = (body: unknown) => get('/api/v1/accounts/1/conversations/21/assignments', { method: 'POST', body });
    const A = '/api/v1/accounts/1';
    try {
      const add = (name: string, schema: z.ZodType<unknown>, text: string, call: Sample['call']) => samples.push({ name, schema, text, call });
      add('profile', S.Profile, await get('/api/v1/profile'), (c) => c.getProfile());
      add('conversation list', S.ConversationListResponse, await get(`${A}/conversations?status=all`), (c) => c.listConversations(1));
      add('conversation counts', S.ConversationMetaResponse, await get(`${A}/conversations/meta`), (c) => c.getConversationCounts(1));
      add('conversation', S.Conversation, await get(`${A}/conversations/21`), (c) => c.getConversation(1, 21));
      add('agents', S.AgentList, await get(`${A}/agents`), (c) => c.listAgents(1));
      add('teams', S.TeamList, await get(`${A}/teams`), (c) => c.listTeams(1));
      add('inboxes', S.InboxPayload, await get(`${A}/inboxes`), (c) => c.listInboxes(1));
      add('labels', S.LabelPayload, await get(`${A}/labels`), (c) => listLabels(c, 1));
      add('assignable agents', S.AgentPayload, await get(`${A}/assignable_agents?inbox_ids[]=1`), (c) => c.listAssignableAgents(1, [1]));
      add('assign agent', S.AgentAssignmentResponse, await post({ assignee_id: 2 }), (c) => assignAgent(c, 1, 21, 2));
      add('unassign', S.AgentAssignmentResponse, await post({ assignee_id: null }), (c) => unassign(c, 1, 21));
      add('assign team', S.TeamAssignmentResponse, await post({ team_id: 1 }), (c) => assignTeam(c, 1, 21, 1));
      add('remove team', S.TeamAssignmentResponse, await post({ team_id: null }), (c) => removeTeam(c, 1, 21));
      // A conversation whose assignee is a bot, and one with a team, for the union branches.
      add('conversation (team)', S.Conversation, await get(`${A}/conversations/16`), (c) => c.getConversation(1, 16));
    } finally {
      await fake.close();
    }
    // Every sample parses as it is: the mutations start from valid answers.
    for (const s of samples) assert.ok(s.schema.safeParse(JSON.parse(s.text)).success, s.name);
  });

  after(() => {
    for (const line of summary) console.log(`      fuzz: ${line}`);
  });

  /** A sample's index (fast-check reports indexes, not the samples). */
  const sample = () => fc.nat();
  const pick = (i: number) => samples[i % samples.length];

  it(`structural mutations of real answers (drop, retype, null, huge values, odd keys): ${RUNS.structural} runs`, () => {
    const outcomes = new Outcomes();
    fc.assert(
      fc.property(sample(), fc.array(mutation, { minLength: 1, maxLength: 3 }), (i, mutations) => {
        const s = pick(i);
        const body = JSON.stringify(mutate(JSON.parse(s.text) as Json, mutations));
        outcomes.check(() => parseResponseBody(body ?? '', s.schema, CTX), s.schema);
      }),
      { numRuns: RUNS.structural },
    );
    summary.push(`structural: ${RUNS.structural} runs, ${outcomes.toString()}`);
    assert.ok(outcomes.parsed > 0 && outcomes.invalid > 0, 'both outcomes were exercised');
  });

  it(`textual mutations (truncation, spliced bytes, stray characters): ${RUNS.textual} runs`, () => {
    const outcomes = new Outcomes();
    fc.assert(
      fc.property(sample(), textMutation, (i, m) => {
        const s = pick(i);
        outcomes.check(() => parseResponseBody(mutateText(s.text, m), s.schema, CTX), s.schema);
      }),
      { numRuns: RUNS.textual },
    );
    summary.push(`textual: ${RUNS.textual} runs, ${outcomes.toString()}`);
  });

  it(`random JSON for every schema: ${RUNS.randomJson} runs`, () => {
    const outcomes = new Outcomes();
    fc.assert(
      fc.property(sample(), fc.json({ maxDepth: 6 }), (i, text) => outcomes.check(() => parseResponseBody(text, pick(i).schema, CTX), pick(i).schema)),
      { numRuns: RUNS.randomJson },
    );
    summary.push(`random JSON: ${RUNS.randomJson} runs, ${outcomes.toString()}`);
  });

  it(`random bytes for every schema: ${RUNS.randomBytes} runs`, () => {
    const outcomes = new Outcomes();
    fc.assert(
      fc.property(sample(), fc.uint8Array({ maxLength: 2_048 }), (i, bytes) => outcomes.check(() => parseResponseBody(bytes, pick(i).schema, CTX), pick(i).schema)),
      { numRuns: RUNS.randomBytes },
    );
    summary.push(`random bytes: ${RUNS.randomBytes} runs, ${outcomes.toString()}`);
  });

  it(`through the real client over loopback (mutated answers as raw bytes): ${RUNS.loopback} runs`, async () => {
    let body: Uint8Array = new Uint8Array();
    let server: RawServer | undefined;
    const dispatcher = createDispatcher({ keepAliveTimeoutMs: 1_000, maxRetries: 0, useEnvironmentProxy: false, headersTimeoutMs: 2_000, bodyTimeoutMs: 2_000 });
    try {
      server = await rawServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(body.length) });
        res.end(body);
      });
      const client = new ChatwootClient({ baseUrl: server.url, token: 'tok', dispatcher, timeoutMs: 3_000 });
      let parsed = 0;
      let invalid = 0;
      const outcomes = new Outcomes();
      await fc.assert(
        fc.asyncProperty(
          sample(),
          fc.oneof(
            fc.array(mutation, { minLength: 1, maxLength: 3 }).map((ms) => ({ ms })),
            textMutation.map((tm) => ({ tm })),
          ),
          async (i, m) => {
            const s = pick(i);
            body = 'ms' in m ? Buffer.from(JSON.stringify(mutate(JSON.parse(s.text) as Json, m.ms)) ?? '', 'utf8') : mutateText(s.text, m.tm);
            try {
              await s.call(client);
              parsed += 1;
            } catch (e) {
              outcomes.failure(e);
              invalid += 1;
            }
          },
        ),
        { numRuns: RUNS.loopback },
      );
      summary.push(`loopback client: ${RUNS.loopback} runs, ${parsed} parsed, ${invalid} invalid-response, 0 other`);
    } finally {
      await dispatcher.close();
      await server?.close();
    }
  });
});
