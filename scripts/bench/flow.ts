/**
 * The Assign Conversation flow, end to end, against the fake Chatwoot: the real extension (the
 * shipped bundle, in this process with the stub `vscode`) driven by a scripted user who picks as
 * soon as the wanted item shows (no think time), against a naive flow that does the same with the
 * same client, one request after the other (no cache, no prefetch, notification after the re-read).
 *
 * Round trips on the critical path after the last pick = requests the fake received between the
 * last pick and the first notification (each arrives at the fake before its injected latency, so a
 * request counted here is one the notification waited for). Flow time = from the command to the
 * first notification.
 */
import type { FakeChatwoot, RecordedRequest } from '../../test/fake-chatwoot';
import type { Host } from './host';
import type { Item, StubQuickPick } from '../../test/support/vscode/quickPickStub';

export interface FlowPlan {
  account: string;
  /** Label of the conversation item, e.g. /^#21 /. */
  conversation: RegExp;
  /** Typed into the conversation step first (e.g. `#5` for one that is not on the first page). */
  type?: string;
  /** Label of the assignee item, e.g. /^Caz$/. */
  assignee: RegExp;
  /** The notification that reports the result. */
  notification: RegExp;
}

export interface FlowRun {
  /** Command → first notification. */
  ms: number;
  /** Last pick → first notification. */
  afterLastPickMs: number;
  /** Command → the command resolved (re-read done, corrections shown). */
  doneMs: number;
  afterLastPick: RecordedRequest[];
  all: RecordedRequest[];
  messages: string[];
  /** Per picker: from the command or the previous pick until the wanted item showed. */
  steps: Array<{ step: string; ms: number }>;
}

/** Runs the interactive Assign Conversation command with a scripted user. */
export async function runOurFlow(host: Host, fake: FakeChatwoot, plan: FlowPlan): Promise<FlowRun> {
  const mark = fake.requests.length;
  let lastPickAt = 0;
  let failed: unknown;
  const steps: FlowRun['steps'] = [];
  let lastAction = Date.now();
  host.editor.onQuickPick = (picker: StubQuickPick<Item>) => {
    // What the user waits for: from the command or the previous pick until the wanted item shows.
    const wait = async (step: string, match: RegExp) => {
      const item = await picker.waitForItem(match);
      steps.push({ step, ms: Date.now() - lastAction });
      lastAction = Date.now();
      return item;
    };
    const step = async () => {
      const placeholder = picker.placeholder ?? '';
      if (placeholder.startsWith('Pick the Chatwoot account')) {
        picker.pick(await wait('account', new RegExp(`^${plan.account}$`)));
      } else if (placeholder.startsWith('Pick a conversation')) {
        if (plan.type) picker.type(plan.type);
        picker.pick(await wait('conversation', plan.conversation));
      } else {
        const item = await wait('assignee', plan.assignee);
        lastPickAt = Date.now();
        picker.pick(item);
      }
    };
    step().catch((e: unknown) => (failed = e));
  };
  const start = (lastAction = Date.now());
  const shownBefore = host.editor.shown.length;
  const done = host.run('chatwoot.assignConversation');
  const first = await host.editor.waitForShown(plan.notification, start);
  await done;
  const end = Date.now();
  host.editor.onQuickPick = undefined;
  if (failed) throw failed instanceof Error ? failed : new Error(JSON.stringify(failed));
  const all = fake.requests.slice(mark);
  return {
    ms: first.at - start,
    afterLastPickMs: first.at - lastPickAt,
    doneMs: end - start,
    afterLastPick: all.filter((r) => r.at >= lastPickAt && r.at < first.at),
    all,
    messages: host.editor.shown.slice(shownBefore).map((s) => s.message),
    steps,
  };
}

/** The same flow done naively: every step waits for its requests, one after the other. */
export async function runNaiveFlow(host: Host, fake: FakeChatwoot, token: string, plan: { account: string; conversationId: number; agentName: string }): Promise<FlowRun> {
  const { ChatwootClient, createDispatcher } = host.api;
  const dispatcher = createDispatcher({ useEnvironmentProxy: false });
  const client = new ChatwootClient({ baseUrl: fake.url, token, dispatcher });
  const mark = fake.requests.length;
  try {
    const start = Date.now();
    const profile = await client.getProfile();
    const account = profile.accounts.find((a) => a.name === plan.account);
    if (!account) throw new Error(`no account ${plan.account}`);
    // conversation step: the list, with inbox names
    const page = await client.listConversations(account.id, { assigneeType: 'all' });
    await client.listInboxes(account.id);
    const conversation = page.conversations.find((c) => c.id === plan.conversationId);
    if (!conversation) throw new Error(`#${plan.conversationId} is not on the first page`);
    // assignee step: agents of the inbox, teams
    const agents = await client.listAssignableAgents(account.id, [conversation.inbox_id]);
    await client.listTeams(account.id);
    const agent = agents.find((a) => a.available_name === plan.agentName);
    if (!agent) throw new Error(`no agent ${plan.agentName}`);
    const lastPickAt = Date.now();
    await client.assign(account.id, conversation.id, { kind: 'agent', agentId: agent.id });
    const after = await client.getConversation(account.id, conversation.id);
    const notifiedAt = Date.now();
    const all = fake.requests.slice(mark);
    return {
      ms: notifiedAt - start,
      afterLastPickMs: notifiedAt - lastPickAt,
      doneMs: notifiedAt - start,
      afterLastPick: all.filter((r) => r.at >= lastPickAt),
      all,
      messages: [`Conversation #${after.id} assigned to ${after.meta.assignee?.name ?? '?'}`],
      steps: [],
    };
  } finally {
    await dispatcher.close();
  }
}

/**
 * Reads started before the last pick that may still arrive between it and the notification on a
 * loaded machine, without the notification waiting for them: the badge's counts re-read
 * (`conversations/meta`), the picker's background revalidation of a list (`GET …/conversations`),
 * and, for administrators, the workload counts of the assignee step (`live_reports`).
 */
export function isBackground(r: RecordedRequest): boolean {
  return r.path.endsWith('/conversations/meta') || r.path.includes('/live_reports/') || (r.method === 'GET' && /^\/api\/v1\/accounts\/\d+\/conversations$/.test(r.path));
}

/** Waits until the fake has received nothing for `quietMs` (background refreshes of the last run are over). */
export async function settle(fake: FakeChatwoot, quietMs = 400): Promise<void> {
  for (;;) {
    const n = fake.requests.length;
    await new Promise((r) => setTimeout(r, quietMs));
    if (fake.requests.length === n) return;
  }
}

/** "POST /api/v1/accounts/1/conversations/21/assignments" */
export function describeRequests(list: readonly RecordedRequest[]): string[] {
  return list.map((r) => `${r.method} ${r.path}${typeof r.query.assignee_type === 'string' ? `?assignee_type=${r.query.assignee_type}` : ''}`);
}
