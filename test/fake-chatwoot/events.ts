// In-memory log of realtime events and webhook-style records (§7.2), exposed at
// GET /__fake/events. There is no ActionCable server (§13).

export interface ChangedAttribute {
  [attribute: string]: { previous_value: unknown; current_value: unknown };
}

export interface EventRecord {
  event: string;
  account_id: number;
  data: unknown;
  changed_attributes?: ChangedAttribute[];
}

export class EventLog {
  readonly records: EventRecord[] = [];

  record(entry: EventRecord): void {
    this.records.push(entry);
  }

  clear(): void {
    this.records.length = 0;
  }
}
