// Command-line runner for trying the fake by hand:
//   node out/test/fake-chatwoot/cli.js [--port N] [--large] [--latency MS]
// Prints the URL and the seed tokens, then serves until SIGINT/SIGTERM.

import { SCALE_ACCOUNT_ID, scaleAgentName, scaleAgentToken, SEED_TOKENS, startFakeChatwoot, type StartOptions } from './index';

const LARGE_DEFAULT = { conversations: 10_000, agents: 500 };

/** Seed roles per token, as listed in FAKE-SERVER-SPEC §4.2 (acct: role). */
const ROLES: Readonly<Record<keyof typeof SEED_TOKENS, [string, string]>> = {
  alice: ['Alice Anderson', 'administrator@1, agent@2, administrator@3 (suspended)'],
  bob: ['Bob Brown', 'agent@1'],
  carol: ['Carol Chen ("Caz")', 'agent@1 (busy)'],
  dave: ['Dave Diaz', 'agent@1 (auto_offline)'],
  erin: ['Erin Evans', 'agent@1 (offline)'],
  frank: ['Frank Fischer', 'administrator@1 (auto_offline)'],
  grace: ['Grace Garcia', 'administrator@2'],
  heidi: ['Heidi Hughes', 'agent@2 (busy)'],
  ivan: ['Ivan Ivanov', 'agent@1 (no inboxes/teams)'],
  triageBot: ['Triage Bot', 'agent bot@1 (inbox 3)'],
  betaBot: ['Beta Bot', 'agent bot@2 (inbox 4)'],
  systemBot: ['Global Helper', 'system agent bot'],
  platform: ['Platform app', 'platform app (edge tests)'],
};

function parseArgs(argv: string[]): StartOptions {
  const options: StartOptions = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const next = (): number => {
      const value = Number(argv[i + 1]);
      i += 1;
      if (!Number.isInteger(value) || value < 0) throw new Error(`${arg} needs a non-negative integer`);
      return value;
    };
    if (arg === '--port') options.port = next();
    else if (arg === '--latency') options.latencyMs = next();
    else if (arg === '--large') options.large = LARGE_DEFAULT;
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write('usage: cli.js [--port N] [--large] [--latency MS]\n');
      process.exit(0);
    } else throw new Error(`unknown argument: ${arg}`);
  }
  return options;
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, col) => Math.max(...rows.map((r) => r[col].length)));
  return rows
    .map((r) =>
      r
        .map((cell, col) => cell.padEnd(widths[col]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const fake = await startFakeChatwoot({ ...options, port: options.port ?? 3000 });
  const rows = [['NAME', 'ROLE', 'TOKEN'], ...Object.entries(ROLES).map(([key, [name, role]]) => [name, role, SEED_TOKENS[key as keyof typeof SEED_TOKENS]])];
  const lines = [`Fake Chatwoot 4.10.1 listening on ${fake.url} (ActionCable: ${fake.cableUrl}, pubsub tokens in GET /api/v1/profile)`, '', table(rows), ''];
  if (options.large) {
    lines.push(
      `Scale Test account ${SCALE_ACCOUNT_ID}: ${options.large.conversations} conversations, ${options.large.agents} agents (Alice is administrator).`,
      `  ${scaleAgentName(1)} token ${scaleAgentToken(1)} … ${scaleAgentName(options.large.agents)} token ${scaleAgentToken(options.large.agents)}`,
      '  all tokens: GET /__fake/tokens',
      '',
    );
  }
  lines.push(`Try: curl -s -H 'Api-Access-Token: ${SEED_TOKENS.alice}' ${fake.url}/api/v1/profile`, 'Ctrl-C to stop.', '');
  process.stdout.write(lines.join('\n'));
  const stop = (): void => {
    fake.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
