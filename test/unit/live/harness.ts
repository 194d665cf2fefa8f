/**
 * Test doubles for the live client: fake timers (time only moves when a test says so), a scripted
 * socket factory, and a logger that records every line (to check that nothing secret is logged).
 */
import type { CableSocket, SocketCloseInfo, SocketFactory, SocketHandlers } from '../../../src/live/socket';
import type { TimerHandle, Timers } from '../../../src/live/timers';
import type { LiveLogger } from '../../../src/live';

interface Entry {
  id: number;
  at: number;
  run: () => void;
}

export class FakeTimers implements Timers {
  private time = 1_700_000_000_000;
  private nextId = 1;
  private queue: Entry[] = [];

  now(): number {
    return this.time;
  }

  setTimeout(run: () => void, ms: number): TimerHandle {
    const entry = { id: this.nextId++, at: this.time + Math.max(0, ms), run };
    this.queue.push(entry);
    return { id: entry.id };
  }

  clearTimeout(handle: TimerHandle): void {
    const id = (handle as { id: number }).id;
    this.queue = this.queue.filter((e) => e.id !== id);
  }

  /** Timers still scheduled. */
  get pending(): number {
    return this.queue.length;
  }

  /** Moves time forward, running every timer that falls due (in order, including new ones). */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = this.queue.filter((e) => e.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.queue = this.queue.filter((e) => e !== due);
      this.time = due.at;
      due.run();
    }
    this.time = end;
  }
}

export class FakeSocket implements CableSocket {
  readonly sent: string[] = [];
  closeCalls = 0;
  gone = false;

  constructor(
    readonly url: string,
    private readonly handlers: SocketHandlers,
  ) {}

  send(text: string): void {
    if (!this.gone) this.sent.push(text);
  }

  close(): void {
    this.closeCalls += 1;
  }

  /** The commands sent, parsed: `subscribe:<account>` etc. */
  get commands(): string[] {
    return this.sent.map((s) => {
      const c = JSON.parse(s) as { command: string; identifier: string; data?: string };
      const id = JSON.parse(c.identifier) as { account_id: number; pubsub_token: string };
      const action = c.data ? `:${(JSON.parse(c.data) as { action: string }).action}` : '';
      return `${c.command}:${id.account_id}:${id.pubsub_token}${action}`;
    });
  }

  identifiers(command = 'subscribe'): string[] {
    return this.sent
      .map((s) => JSON.parse(s) as { command: string; identifier: string })
      .filter((c) => c.command === command)
      .map((c) => c.identifier);
  }

  open(protocol = 'actioncable-v1-json'): void {
    this.handlers.onOpen(protocol);
  }

  receive(frame: unknown): void {
    this.handlers.onMessage(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  receiveBinary(bytes: number): void {
    this.handlers.onMessage({ binaryBytes: bytes });
  }

  welcome(): void {
    this.receive({ type: 'welcome' });
  }

  ping(): void {
    this.receive({ type: 'ping', message: 1771026445 });
  }

  confirm(identifier: string): void {
    this.receive({ identifier, type: 'confirm_subscription' });
  }

  confirmAll(): void {
    for (const id of this.identifiers()) this.confirm(id);
  }

  broadcast(identifier: string, event: string, data: unknown): void {
    this.receive({ identifier, message: { event, data } });
  }

  /** The server side ends the connection. */
  end(info: Partial<SocketCloseInfo> = {}): void {
    if (this.gone) return;
    this.gone = true;
    this.handlers.onClose({ opened: true, code: 1006, reason: '', ...info });
  }
}

export function fakeSockets(): { factory: SocketFactory; sockets: FakeSocket[]; last(): FakeSocket } {
  const sockets: FakeSocket[] = [];
  return {
    factory: (url, handlers) => {
      const s = new FakeSocket(url, handlers);
      sockets.push(s);
      return s;
    },
    sockets,
    last: () => {
      const s = sockets[sockets.length - 1];
      if (!s) throw new Error('no socket was opened');
      return s;
    },
  };
}

export interface RecordingLogger extends LiveLogger {
  lines: string[];
  redacted: Set<string>;
}

export function recordingLogger(): RecordingLogger {
  const lines: string[] = [];
  const redacted = new Set<string>();
  const add = (level: string) => (m: string) => lines.push(`${level} ${m}`);
  return {
    lines,
    redacted,
    trace: add('trace'),
    debug: add('debug'),
    info: add('info'),
    warn: add('warn'),
    redact(secret) {
      redacted.add(secret);
      return () => redacted.delete(secret);
    },
  };
}

/** Lets pending promise callbacks (e.g. an awaited refreshCredentials) run. */
export const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A conversation push payload as Chatwoot sends it (trimmed), for `assignee.changed` & co. */
export function conversationPush(accountId: number, id: number, assignee: { id: number; name: string } | null = null): Record<string, unknown> {
  return {
    additional_attributes: {},
    can_reply: true,
    channel: 'Channel::Api',
    contact_inbox: { id: 7, contact_id: 9, inbox_id: 1, source_id: 'abc', pubsub_token: 'contact-secret-token', hmac_verified: false },
    id,
    inbox_id: 1,
    messages: [],
    labels: [],
    meta: {
      sender: { id: 9, name: 'Carol', type: 'contact' },
      assignee: assignee ? { ...assignee, available_name: assignee.name, avatar_url: '', type: 'user', availability_status: null, thumbnail: '' } : null,
      assignee_type: assignee ? 'User' : null,
      team: null,
      hmac_verified: false,
    },
    status: 'open',
    custom_attributes: {},
    snoozed_until: null,
    unread_count: 0,
    first_reply_created_at: null,
    priority: null,
    waiting_since: 0,
    agent_last_seen_at: 0,
    contact_last_seen_at: 0,
    last_activity_at: 1767225600,
    timestamp: 1767225600,
    created_at: 1767225600,
    updated_at: 1767225600.123,
    account_id: accountId,
  };
}
