// Public entry point of the fake Chatwoot 4.10.1 application API (FAKE-SERVER-SPEC).
//
//   const fake = await startFakeChatwoot();
//   fetch(`${fake.url}/api/v1/profile`, { headers: { 'Api-Access-Token': SEED_TOKENS.alice } });
//   …
//   await fake.close();

import type { RecordedRequest } from './control';
import { SEED_TOKENS } from './seed/base';
import { validateLarge, type LargeOptions } from './seed/large';
import { FakeServer } from './server';

export { SEED_TOKENS };
/** A seed user's initial ActionCable pubsub token (rotate with POST /__fake/cable/rotate). */
export { pubsubToken as seedPubsubToken } from './seed/base';
export type { RecordedRequest };
export { SCALE_ACCOUNT_ID, SCALE_FIRST_AGENT_ID, scaleAgentName, scaleAgentToken } from './seed/large';
export { NOW0, T0 } from './util/time';

export interface StartOptions {
  /** Default 0 (an ephemeral port). */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Adds the "Scale Test" account 4 with generated agents and conversations. */
  large?: { conversations: number; agents: number };
  /** Delay before answering /api/v1 requests (the `latency_ms` switch). */
  latencyMs?: number;
  /** Conversation page size (real env CONVERSATION_RESULTS_PER_PAGE, default 25). */
  perPage?: number;
}

export interface FakeChatwoot {
  /** http://127.0.0.1:PORT — no trailing slash. */
  readonly url: string;
  /** ws://127.0.0.1:PORT/cable — the ActionCable endpoint (sub-protocol actioncable-v1-json). */
  readonly cableUrl: string;
  readonly port: number;
  /** Live request log (every non-/__fake/ request); cleared by reset and DELETE /__fake/requests. */
  readonly requests: RecordedRequest[];
  /** Reseed everything (data, clock, jobs, events, switches, request log); `large` omitted → the start option. */
  reset(options?: { large?: StartOptions['large'] }): void;
  /** Stops listening and destroys open sockets (websockets included). */
  close(): Promise<void>;
}

function checkedLarge(large: StartOptions['large'] | null | undefined): LargeOptions | null {
  if (large === undefined || large === null) return null;
  const result = validateLarge(large);
  if (typeof result === 'string') throw new TypeError(`startFakeChatwoot: ${result}`);
  return result;
}

function checkCount(name: string, value: number | undefined, min: number): void {
  if (value !== undefined && !(Number.isInteger(value) && value >= min)) throw new TypeError(`startFakeChatwoot: ${name} must be an integer >= ${min}`);
}

export async function startFakeChatwoot(options: StartOptions = {}): Promise<FakeChatwoot> {
  checkCount('perPage', options.perPage, 1);
  checkCount('latencyMs', options.latencyMs, 0);
  const server = new FakeServer({ large: checkedLarge(options.large), latencyMs: options.latencyMs, perPage: options.perPage });
  const host = options.host ?? '127.0.0.1';
  const port = await server.listen(options.port ?? 0, host);
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url,
    cableUrl: `${url.replace(/^http/, 'ws')}/cable`,
    port,
    get requests() {
      return server.requests;
    },
    reset(resetOptions?: { large?: StartOptions['large'] }) {
      // undefined → the start option; an object → that size; null (untyped escape hatch) → none.
      const large = resetOptions?.large;
      server.reset(large === undefined ? undefined : checkedLarge(large));
    },
    close: () => server.close(),
  };
}
