/**
 * The undo journal: every assignment made from this window, in memory only, with the state of each
 * conversation before and after it (assignee and team, recipe.ts `AssignmentState`). "Undo" on a
 * notification names its entry; "Undo Last Assignment" takes the newest entry that is still within
 * UNDO_WINDOW_MS and not undone yet. Nothing is persisted: an undo from another window or after a
 * reload would rest on a state nobody re-checked when it was recorded.
 *
 * The `after` state comes from the re-read that follows an assignment, which may still be on its
 * way when the user presses Undo: an entry carries the promise of it (`settled`). No `vscode` here,
 * so it is unit-tested in plain Node.
 */
import type { AssignmentState } from './recipe';

/** How long an assignment can be undone from this window. */
export const UNDO_WINDOW_MS = 10 * 60_000;
/** Entries kept at most (older ones are dropped first). */
export const JOURNAL_MAX = 100;

export interface JournalItem {
  readonly displayId: number;
  readonly before: AssignmentState;
  /** As re-read after the assignment; undefined until then, or when that re-read failed. */
  after: AssignmentState | undefined;
}

export interface JournalEntry {
  readonly id: number;
  readonly accountId: number;
  /** When the assignment was made (ms since epoch). */
  readonly at: number;
  /** What was done, for messages: "assignment of conversation #21 to Caz". */
  readonly what: string;
  readonly items: readonly JournalItem[];
  /** Resolves when every `after` is known (or its re-read failed). */
  settled: Promise<void>;
  undone: boolean;
}

export class UndoJournal {
  private entries: JournalEntry[] = [];
  private nextId = 1;

  constructor(
    private readonly now: () => number = Date.now,
    readonly windowMs = UNDO_WINDOW_MS,
  ) {}

  /** Records an assignment; `after` is filled in later with `settle`. */
  record(accountId: number, what: string, items: ReadonlyArray<{ displayId: number; before: AssignmentState; after?: AssignmentState }>): JournalEntry {
    let settle = () => undefined as void;
    const entry: JournalEntry = {
      id: this.nextId++,
      accountId,
      at: this.now(),
      what,
      items: items.map((i) => ({ displayId: i.displayId, before: i.before, after: i.after })),
      settled: new Promise<void>((resolve) => (settle = resolve)),
      undone: false,
    };
    this.settlers.set(entry.id, settle);
    if (items.every((i) => i.after !== undefined)) this.finish(entry.id);
    this.entries.push(entry);
    while (this.entries.length > JOURNAL_MAX) this.drop(this.entries[0].id);
    return entry;
  }

  /** The states re-read after the assignment (by display id; a missing one stays unknown), and the entry is settled. */
  settle(id: number, after: ReadonlyMap<number, AssignmentState>): void {
    const entry = this.entries.find((e) => e.id === id);
    if (!entry) return;
    for (const item of entry.items) item.after = after.get(item.displayId) ?? item.after;
    this.finish(id);
  }

  /** The entry while it can still be undone (recent and not undone), else undefined. */
  get(id: number): JournalEntry | undefined {
    const entry = this.entries.find((e) => e.id === id);
    return entry && this.undoable(entry) ? entry : undefined;
  }

  /** Why an entry cannot be undone (for the message), or undefined when it can. */
  whyNot(id: number): 'undone' | 'expired' | undefined {
    const entry = this.entries.find((e) => e.id === id);
    if (!entry || this.now() - entry.at > this.windowMs) return 'expired';
    return entry.undone ? 'undone' : undefined;
  }

  /** The newest assignment that can still be undone. */
  last(): JournalEntry | undefined {
    for (let i = this.entries.length - 1; i >= 0; i--) if (this.undoable(this.entries[i])) return this.entries[i];
    return undefined;
  }

  markUndone(id: number): void {
    const entry = this.entries.find((e) => e.id === id);
    if (entry) entry.undone = true;
  }

  /** An undo that failed on the way (network): the entry may be tried again. */
  reopen(id: number): void {
    const entry = this.entries.find((e) => e.id === id);
    if (entry) entry.undone = false;
  }

  /** Every entry kept (oldest first), for tests and the log. */
  all(): readonly JournalEntry[] {
    return this.entries;
  }

  /** Another user or server: nothing recorded applies any more. */
  clear(): void {
    for (const e of [...this.entries]) this.drop(e.id);
  }

  private readonly settlers = new Map<number, () => void>();

  private undoable(entry: JournalEntry): boolean {
    return !entry.undone && this.now() - entry.at <= this.windowMs;
  }

  private finish(id: number): void {
    this.settlers.get(id)?.();
    this.settlers.delete(id);
  }

  private drop(id: number): void {
    this.finish(id);
    this.entries = this.entries.filter((e) => e.id !== id);
  }
}
