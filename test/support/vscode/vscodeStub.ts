/**
 * A minimal `vscode` module for running the extension in plain Node (the unit tier and the
 * benchmark): enough API surface for activate(), the tree, the quick picks and the notifications,
 * recording what the extension shows, runs and sets (context keys). Installed by intercepting
 * Module._load, so `require('vscode')` in the bundle (or in out/src) gets it. Not a test double for
 * behaviour: it does what VS Code does only where a test or the benchmark depends on it (quick pick
 * items, highlight, events, command registry).
 */
import Module from 'node:module';
import { StubQuickPick, type Item } from './quickPickStub';
import { format } from '../../../src/util/l10n';

type Listener<T> = (e: T) => unknown;
type Disposer = { dispose(): void };

/** `vscode.l10n.t` without a bundle: the English message, `{0}` / `{name}` filled like VS Code does. */
function stubT(message: string | { message: string; args?: unknown[] | Record<string, unknown> }, ...args: unknown[]): string {
  if (typeof message === 'object') return format(message.message, (message.args ?? []) as Record<string, unknown>);
  const first = args[0];
  return format(message, typeof first === 'object' && first !== null ? (first as Record<string, unknown>) : (args as string[]));
}

export class EventEmitter<T> {
  private listeners: Array<Listener<T>> = [];
  readonly event = (listener: Listener<T>, thisArg?: unknown, disposables?: Disposer[]): Disposer => {
    const bound: Listener<T> = (e) => listener.call(thisArg, e);
    this.listeners.push(bound);
    const d = { dispose: () => (this.listeners = this.listeners.filter((l) => l !== bound)) };
    disposables?.push(d);
    return d;
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
  dispose(): void {
    this.listeners = [];
  }
}

export class Disposable {
  constructor(private readonly fn: () => void) {}
  static from(...items: Disposer[]): Disposable {
    return new Disposable(() => items.forEach((i) => i.dispose()));
  }
  dispose(): void {
    this.fn();
  }
}

export class ThemeIcon {
  constructor(
    readonly id: string,
    readonly color?: unknown,
  ) {}
}
export class ThemeColor {
  constructor(readonly id: string) {}
}
export class MarkdownString {
  value = '';
  appendMarkdown(s: string): this {
    this.value += s;
    return this;
  }
  appendText(s: string): this {
    this.value += s.replace(/[\\`*_{}[\]()#+\-.!<>|]/g, '\\$&');
    return this;
  }
}
export class TreeItem {
  id?: string;
  description?: string;
  tooltip?: unknown;
  iconPath?: unknown;
  contextValue?: string;
  command?: unknown;
  constructor(
    public label: unknown,
    public collapsibleState = 0,
  ) {}
}
class Uri {
  private constructor(readonly value: string) {}
  static parse(value: string): Uri {
    return new Uri(value);
  }
  toString(): string {
    return this.value;
  }
}

export interface Shown {
  severity: 'info' | 'warning' | 'error';
  message: string;
  at: number;
  modal: boolean;
  /** The action buttons offered with it (e.g. "Undo", "Open in Chatwoot"). */
  buttons: string[];
}

/** One `vscode.commands.executeCommand` call (registered or not, `setContext` included). */
export interface Executed {
  id: string;
  args: unknown[];
}

export interface StubOptions {
  /** `section.key` → value (user settings). */
  settings?: Record<string, unknown>;
}

/** The recorded state of one stubbed editor. */
export class StubEditor {
  readonly shown: Shown[] = [];
  readonly commands = new Map<string, (...args: unknown[]) => unknown>();
  readonly quickPicks: Array<StubQuickPick<Item>> = [];
  readonly treeViews: Array<{ id: string; options: unknown; view: StubTreeView }> = [];
  readonly executed: Executed[] = [];
  /** Context keys set with `setContext`, latest value. */
  readonly contexts = new Map<string, unknown>();
  /** Called with every new quick pick (the scripted user). */
  onQuickPick: ((picker: StubQuickPick<Item>) => void) | undefined;
  /** Answers modal dialogs (default: the first button). */
  answerModal: (message: string, buttons: string[]) => string | undefined = (_m, b) => b[0];
  /** Answers non-modal notifications (default: dismissed). */
  answerMessage: (message: string, buttons: string[]) => string | undefined = () => undefined;
  /** Clicks a button of a (non-modal) notification, seeing all of it; default: `answerMessage`. */
  answerNotification: (shown: Shown) => string | undefined = (shown) => this.answerMessage(shown.message, shown.buttons);
  /** Answers input boxes (default: Escape). */
  answerInput: (options: { title?: string; prompt?: string }) => string | undefined = () => undefined;
  /** Webview panels created (the conversation tab). */
  readonly webviews: Array<{ title: string; html: string; posted: unknown[] }> = [];
  private readonly shownEmitter = new EventEmitter<Shown>();
  readonly onDidShow = this.shownEmitter.event;
  readonly module: Record<string, unknown>;

  constructor(options: StubOptions = {}) {
    const settings = options.settings ?? {};
    const noEvent = () => new Disposable(() => undefined);
    const show =
      (severity: Shown['severity']) =>
      (message: string, ...rest: unknown[]) => {
        const modal = typeof rest[0] === 'object' && rest[0] !== null && (rest[0] as { modal?: boolean }).modal === true;
        const buttons = rest.filter((r): r is string => typeof r === 'string');
        const entry = { severity, message, at: Date.now(), modal, buttons };
        this.shown.push(entry);
        this.shownEmitter.fire(entry);
        return Promise.resolve(modal ? this.answerModal(message, buttons) : this.answerNotification(entry));
      };
    const configuration = (section: string) => ({
      get: <T>(key: string, fallback?: T) => (settings[`${section}.${key}`] as T | undefined) ?? fallback,
      inspect: (key: string) => ({ key, globalValue: settings[`${section}.${key}`] }),
      has: (key: string) => `${section}.${key}` in settings,
      update: () => Promise.resolve(),
    });
    this.module = {
      version: '1.100.0',
      EventEmitter,
      Disposable,
      ThemeIcon,
      ThemeColor,
      MarkdownString,
      TreeItem,
      Uri,
      TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
      QuickPickItemKind: { Separator: -1, Default: 0 },
      QuickInputButtons: { Back: { iconPath: new ThemeIcon('arrow-left') } },
      ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
      ViewColumn: { Active: -1, Beside: -2, One: 1 },
      InputBoxValidationSeverity: { Info: 1, Warning: 2, Error: 3 },
      StatusBarAlignment: { Left: 1, Right: 2 },
      LogLevel: { Off: 0, Trace: 1, Debug: 2, Info: 3, Warning: 4, Error: 5 },
      // English, placeholders filled as VS Code fills them (src/util/l10n.ts falls back to the same).
      l10n: { t: stubT, bundle: undefined, uri: undefined },
      env: { language: 'en', openExternal: () => Promise.resolve(true), uriScheme: 'vscode', appName: 'stub' },
      commands: {
        registerCommand: (id: string, fn: (...args: unknown[]) => unknown) => {
          this.commands.set(id, fn);
          return new Disposable(() => this.commands.delete(id));
        },
        executeCommand: (id: string, ...args: unknown[]) => {
          this.executed.push({ id, args });
          if (id === 'setContext') this.contexts.set(args[0] as string, args[1]);
          const fn = this.commands.get(id);
          return Promise.resolve(fn ? fn(...args) : undefined);
        },
        getCommands: () => Promise.resolve([...this.commands.keys()]),
      },
      authentication: {
        registerAuthenticationProvider: () => new Disposable(() => undefined),
        onDidChangeSessions: noEvent,
      },
      workspace: {
        getConfiguration: configuration,
        onDidChangeConfiguration: noEvent,
        isTrusted: true,
      },
      window: {
        createOutputChannel: () => {
          const line = () => undefined;
          return {
            trace: line,
            debug: line,
            info: line,
            warn: line,
            error: line,
            append: line,
            appendLine: line,
            show: line,
            clear: line,
            dispose: line,
            logLevel: 3,
            onDidChangeLogLevel: noEvent,
          };
        },
        createTreeView: (id: string, opts: unknown) => {
          const view: StubTreeView = {
            badge: undefined,
            message: undefined,
            title: undefined,
            visible: false,
            selection: [],
            onDidChangeVisibility: noEvent,
            onDidChangeSelection: noEvent,
            onDidExpandElement: noEvent,
            onDidCollapseElement: noEvent,
            reveal: () => Promise.resolve(),
            dispose: () => undefined,
          };
          this.treeViews.push({ id, options: opts, view });
          return view;
        },
        createQuickPick: () => {
          const picker = new StubQuickPick<Item>();
          this.quickPicks.push(picker);
          // A busy placeholder shown while the first data loads has nothing to pick: scripted users skip it.
          queueMicrotask(() => {
            if (!(picker.placeholder ?? '').startsWith('Loading')) this.onQuickPick?.(picker);
          });
          return picker;
        },
        withProgress: <R>(_options: unknown, task: (progress: { report(v: unknown): void }, token: unknown) => Promise<R>) =>
          task({ report: () => undefined }, { isCancellationRequested: false, onCancellationRequested: noEvent }),
        showInputBox: (options: { title?: string; prompt?: string; validateInput?: (v: string) => unknown }) => {
          const value = this.answerInput(options);
          if (value !== undefined && options.validateInput?.(value)) return Promise.reject(new Error(`the input box refuses ${JSON.stringify(value)}`));
          return Promise.resolve(value);
        },
        createWebviewPanel: (_viewType: string, title: string) => {
          const record = { title, html: '', posted: [] as unknown[] };
          this.webviews.push(record);
          const disposed = new EventEmitter<void>();
          const webview = {
            get html() {
              return record.html;
            },
            set html(v: string) {
              record.html = v;
            },
            onDidReceiveMessage: noEvent,
            postMessage: (m: unknown) => (record.posted.push(m), Promise.resolve(true)),
          };
          return {
            webview,
            get title() {
              return record.title;
            },
            set title(v: string) {
              record.title = v;
            },
            visible: true,
            onDidChangeViewState: noEvent,
            onDidDispose: disposed.event,
            reveal: () => undefined,
            dispose: () => disposed.fire(),
          };
        },
        showInformationMessage: show('info'),
        showWarningMessage: show('warning'),
        showErrorMessage: show('error'),
        onDidChangeWindowState: noEvent,
        state: { focused: true },
        createStatusBarItem: () => ({
          name: '',
          text: '',
          tooltip: undefined,
          command: undefined,
          accessibilityInformation: undefined,
          show: () => undefined,
          hide: () => undefined,
          dispose: () => undefined,
        }),
      },
    };
  }

  /** Forgets what was shown, executed and set (between tests sharing one editor). */
  clearRecords(): void {
    this.shown.length = 0;
    this.executed.length = 0;
    this.contexts.clear();
    this.quickPicks.length = 0;
    this.answerMessage = () => undefined;
  }

  /** `vscode.commands.executeCommand` of this editor. */
  execute<T>(id: string, ...args: unknown[]): Promise<T> {
    const fn = this.commands.get(id);
    if (!fn) return Promise.reject(new Error(`command ${id} is not registered`));
    return Promise.resolve(fn(...args) as T);
  }

  /** The first notification shown after `since` whose text matches. */
  waitForShown(match: RegExp, since = 0, timeoutMs = 30_000): Promise<Shown> {
    const hit = () => this.shown.find((s) => s.at >= since && match.test(s.message));
    const now = hit();
    if (now) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no notification matching ${String(match)} within ${timeoutMs} ms`)), timeoutMs);
      const sub = this.onDidShow(() => {
        const found = hit();
        if (!found) return;
        clearTimeout(timer);
        sub.dispose();
        resolve(found);
      });
    });
  }
}

/** What `createTreeView` hands out: the properties the extension sets are plain fields. */
export interface StubTreeView {
  badge: { value: number; tooltip: string } | undefined;
  message: string | undefined;
  title: string | undefined;
  visible: boolean;
  selection: unknown[];
  onDidChangeVisibility: unknown;
  onDidChangeSelection: unknown;
  onDidExpandElement: unknown;
  onDidCollapseElement: unknown;
  reveal(): Promise<void>;
  dispose(): void;
}

/** Makes `require('vscode')` return `editor.module` in this process. Returns the uninstaller. */
export function installVscodeStub(editor: StubEditor): () => void {
  const loader = Module as unknown as { _load: (request: string, parent: unknown, isMain: boolean) => unknown };
  const original = loader._load;
  loader._load = function (request: string, parent: unknown, isMain: boolean): unknown {
    if (request === 'vscode') return editor.module;
    return original.call(this, request, parent, isMain);
  };
  return () => (loader._load = original);
}

/** A fake ExtensionContext: SecretStorage and Mementos in memory. */
export function stubContext(secrets: Record<string, string> = {}): {
  subscriptions: Disposer[];
  secrets: unknown;
  globalState: unknown;
  workspaceState: unknown;
  extensionPath: string;
} {
  const store = new Map(Object.entries(secrets));
  const changed = new EventEmitter<{ key: string }>();
  const memento = () => {
    const m = new Map<string, unknown>();
    return {
      get: (k: string, d?: unknown) => (m.has(k) ? m.get(k) : d),
      update: (k: string, v: unknown) => (m.set(k, v), Promise.resolve()),
      keys: () => [...m.keys()],
      setKeysForSync: () => undefined,
    };
  };
  return {
    subscriptions: [],
    secrets: {
      get: (k: string) => Promise.resolve(store.get(k)),
      store: (k: string, v: string) => (store.set(k, v), changed.fire({ key: k }), Promise.resolve()),
      delete: (k: string) => (store.delete(k), changed.fire({ key: k }), Promise.resolve()),
      onDidChange: changed.event,
    },
    globalState: memento(),
    workspaceState: memento(),
    extensionPath: process.cwd(),
  };
}

/** The secret the token store keeps for `url` (see src/auth/tokenStore.ts). */
export function tokenSecret(url: string, token: string): Record<string, string> {
  return { [`chatwoot.token:${new URL(url).origin.toLowerCase()}`]: JSON.stringify({ url, token }) };
}
