// In-memory log of realtime events and webhook-style records (§7.2), exposed at
// GET /__fake/events. It is the single source of events: the cable hub (cable/hub.ts)
// listens here and broadcasts each record to the streams of API-FACTS-LIVE §1.5.

export interface ChangedAttribute {
  [attribute: string]: { previous_value: unknown; current_value: unknown };
}

export interface EventRecord {
  event: string;
  account_id: number;
  data: unknown;
  changed_attributes?: ChangedAttribute[];
  /**
   * ActionCable stream names (pubsub tokens, `account_<id>`) when the recipients cannot be
   * derived from the event name and data (notifications, presence); see cable/recipients.ts.
   */
  streams?: string[];
}

export type EventListener = (entry: EventRecord) => void;

export class EventLog {
  readonly records: EventRecord[] = [];
  private readonly listeners = new Set<EventListener>();

  record(entry: EventRecord): void {
    this.records.push(entry);
    for (const listener of this.listeners) listener(entry);
  }

  /** Called for every later record; returns the unsubscribe function. */
  listen(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  clear(): void {
    this.records.length = 0;
  }
}
