// Minimal ActionCable test client for the fake's /cable conformance tests: a `ws` socket
// that keeps every frame it receives and lets a test wait for (or rule out) a frame.
import * as assert from 'node:assert/strict';
import WebSocket from 'ws';
import type { JsonObject } from './http';
import { isObject } from './http';

export const PROTOCOL = 'actioncable-v1-json';

export interface Frame {
  text: string;
  /** Parsed JSON, or undefined for non-JSON frames. */
  json: unknown;
  binary: boolean;
  /** performance.now() at receipt. */
  at: number;
}

export interface OpenOptions {
  /** Sub-protocols to offer (default: both Rails names, like @rails/actioncable); null → none. */
  protocols?: string[] | null;
  headers?: Record<string, string>;
}

/** The identifier string the dashboard sends (`JSON.stringify(params)`). */
export function roomIdentifier(pubsubToken: string, accountId: unknown, userId: unknown): string {
  return JSON.stringify({ channel: 'RoomChannel', pubsub_token: pubsubToken, account_id: accountId, user_id: userId });
}

export class CableClient {
  readonly frames: Frame[] = [];
  closed: { code: number; reason: string } | null = null;
  private waiters: Array<() => void> = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: WebSocket.RawData, isBinary: boolean) => {
      const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as Buffer).toString('utf8');
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      this.frames.push({ text, json, binary: isBinary, at: performance.now() });
      this.wake();
    });
    ws.on('close', (code: number, reason: Buffer) => {
      this.closed = { code, reason: reason.toString('utf8') };
      this.wake();
    });
  }

  static open(url: string, options: OpenOptions = {}): Promise<CableClient> {
    const protocols = options.protocols === undefined ? [PROTOCOL, 'actioncable-unsupported'] : options.protocols;
    const ws = protocols === null ? new WebSocket(url, { headers: options.headers }) : new WebSocket(url, protocols, { headers: options.headers });
    const client = new CableClient(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(client));
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`unexpected response ${res.statusCode}`)));
    });
  }

  /** Opens and waits for the welcome frame. */
  static async connect(url: string, options: OpenOptions = {}): Promise<CableClient> {
    const client = await CableClient.open(url, options);
    await client.waitFor((f) => isObject(f.json) && f.json.type === 'welcome');
    return client;
  }

  send(value: unknown): void {
    this.ws.send(typeof value === 'string' ? value : JSON.stringify(value));
  }

  subscribe(identifier: string): void {
    this.send({ command: 'subscribe', identifier });
  }

  /** Subscribes and waits for the confirmation. */
  async subscribeConfirmed(identifier: string): Promise<void> {
    this.subscribe(identifier);
    await this.waitFor((f) => isObject(f.json) && f.json.type === 'confirm_subscription' && f.json.identifier === identifier);
  }

  perform(identifier: string, action: string): void {
    this.send({ command: 'message', identifier, data: JSON.stringify({ action }) });
  }

  /** Waits for the first frame (from index `from`) matching `match`. */
  async waitFor(match: (frame: Frame) => boolean, timeoutMs = 3000, from = 0): Promise<Frame> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const found = this.frames.slice(from).find(match);
      if (found) return found;
      const left = deadline - performance.now();
      if (left <= 0) assert.fail(`no matching frame within ${timeoutMs} ms; got ${this.frames.map((f) => f.text.slice(0, 200)).join('\n')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Waits until the socket is closed. */
  async waitClosed(timeoutMs = 3000): Promise<{ code: number; reason: string }> {
    const deadline = performance.now() + timeoutMs;
    while (!this.closed) {
      const left = deadline - performance.now();
      if (left <= 0) assert.fail('socket not closed in time');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.closed;
  }

  /** Broadcast messages (`{identifier, message}`) with this event name. */
  events(name: string, identifier?: string): JsonObject[] {
    const out: JsonObject[] = [];
    for (const f of this.frames) {
      if (!isObject(f.json) || !isObject(f.json.message) || f.json.message.event !== name) continue;
      if (identifier !== undefined && f.json.identifier !== identifier) continue;
      out.push(f.json.message);
    }
    return out;
  }

  /** Waits for a broadcast of `name` (optionally about conversation display id `id`); returns its message. */
  async waitEvent(name: string, id?: number, timeoutMs = 3000): Promise<JsonObject> {
    const frame = await this.waitFor(
      (f) =>
        isObject(f.json) && isObject(f.json.message) && f.json.message.event === name && (id === undefined || (isObject(f.json.message.data) && f.json.message.data.id === id)),
      timeoutMs,
    );
    return (frame.json as { message: JsonObject }).message;
  }

  close(): void {
    this.ws.terminate();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
