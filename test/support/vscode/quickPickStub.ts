/**
 * The stub's QuickPick: holds items like VS Code's (setting `items` highlights the first pickable
 * one and fires onDidChangeActive) and lets a scripted user wait for an item, type and accept.
 */
type Listener<T> = (e: T) => unknown;

class Emitter<T> {
  private listeners: Array<Listener<T>> = [];
  readonly event = (l: Listener<T>) => {
    this.listeners.push(l);
    return { dispose: () => (this.listeners = this.listeners.filter((x) => x !== l)) };
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
}

export interface Item {
  label: string;
  kind?: number;
}

const SEPARATOR = -1;

export class StubQuickPick<T extends Item> {
  title: string | undefined;
  step: number | undefined;
  totalSteps: number | undefined;
  placeholder: string | undefined;
  buttons: readonly unknown[] = [];
  matchOnDescription = false;
  matchOnDetail = false;
  ignoreFocusOut = false;
  selectedItems: readonly T[] = [];
  shownAt: number | undefined;
  disposed = false;
  private itemList: readonly T[] = [];
  private active: readonly T[] = [];
  private text = '';
  private isBusy = false;
  private readonly acceptEmitter = new Emitter<void>();
  private readonly hideEmitter = new Emitter<void>();
  private readonly valueEmitter = new Emitter<string>();
  private readonly activeChange = new Emitter<readonly T[]>();
  private readonly button = new Emitter<unknown>();
  private readonly itemButton = new Emitter<{ item: T; button: unknown }>();
  private readonly changed = new Emitter<void>();
  readonly onDidAccept = this.acceptEmitter.event;
  readonly onDidHide = this.hideEmitter.event;
  readonly onDidChangeValue = this.valueEmitter.event;
  readonly onDidChangeActive = this.activeChange.event;
  readonly onDidTriggerButton = this.button.event;
  readonly onDidTriggerItemButton = this.itemButton.event;
  readonly onDidChangeSelection = new Emitter<readonly T[]>().event;

  get items(): readonly T[] {
    return this.itemList;
  }
  set items(items: readonly T[]) {
    this.itemList = items;
    const first = items.find((i) => i.kind !== SEPARATOR);
    this.activeItems = first ? [first] : [];
    this.changed.fire();
  }
  get activeItems(): readonly T[] {
    return this.active;
  }
  set activeItems(items: readonly T[]) {
    this.active = items;
    this.activeChange.fire(items);
  }
  get busy(): boolean {
    return this.isBusy;
  }
  set busy(b: boolean) {
    this.isBusy = b;
    this.changed.fire();
  }
  get value(): string {
    return this.text;
  }
  set value(v: string) {
    this.text = v;
  }

  show(): void {
    this.shownAt = Date.now();
  }
  hide(): void {
    this.hideEmitter.fire();
  }
  dispose(): void {
    this.disposed = true;
    this.changed.fire();
  }

  /** Types into the filter box (fires onDidChangeValue like a keystroke). */
  type(text: string): void {
    this.text = text;
    this.valueEmitter.fire(text);
  }

  /** Resolves with the first item whose label matches (and that `accept`s), as soon as the picker shows it. */
  waitForItem(match: RegExp, timeoutMs = 30_000, accept: (item: T) => boolean = () => true): Promise<T> {
    const find = () => this.itemList.find((i) => i.kind !== SEPARATOR && match.test(i.label) && accept(i));
    const now = find();
    if (now) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no item matching ${String(match)} within ${timeoutMs} ms (${this.title ?? ''})`)), timeoutMs);
      const sub = this.changed.event(() => {
        const found = find();
        if (!found && !this.disposed) return;
        clearTimeout(timer);
        sub.dispose();
        if (found) resolve(found);
        else reject(new Error(`picker closed before ${String(match)} showed`));
      });
    });
  }

  /** Clicks one of an item's own buttons (QuickPickItem.buttons). */
  clickItemButton(item: T, index = 0): void {
    const buttons = (item as { buttons?: readonly unknown[] }).buttons ?? [];
    if (!buttons[index]) throw new Error(`item ${item.label} has no button ${index}`);
    this.itemButton.fire({ item, button: buttons[index] });
  }

  /** Highlights and accepts an item (Enter). */
  pick(item: T): void {
    this.activeItems = [item];
    this.selectedItems = [item];
    this.acceptEmitter.fire();
  }
}
