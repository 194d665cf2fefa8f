/**
 * The assign-flow figures at 150 ms injected latency: the extension cold (just activated, nothing
 * cached: the command is what activated it), warm (the same session, second flow), the naive
 * sequential flow, the team case (the window's progress runs until the re-read, then one
 * notification), and the assignee step of an account with 500 agents.
 */
import { SEED_TOKENS, startFakeChatwoot, type FakeChatwoot } from '../../test/fake-chatwoot';
import { describeRequests, isBackground, runNaiveFlow, runOurFlow, settle, type FlowPlan, type FlowRun } from './flow';
import { startHost, type Host } from './host';
import { median } from './stats';

export const LATENCY_MS = 150;

export interface FlowFigures {
  runs: number;
  cold: FlowRun[];
  warm: FlowRun[];
  naive: FlowRun[];
  team: FlowRun;
  coldMs: number;
  warmMs: number;
  naiveMs: number;
  roundTrips: number;
  naiveRoundTrips: number;
  /** Requests after the last pick before the one notification, for a team that may move the agent (POST + re-read). */
  teamRoundTrips: number;
  /** Longest wait for a picker's item in the warm runs (from the previous pick). */
  warmPickerMs: number;
}

const PLAN: FlowPlan = { account: 'Acme Support', conversation: /^#21 /, assignee: /^Caz$/, notification: /^Conversation #21/ };
const TEAM_PLAN: FlowPlan = { account: 'Acme Support', conversation: /^#5 /, type: '#5', assignee: /^sales$/, notification: /^Conversation #5/ };

async function freshHost(bundleDir: string, fake: FakeChatwoot, hosts: Host[]): Promise<Host> {
  const host = await startHost(bundleDir, fake.url, SEED_TOKENS.alice);
  hosts.push(host);
  return host;
}

export async function measureFlows(bundleDir: string, runs: number): Promise<FlowFigures> {
  const fake = await startFakeChatwoot({ latencyMs: LATENCY_MS });
  const hosts: Host[] = [];
  try {
    const cold: FlowRun[] = [];
    const warm: FlowRun[] = [];
    const naive: FlowRun[] = [];
    for (let i = 0; i < runs; i++) {
      fake.reset();
      await settle(fake);
      // Cold: the command activates the extension and runs at once.
      const host = await freshHost(bundleDir, fake, hosts);
      cold.push(await runOurFlow(host, fake, PLAN));
      await settle(fake);
      fake.reset(); // #21 unassigned again; the session still remembers what it saw
      warm.push(await runOurFlow(host, fake, PLAN));
      host.dispose();
      fake.reset();
      await settle(fake);
      naive.push(await runNaiveFlow(host, fake, SEED_TOKENS.alice, { account: PLAN.account, conversationId: 21, agentName: 'Caz' }));
    }
    fake.reset();
    await settle(fake);
    const teamHost = await freshHost(bundleDir, fake, hosts);
    const team = await runOurFlow(teamHost, fake, TEAM_PLAN);
    // Background requests that happen to land in the window are not waited for (isBackground).
    const count = (r: FlowRun) => r.afterLastPick.filter((q) => !isBackground(q)).length;
    return {
      runs,
      cold,
      warm,
      naive,
      team,
      coldMs: median(cold.map((r) => r.ms)),
      warmMs: median(warm.map((r) => r.ms)),
      naiveMs: median(naive.map((r) => r.ms)),
      roundTrips: Math.max(...cold.map(count), ...warm.map(count)),
      naiveRoundTrips: Math.max(...naive.map(count)),
      teamRoundTrips: count(team),
      warmPickerMs: Math.max(...warm.flatMap((r) => r.steps.map((s) => s.ms))),
    };
  } finally {
    for (const h of hosts) h.dispose();
    await fake.close();
  }
}

export interface ScaleFlowFigures {
  agents: number;
  coldAssigneeStepMs: number;
  warmAssigneeStepMs: number;
}

/** Assign in the Scale Test account (500 agents), twice: how long the assignee step takes to fill. */
export async function measureScaleFlow(bundleDir: string, fake: FakeChatwoot, agents: number): Promise<ScaleFlowFigures> {
  const host = await startHost(bundleDir, fake.url, SEED_TOKENS.alice);
  try {
    const plan: FlowPlan = { account: 'Scale Test', conversation: /^#\d+ /, assignee: /^Agent \d{4}$/, notification: /^Conversation #/ };
    const assigneeMs = (r: FlowRun) => r.steps.find((s) => s.step === 'assignee')?.ms ?? NaN;
    const first = await runOurFlow(host, fake, plan);
    await settle(fake);
    const second = await runOurFlow(host, fake, plan);
    return { agents, coldAssigneeStepMs: assigneeMs(first), warmAssigneeStepMs: assigneeMs(second) };
  } finally {
    host.dispose();
  }
}

export { describeRequests };
