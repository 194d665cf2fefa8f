/**
 * `npm run bench` (compiled by tsc, run as `node out/scripts/bench/index.js [--json] [--runs N]`):
 * the speed and scale figures of docs/benchmarks.md, measured on this machine against the fake
 * Chatwoot (loopback, 127.0.0.1, ephemeral ports). Builds the bundles it measures itself (into a
 * temporary directory, like `npm run package` does), so it works on a clean clone after `npm ci`.
 * With `--json` the last line is one JSON object with the figures (see `Figures`).
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { SCALE_ACCOUNT_ID, SCALE_FIRST_AGENT_ID, SEED_TOKENS, startFakeChatwoot } from '../../test/fake-chatwoot';
import { measureActivation } from './activation';
import { buildBundles } from './build';
import { measureBulk } from './bulkBench';
import { describeRequests, LATENCY_MS, measureFlows, measureScaleFlow } from './flowBench';
import { startHost } from './host';
import type { HeapSample } from './heapChild';
import type { LiveSample } from './liveChild';
import { kb, percentile, ratio, round } from './stats';

export interface Figures {
  activationBundleBytes: number;
  lazyBundleBytes: number;
  activateMs: number;
  eagerActivateMs: number;
  criticalPathRoundTrips: number;
  naiveCriticalPathRoundTrips: number;
  teamCriticalPathRoundTrips: number;
  flowMsAt150msLatency: number;
  naiveFlowMsAt150msLatency: number;
  heapGrowthMbFor10kConversations: number;
  bulk200Requests: number;
  bulk200Ms: number;
  oneByOne200Ms: number;
  /** Server broadcast → the tree provider's children show it (loopback, 10,000 conversations loaded). */
  eventToTreeMsP50: number;
  eventToTreeMsP95: number;
  /** Requests a live window sends at rest (measured over 20 s, × 3). */
  idleRequestsPerMinuteLive: number;
  /** Requests a polling window (websocket refused) sends at rest, over one poll period of 60 s. */
  idleRequestsPerMinutePolling: number;
  /** Cable events received during the burst (≈1,000 in 10 s). */
  burstEvents: number;
  burstTreeRefreshes: number;
  burstLostEvents: number;
  /** True when the tree, after the burst, shows exactly the server's records and counts. */
  burstTreeEqualsServer: boolean;
  burstHeapGrowthMb: number;
}

/** Seeded so that 10,002 conversations are open (the tree lists open ones; 7 in 10 of the seed are). */
const SCALE_CONVERSATIONS = 14_286;
const SCALE_AGENTS = 500;

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const value = i > 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

function liveChild(bundleDir: string, url: string): Promise<LiveSample> {
  const script = path.join(__dirname, 'liveChild.js');
  return new Promise((resolve, reject) =>
    execFile(process.execPath, ['--expose-gc', script, bundleDir, url, SEED_TOKENS.alice, String(SCALE_ACCOUNT_ID)], { maxBuffer: 1 << 22 }, (error, stdout, stderr) =>
      error ? reject(new Error(`live measurement failed: ${stderr || error.message}`)) : resolve(JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as LiveSample),
    ),
  );
}

function heapChild(bundleDir: string, url: string): Promise<HeapSample> {
  const script = path.join(__dirname, 'heapChild.js');
  return new Promise((resolve, reject) =>
    execFile(process.execPath, ['--expose-gc', script, bundleDir, url, SEED_TOKENS.alice, String(SCALE_ACCOUNT_ID)], { maxBuffer: 1 << 20 }, (error, stdout, stderr) =>
      error ? reject(new Error(`heap measurement failed: ${stderr || error.message}`)) : resolve(JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as HeapSample),
    ),
  );
}

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const runs = option('--runs', 25);
  const flowRuns = option('--flow-runs', 3);
  const say = (line = '') => console.log(line);
  const started = Date.now();

  say(`Chatwoot Assign benchmark — Node ${process.version}, ${process.platform}/${process.arch}`);
  say('Building the production bundles (shipped layout and, for comparison, eager)…');
  const bundles = buildBundles();
  try {
    say();
    say('1. Bundles and activation');
    say(`   activation bundle (extension.js)   ${kb(bundles.activationBytes)}`);
    say(
      `   lazy parts: api.js ${kb(bundles.apiBytes)} (first request), assign.js ${kb(bundles.assignBytes)} (first assign command), conversation.js ${kb(bundles.conversationBytes)} (first conversation tab)`,
    );
    say(`   eager bundle (all inlined)         ${kb(bundles.eagerBytes)}`);
    const act = measureActivation(bundles, runs);
    say(`   require + activate(), median of ${act.runs} fresh processes each:`);
    say(`     shipped ${round(act.activateMs)} ms (require ${round(act.requireMs)} ms), loads ${act.loadedFiles.join(', ')} = ${kb(act.loadedBytes)}`);
    say(`     eager   ${round(act.eagerActivateMs)} ms (require ${round(act.eagerRequireMs)} ms), loads ${kb(act.eagerLoadedBytes)}`);
    say(`     eager / shipped = ${ratio(act.eagerActivateMs, act.activateMs)}`);

    say();
    say(`2. Assign Conversation flow at ${LATENCY_MS} ms injected latency (scripted user, no think time; median of ${flowRuns})`);
    const flows = await measureFlows(bundles.lazyDir, flowRuns);
    const steps = (r: (typeof flows.cold)[number]) => r.steps.map((s) => `${s.step} ${s.ms} ms`).join(', ');
    say(`   extension, cold (just activated): ${round(flows.coldMs, 0)} ms to the notification; pickers filled: ${steps(flows.cold[0])}`);
    say(`   extension, warm (same session):   ${round(flows.warmMs, 0)} ms; pickers filled: ${steps(flows.warm[0])}`);
    say(
      `   naive sequential flow:            ${round(flows.naiveMs, 0)} ms  (naive / cold = ${ratio(flows.naiveMs, flows.coldMs)}, naive / warm = ${ratio(flows.naiveMs, flows.warmMs)})`,
    );
    const worst = [...flows.cold, ...flows.warm].reduce((a, b) => (b.afterLastPick.length > a.afterLastPick.length ? b : a));
    say(
      `   requests after the last pick, before the notification: extension ${flows.roundTrips} (${describeRequests(flows.cold[0].afterLastPick).join('; ')}; most in the window in any run: ${describeRequests(worst.afterLastPick).join('; ')}, background ones not waited for)`,
    );
    say(`                                                            naive ${flows.naiveRoundTrips} (${describeRequests(flows.naive[0].afterLastPick).join('; ')})`);
    say(`   requests of a cold flow: ${flows.cold[0].all.length} (${describeRequests(flows.cold[0].all).join('; ')})`);
    say(
      `   requests after the last pick, agent (conclusive answer): ${flows.roundTrips}; team that may move the agent: ${flows.teamRoundTrips} (${describeRequests(flows.team.afterLastPick).join('; ')})`,
    );
    say(
      `   team with auto-assignment: one notification "${flows.team.messages[0]}" after ${flows.team.ms} ms${flows.team.messages.length > 1 ? ` (and ${flows.team.messages.length - 1} more: a bug)` : ''} (done at ${flows.team.doneMs} ms)`,
    );

    say();
    say(`3. Scale: ${SCALE_CONVERSATIONS.toLocaleString('en')} conversations, ${SCALE_AGENTS} agents (fake "Scale Test" account)`);
    const fake = await startFakeChatwoot({ large: { conversations: SCALE_CONVERSATIONS, agents: SCALE_AGENTS } });
    try {
      const heap = await heapChild(bundles.lazyDir, fake.url);
      const lists = fake.requests.filter((r) => r.path === `/api/v1/accounts/${SCALE_ACCOUNT_ID}/conversations` && r.query.assignee_type === undefined);
      say(
        `   tree, All group: ${heap.conversations.toLocaleString('en')} conversations in ${heap.pages} pages, ${lists.length} list requests (one per page), ${round(heap.ms, 0)} ms in all, slowest page ${round(heap.slowestPageMs, 1)} ms`,
      );
      say(`   heap growth after paging through them (gc'd, node --expose-gc): ${round(heap.heapGrowthMb, 1)} MB (baseline ${round(heap.baselineMb, 1)} MB)`);

      await fetch(`${fake.url}/__fake/config`, { method: 'POST', body: JSON.stringify({ latency_ms: LATENCY_MS }) });
      const scale = await measureScaleFlow(bundles.lazyDir, fake, SCALE_AGENTS);
      say(`   assignee step with ${scale.agents} agents filled in ${scale.coldAssigneeStepMs} ms cold, ${scale.warmAssigneeStepMs} ms warm (${LATENCY_MS} ms latency)`);

      say();
      say(`4. Bulk assignment of 200 conversations at ${LATENCY_MS} ms latency`);
      fake.reset();
      await fetch(`${fake.url}/__fake/config`, { method: 'POST', body: JSON.stringify({ latency_ms: LATENCY_MS }) });
      const host = await startHost(bundles.lazyDir, fake.url, SEED_TOKENS.alice);
      const bulk = await measureBulk(host, fake, SEED_TOKENS.alice, SCALE_ACCOUNT_ID, [SCALE_FIRST_AGENT_ID + 1, SCALE_FIRST_AGENT_ID + 2]).finally(() => host.dispose());
      say(
        `   Assign Conversations…: ${bulk.bulkRequests} requests (${bulk.bulkPosts} bulk_actions + ${bulk.bulkRequests - bulk.bulkPosts} re-reads through conversations/filter), ${bulk.bulkMs} ms, ${bulk.bulkVerified} verified`,
      );
      say(`   one-by-one POSTs:      ${bulk.oneByOneRequests} requests, ${bulk.oneByOneMs} ms  (one-by-one / bulk = ${ratio(bulk.oneByOneMs, bulk.bulkMs)})`);

      say();
      say(`5. Live updates (${SCALE_CONVERSATIONS.toLocaleString('en')} conversations, the All group paged in completely; loopback)`);
      fake.reset();
      const live = await liveChild(bundles.lazyDir, fake.url);
      const p50 = percentile(live.eventToTreeMs, 50);
      const p95 = percentile(live.eventToTreeMs, 95);
      const perMinuteLive = (live.idleRequestsLive * 60_000) / live.idleWindowMs;
      const perMinutePolling = (live.idleRequestsPolling * 60_000) / Math.max(60_000, live.pollingWindowMs - 2_000);
      say(`   ${live.conversationsLoaded.toLocaleString('en')} conversations in the tree`);
      say(
        `   broadcast → tree shows it: p50 ${round(p50, 1)} ms, p95 ${round(p95, 1)} ms, max ${round(Math.max(...live.eventToTreeMs), 1)} ms (${live.eventToTreeMs.length} samples)`,
      );
      say(`   idle, live:    ${live.idleRequestsLive} requests in ${live.idleWindowMs / 1000} s → ${round(perMinuteLive, 1)} per minute`);
      say(`   idle, polling: ${live.idleRequestsPolling} requests in ${live.pollingWindowMs / 1000} s (one 60 s poll period; ${live.pollingRequests.join('; ') || 'none'})`);
      say(
        `   burst: ${live.burstAssignments} assignments in ${round(live.burstMs / 1000, 1)} s → ${live.burstEventsSent} events sent, ${live.burstEvents} received, ${live.burstLostEvents} lost; ${live.burstTreeRefreshes} tree refreshes; settled ${round(live.burstSettleMs, 0)} ms after the last`,
      );
      say(
        `   after the burst the tree ${live.burstTreeMismatches.length === 0 ? 'equals the server (rows, assignees, teams, order, counts)' : `differs from the server: ${live.burstTreeMismatches.join('; ')}`}`,
      );
      say(`   heap growth over the burst (gc'd): ${round(live.burstHeapGrowthMb, 1)} MB`);

      const figures: Figures = {
        activationBundleBytes: bundles.activationBytes,
        lazyBundleBytes: bundles.lazyBytes,
        activateMs: round(act.activateMs),
        eagerActivateMs: round(act.eagerActivateMs),
        criticalPathRoundTrips: flows.roundTrips,
        naiveCriticalPathRoundTrips: flows.naiveRoundTrips,
        teamCriticalPathRoundTrips: flows.teamRoundTrips,
        flowMsAt150msLatency: round(flows.coldMs, 0),
        naiveFlowMsAt150msLatency: round(flows.naiveMs, 0),
        heapGrowthMbFor10kConversations: round(heap.heapGrowthMb, 1),
        bulk200Requests: bulk.bulkRequests,
        bulk200Ms: bulk.bulkMs,
        oneByOne200Ms: bulk.oneByOneMs,
        eventToTreeMsP50: round(p50, 1),
        eventToTreeMsP95: round(p95, 1),
        idleRequestsPerMinuteLive: round(perMinuteLive, 1),
        idleRequestsPerMinutePolling: round(perMinutePolling, 1),
        burstEvents: live.burstEvents,
        burstTreeRefreshes: live.burstTreeRefreshes,
        burstLostEvents: live.burstLostEvents,
        burstTreeEqualsServer: live.burstTreeMismatches.length === 0,
        burstHeapGrowthMb: round(live.burstHeapGrowthMb, 1),
      };
      say();
      say(`Done in ${round((Date.now() - started) / 1000, 1)} s.`);
      if (json) console.log(JSON.stringify(figures));
    } finally {
      await fake.close();
    }
  } finally {
    bundles.dispose();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
