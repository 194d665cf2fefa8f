/**
 * Live updates, measured in a fresh process run with --expose-gc:
 * `node --expose-gc liveChild.js BUNDLE_DIR SERVER_URL TOKEN ACCOUNT_ID [--polling-ms N]`.
 * The shipped bundle runs with the stub `vscode` (host.ts) against the fake Chatwoot (loopback), the
 * "Scale Test" account's All group paged in completely (10,000+ conversations), and VS Code's part
 * played by a listener that asks the provider for the children of every expanded group each time
 * the tree says it changed (what VS Code does for visible nodes). Prints one JSON line (LiveSample).
 *
 * 1. Latency: a `/__fake/cable/broadcast` of a conversation's real push data (recorded by the fake
 *    for a real assignment, with another assignee and a slightly newer `updated_at`) → the first
 *    getChildren(All) whose row shows that assignee. 40 samples, 150 ms apart.
 * 2. Idle, live: requests over IDLE_MS, scaled to a minute.
 * 3. Burst: real assignments through the REST API (Alice's token, not the extension's client),
 *    paced so that about 1,000 cable events reach the extension in 10 s; events sent (the fake's
 *    event log) vs received (the live client), tree refreshes, heap growth, and the final tree
 *    compared with the server's records.
 * 4. Idle, polling: websocket upgrades refused (HTTP 404) and the socket dropped; requests over one
 *    poll period.
 */
import { performance } from 'node:perf_hooks';
import type { Conversation } from '../../src/api';
import type { LiveEvent } from '../../src/live';
import type { LiveStatus } from '../../src/sync/liveService';
import type { TreeNode } from '../../src/views';
import { startHost } from './host';
import { sleep } from './stats';

export interface LiveSample {
  conversationsLoaded: number;
  eventToTreeMs: number[];
  idleWindowMs: number;
  idleRequestsLive: number;
  burstAssignments: number;
  burstMs: number;
  burstEventsSent: number;
  burstEvents: number;
  burstTreeRefreshes: number;
  burstLostEvents: number;
  burstSettleMs: number;
  burstTreeMismatches: string[];
  burstHeapGrowthMb: number;
  pollingWindowMs: number;
  idleRequestsPolling: number;
  pollingRequests: string[];
  pollingStatus: string;
}

interface RawConversation {
  account_id: number;
  display_id: number;
  status: string;
  assignee_id: number | null;
  assignee_agent_bot_id: number | null;
  team_id: number | null;
  last_activity_at: number;
}

interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  authHeader: string | null;
}

const LATENCY_SAMPLES = 40;
const IDLE_MS = 20_000;
const BURST_TARGET_EVENTS = 1000;
const BURST_MS = 10_000;
/** Cable events Alice (an administrator) receives per assignment: assignee.changed, conversation.updated, the activity message.created. */
const EVENTS_PER_ASSIGNMENT = 3;
const CABLE_EVENTS = new Set([
  'assignee.changed',
  'team.changed',
  'conversation.updated',
  'conversation.status_changed',
  'conversation.created',
  'message.created',
  'message.updated',
]);

async function main(): Promise<void> {
  const [dir, url, token, accountArg] = process.argv.slice(2);
  const pollIndex = process.argv.indexOf('--polling-ms');
  const pollingWindowMs = pollIndex > 0 ? Number(process.argv[pollIndex + 1]) : 62_000;
  const accountId = Number(accountArg);
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  const heap = () => {
    gc();
    gc();
    return process.memoryUsage().heapUsed;
  };
  const control = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const res = await fetch(`${url}/__fake/${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return text ? (JSON.parse(text) as unknown) : null;
  };
  const rest = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    // The driver sends the token as `api_access_token` (Chatwoot accepts both spellings), the
    // extension as `Api-Access-Token`: the request log tells them apart.
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', api_access_token: token },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status}`);
    return res.json();
  };
  /** The extension's requests since the log was last cleared. */
  const requestsSince = async (): Promise<RecordedRequest[]> => ((await control('GET', 'requests')) as RecordedRequest[]).filter((r) => r.authHeader !== 'api_access_token');

  await control('POST', 'config', { latency_ms: 0 });
  const host = await startHost(dir, url, token);
  const provider = host.ext.view.treeDataProvider;
  const account = (await provider.getChildren()).find((n) => n.kind === 'account' && n.accountId === accountId);
  if (!account) throw new Error(`account ${accountId} is not in the tree`);
  const groups = await provider.getChildren(account);
  const group = (kind: string) => {
    const g = groups.find((n) => n.kind === 'group' && n.group === kind);
    if (!g) throw new Error(`no ${kind} group`);
    return g;
  };
  const all = group('all');
  const expanded = [group('mine'), group('unassigned'), all];
  for (const g of expanded) await provider.getChildren(g);
  let children: TreeNode[] = await provider.getChildren(all);
  for (;;) {
    const last = children[children.length - 1];
    if (last?.kind !== 'loadMore') break;
    await host.editor.execute('chatwoot.loadMore', last);
    children = await provider.getChildren(all);
  }
  const conversationsLoaded = children.filter((n) => n.kind === 'conversation').length;

  // "VS Code": re-read the expanded groups whenever the tree reports a change.
  let onTree: (() => void) | undefined;
  let latestAll: TreeNode[] = children;
  let reading = false;
  let again = false;
  const readTree = async () => {
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    do {
      again = false;
      for (const g of expanded) {
        const got = await provider.getChildren(g);
        if (g === all) latestAll = got;
      }
      onTree?.();
    } while (again);
    reading = false;
  };
  provider.onDidChangeTreeData(() => void readTree());

  // A function, so that TypeScript does not narrow the status across awaits.
  const status = (): LiveStatus => host.ext.live.status;
  const until = Date.now() + 15_000;
  while (status().kind !== 'live') {
    if (Date.now() > until) throw new Error(`live updates did not connect: ${JSON.stringify(status())}`);
    await sleep(50);
  }
  await host.ext.store.idle();
  // The live client, for counting the events it delivers (a private field of LiveService).
  const client = (host.ext.live as unknown as { client?: { onEvent(l: (e: LiveEvent) => void): { dispose(): void } } }).client;
  if (!client) throw new Error('no live client');
  let received = 0;
  client.onEvent((e) => {
    if (CABLE_EVENTS.has(e.name)) received++;
  });

  // ── 1. latency ─────────────────────────────────────────────────────────────
  const rows = () => latestAll.flatMap((n) => (n.kind === 'conversation' ? [n.conversation] : []));
  const target = rows()[3];
  const agents = (await rest('GET', `/api/v1/accounts/${accountId}/agents`)) as Array<{ id: number; name: string; available_name: string; role: string }>;
  const pool = agents.filter((a) => a.role === 'agent').slice(0, 40);
  await control('DELETE', 'events');
  await rest('POST', `/api/v1/accounts/${accountId}/conversations/${target.id}/assignments`, { assignee_id: pool[0].id });
  const recorded = async () =>
    (await control('GET', 'events')) as Array<{ event: string; account_id: number; data: { id: number; updated_at: number; meta: Record<string, unknown> } }>;
  let base: { id: number; updated_at: number; meta: Record<string, unknown> } | undefined;
  for (let i = 0; i < 100 && !base; i++) {
    base = (await recorded()).find((r) => r.event === 'assignee.changed' && r.data.id === target.id)?.data;
    if (!base) await sleep(20);
  }
  if (!base) throw new Error('no assignee.changed recorded for the latency target');
  const shows = (agentId: number) => rows().find((c) => c.id === target.id)?.meta.assignee?.id === agentId;
  while (!shows(pool[0].id)) await sleep(20);
  await sleep(300);
  const latencies: number[] = [];
  for (let i = 0; i < LATENCY_SAMPLES; i++) {
    const agent = pool[1 + (i % 2)];
    const data = {
      ...base,
      updated_at: base.updated_at + (i + 1) / 1000,
      meta: {
        ...base.meta,
        assignee: { id: agent.id, name: agent.name, available_name: agent.available_name, avatar_url: '', type: 'user', availability_status: null, thumbnail: '' },
      },
      account_id: accountId,
    };
    const reflected = new Promise<number>((resolve) => {
      onTree = () => {
        if (shows(agent.id)) resolve(performance.now());
      };
    });
    const t0 = performance.now();
    await control('POST', 'cable/broadcast', { user_id: 1, event: 'assignee.changed', data });
    const t1 = await Promise.race([reflected, sleep(5000).then(() => NaN)]);
    onTree = undefined;
    if (Number.isNaN(t1)) throw new Error(`sample ${i}: the tree never showed the pushed assignee`);
    latencies.push(t1 - t0);
    await sleep(150);
  }
  // A real change for the target (its events are newer than the broadcast ones), so that the tree
  // agrees with the server again.
  await rest('POST', `/api/v1/accounts/${accountId}/conversations/${target.id}/assignments`, { assignee_id: pool[3].id });
  await sleep(300);
  await host.ext.store.idle();

  // ── 2. idle, live ──────────────────────────────────────────────────────────
  await control('DELETE', 'requests');
  await sleep(IDLE_MS);
  const idleRequestsLive = (await requestsSince()).length;

  // ── 3. burst ───────────────────────────────────────────────────────────────
  const candidates = rows().filter((c) => c.id !== target.id);
  const assignments = Math.ceil(BURST_TARGET_EVENTS / EVENTS_PER_ASSIGNMENT);
  const picked: Conversation[] = [];
  for (let i = 0; i < assignments; i++) picked.push(candidates[(i * 29) % candidates.length]);
  const me = host.ext.store.knownProfile?.id;
  const heapBefore = heap();
  await control('DELETE', 'events');
  await control('DELETE', 'requests');
  received = 0;
  const refreshesBefore = host.ext.view.refreshCount;
  const burstStart = performance.now();
  const gap = BURST_MS / assignments;
  const posts: Array<Promise<unknown>> = [];
  for (let i = 0; i < assignments; i++) {
    const due = burstStart + i * gap;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const c = picked[i];
    // Always a change (so each assignment makes its three events): an assigned conversation is
    // unassigned or given to another agent, an unassigned one gets an agent (or Alice: Mine moves too).
    const current = c.meta.assignee_type === 'User' ? c.meta.assignee?.id : undefined;
    const agent = pool.find((a, k) => k >= i % pool.length && a.id !== current) ?? pool.find((a) => a.id !== current)!;
    const body = current === undefined ? { assignee_id: i % 5 === 0 ? me : agent.id } : i % 2 === 0 ? { assignee_id: null } : { assignee_id: agent.id };
    posts.push(rest('POST', `/api/v1/accounts/${accountId}/conversations/${c.id}/assignments`, body));
  }
  await Promise.all(posts);
  const burstMs = performance.now() - burstStart;
  await control('POST', 'jobs/drain');
  const sent = (await recorded()).filter((r) => r.account_id === accountId && CABLE_EVENTS.has(r.event)).length;
  const settleStart = performance.now();
  while (received < sent && performance.now() - settleStart < 10_000) await sleep(20);
  await sleep(300);
  await host.ext.store.idle();
  while (reading) await sleep(20);
  const burstSettleMs = performance.now() - settleStart;
  const burstTreeRefreshes = host.ext.view.refreshCount - refreshesBefore;
  const heapAfter = heap();

  // The final tree against the server's records.
  const raw = ((await control('GET', 'state/conversations')) as RawConversation[]).filter((r) => r.account_id === accountId);
  const byId = new Map(raw.map((r) => [r.display_id, r]));
  const mismatches: string[] = [];
  const treeAll = rows();
  const open = raw.filter((r) => r.status === 'open');
  if (treeAll.length !== open.length) mismatches.push(`All has ${treeAll.length} rows, the server ${open.length} open conversations`);
  for (const [i, c] of treeAll.entries()) {
    const r = byId.get(c.id);
    const assignee = c.meta.assignee_type === 'User' ? (c.meta.assignee?.id ?? null) : null;
    if (!r) mismatches.push(`#${c.id} unknown to the server`);
    else if (r.status !== c.status || r.assignee_id !== assignee || (r.team_id ?? null) !== (c.meta.team?.id ?? null) || r.last_activity_at !== c.last_activity_at) {
      mismatches.push(
        `#${c.id}: tree ${c.status}/${assignee}/${c.meta.team?.id ?? null}/${c.last_activity_at}, server ${r.status}/${r.assignee_id}/${r.team_id}/${r.last_activity_at}`,
      );
    }
    if (i > 0 && treeAll[i - 1].last_activity_at < c.last_activity_at) mismatches.push(`All out of order at #${c.id}`);
  }
  for (const [kind, test] of [
    ['mine', (r: RawConversation) => r.assignee_id === me],
    ['unassigned', (r: RawConversation) => r.assignee_id === null],
  ] as const) {
    const shown = (await provider.getChildren(group(kind))).flatMap((n) => (n.kind === 'conversation' ? [n.conversation.id] : []));
    for (const id of shown) if (!test(byId.get(id)!) || byId.get(id)?.status !== 'open') mismatches.push(`#${id} should not be in ${kind}`);
  }
  const counts = (await rest('GET', `/api/v1/accounts/${accountId}/conversations/meta?status=open`)) as { meta: Record<string, number> };
  const held = host.ext.store.counts(accountId);
  for (const key of ['mine_count', 'unassigned_count', 'all_count', 'assigned_count'] as const) {
    if (held?.[key] !== counts.meta[key]) mismatches.push(`${key}: tree ${held?.[key]}, server ${counts.meta[key]}`);
  }

  // ── 4. idle, polling ─────────────────────────────────────────────────────
  await control('POST', 'cable/refuse', { status: 404 });
  await control('POST', 'cable/drop', { user_id: 1, disconnect_frame: false });
  const pollUntil = Date.now() + 15_000;
  while (!(status().kind === 'polling' && /HTTP 404/.test(JSON.stringify(status())))) {
    if (Date.now() > pollUntil) throw new Error(`not polling: ${JSON.stringify(status())}`);
    await sleep(50);
  }
  await host.ext.store.idle();
  await control('DELETE', 'requests');
  await sleep(pollingWindowMs);
  const polled = await requestsSince();

  const sample: LiveSample = {
    conversationsLoaded,
    eventToTreeMs: latencies,
    idleWindowMs: IDLE_MS,
    idleRequestsLive,
    burstAssignments: assignments,
    burstMs,
    burstEventsSent: sent,
    burstEvents: received,
    burstTreeRefreshes,
    burstLostEvents: Math.max(0, sent - received),
    burstSettleMs,
    burstTreeMismatches: mismatches.slice(0, 20),
    burstHeapGrowthMb: (heapAfter - heapBefore) / 2 ** 20,
    pollingWindowMs,
    idleRequestsPolling: polled.length,
    pollingRequests: polled.map((r) => `${r.method} ${r.path}${r.query.assignee_type ? ` ${r.query.assignee_type}` : ''}`),
    pollingStatus: status().kind,
  };
  process.stdout.write(`${JSON.stringify(sample)}\n`);
  host.dispose();
  process.exit(0);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
