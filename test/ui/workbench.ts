/**
 * Page objects for driving the VS Code 1.100 web workbench (code-server) like a user, with playwright-core,
 * plus the UI-test bootstrap (`openWorkbench` / mocha `useWorkbench`). UI tests run in plain Node with
 * `mocha` (BDD), outside VS Code:
 *
 *   const ui = useWorkbench({ vsix: 'chatwoot-assign.vsix', settings: { 'chatwoot.serverUrl': url } });
 *   it('assigns', async () => {
 *     await ui.wb.runCommand('Chatwoot: Assign Conversation');
 *     await ui.wb.quickInput.pick('Alice');
 *     assert.match(await ui.wb.waitForToast(/Assigned/), /Alice/);
 *   });
 *
 * Selectors verified on code-server 4.100.3 (VS Code 1.100.3) with Debian chromium.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { type CodeServer, type ServerMode, REPO_ROOT, launchChromium, newGuardedContext, startCodeServer } from '../../scripts/vscode-test/codeServer';

export type TextMatch = string | RegExp;

export const SEL = {
  workbench: '.monaco-workbench',
  activityItems: '.part.activitybar .action-item',
  quickInput: '.quick-input-widget',
  quickInputBox: '.quick-input-widget .quick-input-box input',
  quickInputTitle: '.quick-input-widget .quick-input-title',
  quickInputMessage: '.quick-input-widget .quick-input-message',
  quickInputRows: '.quick-input-widget .quick-input-list .monaco-list-row',
  quickInputTitleButtons: '.quick-input-widget .quick-input-titlebar .action-label',
  toast: '.notifications-toasts .notification-toast',
  toastMessage: '.notification-list-item-message',
  toastButton: '.notification-list-item-buttons-container .monaco-button',
  sidebar: '.part.sidebar',
  treeRows: '.part.sidebar .monaco-list-row[role="treeitem"]', // aria-label is the tooltip if set: match .label-name
  contextMenu: '.context-view .monaco-menu',
  contextMenuItem: '.context-view .monaco-menu .action-item .action-label',
} as const;

/** The little of the DOM the in-page callbacks use (the repo compiles without lib "dom"). */
interface DomElement {
  textContent: string | null;
  classList: { contains(name: string): boolean };
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  closest(selector: string): DomElement | null;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
/** A string matches exactly (surrounding whitespace ignored); a RegExp as given. */
export function exactly(m: TextMatch): RegExp {
  return typeof m === 'string' ? new RegExp(`^\\s*${escapeRegExp(m)}\\s*$`) : m;
}
function matches(m: TextMatch, text: string): boolean {
  return exactly(m).test(text);
}
function contains(m: TextMatch, text: string): boolean {
  return typeof m === 'string' ? text.includes(m) : m.test(text);
}

export interface QuickInputItem {
  /** Row index in the list (data-index). */
  index: number;
  label: string;
  description: string;
  detail: string;
  focused: boolean;
}

/** The quick input widget: command palette, QuickPick and InputBox share it. */
export class QuickInput {
  readonly widget: Locator;
  readonly input: Locator;

  constructor(readonly page: Page) {
    this.widget = page.locator(SEL.quickInput);
    this.input = page.locator(SEL.quickInputBox);
  }

  async isOpen(): Promise<boolean> {
    return this.widget.isVisible();
  }

  /**
   * Wait until the widget is open and, if given, shows this placeholder and title (strings: exact) and prompt
   * message (string: contained, as VS Code appends "(Press 'Enter' to confirm or 'Escape' to cancel)").
   */
  async waitForOpen(opts: { placeholder?: TextMatch; title?: TextMatch; message?: TextMatch; timeout?: number } = {}): Promise<void> {
    const timeout = opts.timeout ?? 15_000;
    await this.input.waitFor({ state: 'visible', timeout });
    const deadline = Date.now() + timeout;
    for (;;) {
      const ok =
        (await this.widget.isVisible()) &&
        (!opts.placeholder || matches(opts.placeholder, await this.placeholder())) &&
        (!opts.title || matches(opts.title, await this.title())) &&
        (!opts.message || contains(opts.message, await this.message()));
      if (ok) return;
      if (Date.now() > deadline) {
        throw new Error(
          `quick input did not show ${JSON.stringify({ placeholder: String(opts.placeholder ?? ''), title: String(opts.title ?? ''), message: String(opts.message ?? '') })}; ` +
            `it shows placeholder="${await this.placeholder()}" title="${await this.title()}" message="${await this.message()}"`,
        );
      }
      await this.page.waitForTimeout(100);
    }
  }

  async waitForClosed(timeout = 10_000): Promise<void> {
    await this.widget.waitFor({ state: 'hidden', timeout });
  }

  async placeholder(): Promise<string> {
    return (await this.input.getAttribute('placeholder').catch(() => null)) ?? '';
  }
  async title(): Promise<string> {
    const t = this.page.locator(SEL.quickInputTitle);
    return (await t.isVisible()) ? ((await t.textContent()) ?? '').trim() : '';
  }
  /** The prompt of an InputBox, or its validation message while the value is invalid. */
  async message(): Promise<string> {
    const m = this.page.locator(SEL.quickInputMessage);
    return (await m.isVisible()) ? ((await m.textContent()) ?? '').trim() : '';
  }
  async value(): Promise<string> {
    return this.input.inputValue();
  }
  async isPassword(): Promise<boolean> {
    return (await this.input.getAttribute('type')) === 'password';
  }
  /** True while the InputBox shows a validation error. */
  async hasError(): Promise<boolean> {
    return this.page.locator(`${SEL.quickInput} .quick-input-box .monaco-inputbox.error`).isVisible();
  }

  /** The rendered rows (the list is virtualised: only what fits on screen). */
  async items(): Promise<QuickInputItem[]> {
    const rows = await this.page.locator(SEL.quickInputRows).evaluateAll((els: unknown[]) =>
      (els as DomElement[]).map((el) => {
        const text = (sel: string): string => (el.querySelector(sel)?.textContent ?? '').trim();
        return {
          index: Number(el.getAttribute('data-index')),
          // the first .label-name of the row is the label; the detail line has its own in .quick-input-list-label-meta
          label: text('.quick-input-list-row .monaco-icon-label .label-name'),
          description: text('.label-description'),
          detail: text('.quick-input-list-label-meta .label-name'),
          focused: el.classList.contains('focused'),
        };
      }),
    );
    return rows.sort((a, b) => a.index - b.index);
  }
  async labels(): Promise<string[]> {
    return (await this.items()).map((i) => i.label);
  }

  /** Wait until a row with this label is rendered and return it. */
  async waitForItem(label: TextMatch, timeout = 10_000): Promise<QuickInputItem> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const item = (await this.items()).find((i) => matches(label, i.label));
      if (item) return item;
      if (Date.now() > deadline) {
        throw new Error(`no quick pick item ${String(label)}; visible: ${JSON.stringify(await this.labels())}`);
      }
      await this.page.waitForTimeout(100);
    }
  }

  /** Replace the input's value (filters a QuickPick; sets an InputBox). */
  async fill(text: string): Promise<void> {
    await this.input.waitFor({ state: 'visible' });
    await this.input.fill(text);
  }
  /** Type key by key (triggers per-keystroke validation like a user). */
  async type(text: string, delay = 10): Promise<void> {
    await this.input.waitFor({ state: 'visible' });
    await this.input.pressSequentially(text, { delay });
  }

  /** Click the row whose label matches (exact for strings). Filters by `filter` first if given. */
  async pick(label: TextMatch, opts: { filter?: string; timeout?: number } = {}): Promise<void> {
    if (opts.filter !== undefined) await this.fill(opts.filter);
    const item = await this.waitForItem(label, opts.timeout);
    await this.page.locator(`${SEL.quickInputRows}[data-index="${item.index}"]`).click();
  }

  async accept(): Promise<void> {
    await this.input.press('Enter');
  }
  async cancel(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.waitForClosed();
  }

  /** Click a button in the quick input's title bar by its tooltip (aria-label). */
  async clickTitleButton(tooltip: TextMatch): Promise<void> {
    const buttons = this.page.locator(SEL.quickInputTitleButtons);
    await buttons.first().waitFor({ state: 'visible', timeout: 10_000 });
    const all = await buttons.evaluateAll((els: unknown[]) => (els as DomElement[]).map((el) => el.getAttribute('aria-label') ?? el.getAttribute('title') ?? ''));
    const i = all.findIndex((t) => matches(tooltip, t));
    if (i < 0) throw new Error(`no quick input title button ${String(tooltip)}; there are: ${JSON.stringify(all)}`);
    await buttons.nth(i).click();
  }
}

export interface WorkbenchOptions {
  /** Where screenshot() writes (default: <repo>/test-results/screenshots, or $UI_SCREENSHOT_DIR). */
  screenshotDir?: string;
}

export class Workbench {
  readonly quickInput: QuickInput;
  readonly screenshotDir: string;

  constructor(
    readonly page: Page,
    opts: WorkbenchOptions = {},
  ) {
    this.quickInput = new QuickInput(page);
    this.screenshotDir = path.resolve(opts.screenshotDir ?? process.env.UI_SCREENSHOT_DIR ?? path.join(REPO_ROOT, 'test-results', 'screenshots'));
  }

  /** The workbench has rendered its parts. */
  async waitForWorkbench(timeout = 60_000): Promise<void> {
    await this.page.waitForSelector(SEL.workbench, { timeout });
    await this.page.waitForSelector(SEL.activityItems, { timeout });
  }

  /**
   * Command palette: F1, `>title`, click the row whose label is exactly `title` (not whatever fuzzy match is on
   * top). Closes and retries while the command is not listed yet (extension contributions arrive after start-up
   * and an open palette does not pick them up). Resolves once the palette has given way (closed or replaced by
   * the command's own quick input).
   */
  async runCommand(title: string, opts: { timeout?: number } = {}): Promise<void> {
    const deadline = Date.now() + (opts.timeout ?? 20_000);
    const qi = this.quickInput;
    for (;;) {
      if (await qi.isOpen()) await qi.cancel();
      await this.page.keyboard.press('F1');
      await qi.input.waitFor({ state: 'visible', timeout: 10_000 });
      await qi.fill(`>${title}`);
      try {
        await qi.pick(title, { timeout: 3000 });
        break;
      } catch (e) {
        if (Date.now() > deadline) {
          throw new Error(`command "${title}" not found in the command palette`, { cause: e });
        }
      }
    }
    // the palette closes, or the command's own QuickPick / InputBox takes the widget over
    const until = Date.now() + 10_000;
    while ((await qi.isOpen()) && (await qi.value().catch(() => '')).startsWith('>')) {
      if (Date.now() > until) throw new Error(`the command palette stayed open after choosing "${title}"`);
      await this.page.waitForTimeout(50);
    }
  }

  /**
   * Answer an InputBox (showInputBox / createInputBox): optionally check its title, prompt, placeholder and
   * that it is a password box, fill the value, press Enter and wait until it closes (or the next step of a
   * multi-step input replaces it). Throws with the validation message if the value is rejected.
   */
  async answerInputBox(text: string, opts: { title?: TextMatch; prompt?: TextMatch; placeholder?: TextMatch; password?: boolean; timeout?: number } = {}): Promise<void> {
    const qi = this.quickInput;
    await qi.waitForOpen({ title: opts.title, message: opts.prompt, placeholder: opts.placeholder, timeout: opts.timeout });
    if (opts.password !== undefined && (await qi.isPassword()) !== opts.password) {
      throw new Error(`expected ${opts.password ? 'a password' : 'a plain'} input box`);
    }
    await qi.fill(text);
    // validateInput runs in the extension host: let a stale error (from an earlier value) clear first, since
    // VS Code ignores Enter while the box shows a validation error
    await this.page.waitForTimeout(150);
    const settle = Date.now() + 1500;
    while ((await qi.hasError()) && Date.now() < settle) await this.page.waitForTimeout(100);
    if (await qi.hasError()) throw new Error(`the input box rejects the value; it says: "${await qi.message()}"`);
    // the box closes, or the next step of a multi-step input takes the widget over (a different state)
    const state = async (): Promise<string> => JSON.stringify([await qi.title(), await qi.placeholder(), await qi.value().catch(() => ''), await qi.isPassword()]);
    const answered = await state();
    await qi.accept();
    const until = Date.now() + 5000;
    let retried = false;
    while ((await qi.isOpen()) && (await state()) === answered) {
      if (await qi.hasError()) throw new Error(`the input box rejects the value; it says: "${await qi.message()}"`);
      if (Date.now() > until) throw new Error(`the input box stayed open; it says: "${await qi.message()}"`);
      if (!retried && Date.now() > until - 4000) {
        retried = true; // Enter may have raced a pending validation: press it once more
        await qi.accept().catch(() => undefined);
      }
      await this.page.waitForTimeout(100);
    }
  }

  // ----- notifications --------------------------------------------------------------------------------------

  /** The toast whose message contains the string (or matches the RegExp), once its slide-in is done. */
  toast(text: TextMatch): Locator {
    return this.page
      .locator(`${SEL.toast}.notification-fade-in-done`)
      .filter({ has: this.page.locator(SEL.toastMessage, { hasText: text }) })
      .first();
  }

  /** Wait for a notification toast containing `text` (substring) or matching the RegExp; returns its message. */
  async waitForToast(text: TextMatch, timeout = 15_000): Promise<string> {
    const message = this.toast(text).locator(SEL.toastMessage);
    try {
      await message.waitFor({ state: 'visible', timeout });
    } catch (e) {
      const shown = await this.toastMessages().catch(() => []);
      throw new Error(`no notification toast matching ${String(text)} within ${timeout} ms; on screen: ${JSON.stringify(shown)}`, {
        cause: e,
      });
    }
    return ((await message.textContent()) ?? '').trim();
  }

  /** Messages of all toasts on screen. */
  async toastMessages(): Promise<string[]> {
    return (await this.page.locator(`${SEL.toast} ${SEL.toastMessage}`).allTextContents()).map((t) => t.trim());
  }

  /** Click a button (e.g. "Undo", "Sign In") of the toast containing / matching `text`. */
  async clickToastButton(text: TextMatch, button: TextMatch, timeout = 15_000): Promise<void> {
    const toast = this.toast(text);
    await toast.waitFor({ state: 'visible', timeout });
    const btn = toast
      .locator(SEL.toastButton)
      .filter({ hasText: exactly(button) })
      .first();
    await btn.waitFor({ state: 'visible', timeout: 5000 });
    await btn.click();
  }

  /** Close the toast containing / matching `text` with its × action. */
  async dismissToast(text: TextMatch): Promise<void> {
    const toast = this.toast(text);
    await toast.hover();
    await toast.locator('.codicon-notifications-clear').click();
    await toast.waitFor({ state: 'hidden', timeout: 5000 });
  }

  async clearNotifications(): Promise<void> {
    await this.runCommand('Notifications: Clear All Notifications');
  }

  // ----- views ----------------------------------------------------------------------------------------------

  /** Open a view container from the activity bar by its title (e.g. "Chatwoot"); no-op when already open. */
  async openViewContainer(title: string, timeout = 30_000): Promise<void> {
    // the <li>, not its <a>: a number badge on the icon would intercept a click on the <a>
    const item = this.page
      .locator(SEL.activityItems)
      .filter({ has: this.page.locator(`a.action-label[aria-label^="${title.replace(/"/g, '\\"')}"]`) })
      .first();
    await item.waitFor({ state: 'visible', timeout });
    const checked = await item.evaluate((el: unknown) => (el as DomElement).classList.contains('checked'));
    if (!checked) {
      await item.click();
      await this.moveMouseAway(); // no tooltip over the view in screenshots
    }
    await this.page
      .locator(`${SEL.sidebar} .composite.title .title-label h2`)
      .filter({ hasText: new RegExp(`^${escapeRegExp(title)}`, 'i') })
      .first()
      .waitFor({ state: 'visible', timeout: 10_000 });
  }

  /** Click an action in a view's title bar (e.g. "Refresh") by its tooltip. */
  async clickViewAction(tooltip: TextMatch): Promise<void> {
    const actions = this.page.locator(`${SEL.sidebar} .composite.title .title-actions .action-label`);
    const labels = await actions.evaluateAll((els: unknown[]) => (els as DomElement[]).map((el) => el.getAttribute('aria-label') ?? ''));
    const i = labels.findIndex((l) => matches(tooltip, l));
    if (i < 0) throw new Error(`no view action ${String(tooltip)}; there are: ${JSON.stringify(labels)}`);
    await actions.nth(i).click();
  }

  /** A tree row in the side bar whose label is exactly `label` (or matches the RegExp). Waits for it. */
  async treeItem(label: TextMatch, opts: { view?: string; timeout?: number } = {}): Promise<Locator> {
    const scope = opts.view
      ? this.page
          .locator(`${SEL.sidebar} .pane`)
          .filter({ has: this.page.locator('.pane-header h3.title', { hasText: exactly(opts.view) }) })
          .locator('.monaco-list-row[role="treeitem"]')
      : this.page.locator(SEL.treeRows);
    const row = scope.filter({ has: this.page.locator('.label-name', { hasText: exactly(label) }) }).first();
    await row.waitFor({ state: 'visible', timeout: opts.timeout ?? 15_000 });
    return row;
  }

  /** Labels of the rendered tree rows of the side bar, top to bottom. */
  async treeLabels(): Promise<string[]> {
    const rows = await this.page.locator(SEL.treeRows).evaluateAll((els: unknown[]) =>
      (els as DomElement[]).map((el) => ({
        i: Number(el.getAttribute('data-index')),
        label: (el.querySelector('.label-name')?.textContent ?? '').trim(),
      })),
    );
    return rows.sort((a, b) => a.i - b.i).map((r) => r.label);
  }

  /**
   * Expand a collapsible tree row (no-op when expanded). Waits until it is expanded and, for up to
   * `childTimeout` ms, until its first child is rendered (children load asynchronously; a node may have none).
   */
  async expandTreeItem(row: Locator | TextMatch, opts: { childTimeout?: number } = {}): Promise<Locator> {
    const loc = typeof row === 'string' || row instanceof RegExp ? await this.treeItem(row) : row;
    if ((await loc.getAttribute('aria-expanded')) === 'false') {
      await loc.locator('.monaco-tl-twistie').click();
    }
    const until = Date.now() + 10_000;
    while ((await loc.getAttribute('aria-expanded')) !== 'true') {
      if (Date.now() > until) throw new Error('the tree item did not expand');
      await this.page.waitForTimeout(50);
    }
    const index = Number(await loc.getAttribute('data-index'));
    const level = Number(await loc.getAttribute('aria-level'));
    const child = loc
      .locator('xpath=ancestor::*[contains(concat(" ", normalize-space(@class), " "), " monaco-list-rows ")][1]')
      .locator(`.monaco-list-row[data-index="${index + 1}"][aria-level="${level + 1}"]`);
    await child.waitFor({ state: 'attached', timeout: opts.childTimeout ?? 3000 }).catch(() => undefined);
    return loc;
  }

  /** Collapse an expanded tree row. */
  async collapseTreeItem(row: Locator | TextMatch): Promise<void> {
    const loc = typeof row === 'string' || row instanceof RegExp ? await this.treeItem(row) : row;
    if ((await loc.getAttribute('aria-expanded')) === 'true') await loc.locator('.monaco-tl-twistie').click();
  }

  /**
   * Right-click `row` and choose `entry` from the context menu. A plain click() is ignored by VS Code's menu
   * (mouse down and up in the same instant), so hover first and hold the button for 100 ms.
   */
  async contextMenu(row: Locator, entry: TextMatch): Promise<void> {
    await row.click({ button: 'right' });
    const item = this.page
      .locator(SEL.contextMenuItem)
      .filter({ hasText: exactly(entry) })
      .first();
    try {
      await item.waitFor({ state: 'visible', timeout: 10_000 });
    } catch {
      const entries = await this.page.locator(SEL.contextMenuItem).allTextContents();
      await this.page.keyboard.press('Escape');
      throw new Error(`no context menu entry ${String(entry)}; there are: ${JSON.stringify(entries.map((e) => e.trim()))}`);
    }
    await item.hover();
    await item.click({ delay: 100 });
    await this.page.locator(SEL.contextMenu).waitFor({ state: 'hidden', timeout: 5000 });
  }

  // ----- evidence -------------------------------------------------------------------------------------------

  /** Park the mouse over the editor area so no hover / tooltip shows. */
  async moveMouseAway(): Promise<void> {
    const size = this.page.viewportSize() ?? { width: 1280, height: 800 };
    await this.page.mouse.move(Math.round(size.width * 0.7), Math.round(size.height * 0.45));
  }

  /** Save a PNG of the page into the screenshot dir; returns its path. */
  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(this.screenshotDir, { recursive: true });
    let base = name.replace(/[^\w.-]+/g, '_');
    if (base.length > 120) base = `${base.slice(0, 96)}~${base.slice(-23)}`; // keep suffixes like -FAILED
    const file = path.join(this.screenshotDir, `${base}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /** A screenshot that the README shows: taken like the others, then copied to docs/images/<name>.png. */
  async docScreenshot(name: string, docName: string): Promise<string> {
    const file = await this.screenshot(name);
    const docs = path.join(REPO_ROOT, 'docs', 'images');
    fs.mkdirSync(docs, { recursive: true });
    fs.copyFileSync(file, path.join(docs, `${docName}.png`));
    return file;
  }
}

// -------------------------------------------------------------------------------------------------------------
// Bootstrap: code-server + chromium + workbench page, torn down reliably.

export interface OpenWorkbenchOptions {
  /** Install these packaged extensions (the real user path). */
  vsix?: string | string[];
  /** Or: symlink extension folders into the extensions dir (no packaging). */
  linkExtensions?: string[];
  /** Or: load one as extension under development (URL payload; title gets "[Extension Development Host]"). */
  extensionDevelopmentPath?: string;
  /** User settings. */
  settings?: Record<string, unknown>;
  /** Environment of the server and its extension host. */
  env?: Record<string, string>;
  /** VS Code's display language, e.g. `pt-br` (see `StartCodeServerOptions.locale`). */
  locale?: string;
  /** Folder to open (default: a fresh empty temp folder, removed on close). */
  folder?: string;
  viewport?: { width: number; height: number };
  mode?: ServerMode;
  screenshotDir?: string;
  /** Server log and browser console to stderr (also VSCODE_TEST_VERBOSE=1). */
  verbose?: boolean;
}

export interface WorkbenchSession {
  server: CodeServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  wb: Workbench;
  folder: string;
  /** Uncaught page errors (workbench-internal ones included). */
  pageErrors: string[];
  /** Non-loopback requests the network guard aborted (should stay empty). */
  blockedRequests: string[];
  /** Close browser, stop the server, remove temp dirs. Idempotent; never throws. */
  close(): Promise<void>;
}

export async function openWorkbench(opts: OpenWorkbenchOptions = {}): Promise<WorkbenchSession> {
  const verbose = opts.verbose ?? process.env.VSCODE_TEST_VERBOSE === '1';
  const ownFolder = !opts.folder;
  const folder = path.resolve(opts.folder ?? fs.mkdtempSync(path.join(os.tmpdir(), 'vscode-ui-ws-')));
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      await browser?.close().catch(() => undefined);
      await server?.stop().catch(() => undefined);
      if (ownFolder) fs.rmSync(folder, { recursive: true, force: true });
    })());
  try {
    server = await startCodeServer({
      mode: opts.mode,
      folder,
      vsix: opts.vsix,
      linkExtensions: opts.linkExtensions,
      settings: opts.settings,
      env: opts.env,
      locale: opts.locale,
      log: verbose ? (l) => process.stderr.write(`[server] ${l}\n`) : undefined,
    });
    browser = await launchChromium();
    const { context, blocked } = await newGuardedContext(browser, { viewport: opts.viewport ?? { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    if (verbose) page.on('console', (m) => process.stderr.write(`[console.${m.type()}] ${m.text()}\n`));
    const payload: [string, string][] | undefined = opts.extensionDevelopmentPath
      ? [
          ['extensionDevelopmentPath', server.remoteUri(opts.extensionDevelopmentPath)],
          ['skipWelcome', 'true'],
        ]
      : undefined;
    await page.goto(server.workbenchUrl({ folder, payload }));
    const wb = new Workbench(page, { screenshotDir: opts.screenshotDir });
    await wb.waitForWorkbench();
    return { server, browser, context, page, wb, folder, pageErrors, blockedRequests: blocked, close };
  } catch (e) {
    await close();
    throw e;
  }
}

/** Open a workbench, run `fn`, always close (screenshot `<name>-FAILED` on failure when a name is given). */
export async function withWorkbench<T>(opts: OpenWorkbenchOptions & { name?: string }, fn: (s: WorkbenchSession) => Promise<T>): Promise<T> {
  const s = await openWorkbench(opts);
  try {
    return await fn(s);
  } catch (e) {
    if (opts.name) await s.wb.screenshot(`${opts.name}-FAILED`).catch(() => undefined);
    throw e;
  } finally {
    await s.close();
  }
}

export interface WorkbenchHandle {
  readonly session: WorkbenchSession;
  readonly wb: Workbench;
  readonly page: Page;
}

/**
 * Mocha BDD helper, call inside `describe`: opens one workbench for the suite in `before`, screenshots each
 * failed test (`<suite> <test>-FAILED.png`) in `afterEach`, and closes everything in `after` (also after a
 * failed `before`). `opts` may be a function, evaluated in `before` (e.g. to use a fake server's URL).
 */
export function useWorkbench(opts: OpenWorkbenchOptions | (() => OpenWorkbenchOptions | Promise<OpenWorkbenchOptions>), startTimeoutMs = 120_000): WorkbenchHandle {
  let session: WorkbenchSession | undefined;
  const get = (): WorkbenchSession => {
    if (!session) throw new Error('the workbench is not open (did before() fail?)');
    return session;
  };
  before(async function () {
    this.timeout(startTimeoutMs);
    session = await openWorkbench(typeof opts === 'function' ? await opts() : opts);
  });
  afterEach(async function () {
    const t = this.currentTest;
    if (session && t && t.state === 'failed') {
      const file = await session.wb.screenshot(`${t.fullTitle()}-FAILED`).catch(() => undefined);
      if (file) console.error(`    screenshot: ${path.relative(process.cwd(), file)}`);
    }
  });
  after(async function () {
    this.timeout(30_000);
    await session?.close();
  });
  return {
    get session() {
      return get();
    },
    get wb() {
      return get().wb;
    },
    get page() {
      return get().page;
    },
  };
}
