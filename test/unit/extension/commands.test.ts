/**
 * The command table (src/commands) against package.json's `contributes`, and the one wrapper every
 * command runs in (registerCommands): the sign-in guard, quiet cancellation and error reporting.
 * A command contributed without a handler, a menu naming a command or context key that does not
 * exist, or a `viewItem` token no node carries fails here, not in a user's editor.
 */
import { editor } from '../../support/vscode/install';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ChatwootError } from '../../../src/api';
import { FlowCancelled } from '../../../src/assign/flowCancelled';
import { Commands, type CommandId } from '../../../src/commands/ids';
import { registerCommands } from '../../../src/commands/register';
import type { Services } from '../../../src/commands/services';
import { COMMAND_TABLE, type CommandSpec } from '../../../src/commands/table';
import { ContextKeys } from '../../../src/contextKeys';
import { SEED_TOKENS, useFake, type FakeContext } from '../helpers/fakeServer';
import { recordingLogger, type RecordingLogger } from './logger';
import { storeOn } from './storeHarness';

interface Contributes {
  commands: Array<{ command: string; title: string; category?: string }>;
  views: Record<string, Array<{ id: string }>>;
  viewsWelcome: Array<{ view: string; when?: string; contents: string }>;
  menus: Record<string, Array<{ command: string; when?: string }>>;
  keybindings?: Array<{ command: string; when?: string }>;
}

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
/** package.json with its `%key%` strings replaced by the English of package.nls.json, as VS Code shows them. */
const NLS = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
const PACKAGE = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'), (_k, v: unknown) =>
  typeof v === 'string' && /^%[^%\s]+%$/.test(v) ? (NLS[v.slice(1, -1)] ?? v) : v,
) as { contributes: Contributes };
const contributes = PACKAGE.contributes;
const VIEW_IDS = Object.values(contributes.views).flatMap((views) => views.map((v) => v.id));
/** Context keys VS Code itself sets that our `when` clauses may use. */
const VSCODE_KEYS = new Set(['view', 'viewItem', 'listMultiSelection', 'focusedView', 'listFocus', 'inputFocus', 'isMac', 'isWindows', 'isLinux', 'true', 'false']);
/** VS Code's own commands our welcome views link to. */
const VSCODE_COMMANDS = new Set(['workbench.action.openSettings']);
/** Every token a tree node's `contextValue` can carry (src/views). */
const NODE_TOKENS = new Set([
  'account',
  'suspended',
  'group',
  'loadMore',
  'message',
  'error',
  'action',
  'conversation',
  'assigned',
  'unassigned',
  'mine',
  'notMine',
  'hasTeam',
  'bot',
]);

/** Every `when` clause of the contributions, with where it is. */
function whenClauses(): Array<{ where: string; when: string }> {
  const out: Array<{ where: string; when: string }> = [];
  for (const [menu, items] of Object.entries(contributes.menus)) for (const i of items) if (i.when) out.push({ where: `${menu} ${i.command}`, when: i.when });
  for (const w of contributes.viewsWelcome) if (w.when) out.push({ where: `viewsWelcome ${w.view}`, when: w.when });
  for (const k of contributes.keybindings ?? []) if (k.when) out.push({ where: `keybinding ${k.command}`, when: k.when });
  return out;
}

/** The terms of a `when` clause: `key`, `key == value`, `key =~ /re/`, joined by && / || / ! / parentheses. */
function terms(when: string): Array<{ key: string; op?: string; value?: string }> {
  return when
    .split(/&&|\|\|/)
    .map((t) => t.trim().replace(/^[!(\s]+|[)\s]+$/g, ''))
    .map((t) => {
      const m = /^([\w.]+)\s*(==|!=|=~)\s*(.+)$/.exec(t);
      return m ? { key: m[1], op: m[2], value: m[3].trim() } : { key: t };
    });
}

describe('command table ↔ package.json contributes', () => {
  const contributed = contributes.commands.map((c) => c.command);

  it('every contributed command has a table entry, and every table entry is contributed', () => {
    assert.deepEqual([...contributed].sort(), Object.keys(COMMAND_TABLE).sort());
    assert.deepEqual(Object.values(Commands).sort(), Object.keys(COMMAND_TABLE).sort());
    assert.equal(new Set(contributed).size, contributed.length, 'contributed once each');
  });

  it("a table entry's title (used in error notifications) is its palette title, in the Chatwoot category", () => {
    for (const c of contributes.commands) {
      assert.equal(c.category, 'Chatwoot', c.command);
      assert.equal(COMMAND_TABLE[c.command as CommandId].title, c.title.replace(/…$/, ''), c.command);
    }
  });

  it('every menu and keybinding names a command of the table', () => {
    const referenced = [...Object.values(contributes.menus).flat(), ...(contributes.keybindings ?? [])].map((i) => i.command);
    assert.ok(referenced.length > 10);
    for (const id of referenced) assert.ok(id in COMMAND_TABLE, `${id} is not in the command table`);
  });

  it('every command: link of a welcome view names a command of the table (or one of VS Code)', () => {
    const links = contributes.viewsWelcome.flatMap((w) => [...w.contents.matchAll(/\(command:([\w.]+)/g)].map((m) => m[1]));
    assert.ok(links.includes(Commands.signIn) && links.includes(Commands.refresh));
    for (const id of links) assert.ok(id in COMMAND_TABLE || VSCODE_COMMANDS.has(id), `welcome view links to unknown command ${id}`);
    for (const w of contributes.viewsWelcome) assert.ok(VIEW_IDS.includes(w.view), w.view);
  });

  it('every when-clause key is one the extension sets (chatwoot.*) or one of VS Code; views and viewItem tokens exist', () => {
    const ours = new Set<string>(Object.values(ContextKeys));
    const used = new Set<string>();
    for (const { where, when } of whenClauses()) {
      for (const { key, op, value } of terms(when)) {
        if (key.startsWith('chatwoot.')) {
          assert.ok(ours.has(key), `${where}: ${key} is never set by the extension`);
          used.add(key);
        } else {
          assert.ok(VSCODE_KEYS.has(key), `${where}: unknown context key ${key}`);
        }
        if (key === 'view') assert.ok(op === '==' && VIEW_IDS.includes(value ?? ''), `${where}: ${when}`);
        if (key === 'viewItem') {
          assert.equal(op, '=~', where);
          const words = [...(value ?? '').replace(/\\b/g, ' ').matchAll(/[A-Za-z]+/g)].map((m) => m[0]);
          for (const w of words) assert.ok(NODE_TOKENS.has(w), `${where}: no node carries "${w}"`);
        }
      }
    }
    assert.deepEqual([...used].sort(), [...ours].sort(), 'every context key the extension sets is used');
  });
});

describe('registerCommands: sign-in guard, cancellation, error reporting', () => {
  let ctx: FakeContext;
  let log: RecordingLogger;
  let signedIn: boolean;
  let services: Services;
  let registered: Array<{ dispose(): void }> = [];

  before(async () => (ctx = await useFake()));
  after(() => ctx.close());
  beforeEach(() => {
    ctx.fake.reset();
    editor.clearRecords();
    log = recordingLogger();
    signedIn = false;
    const client = ctx.client(SEED_TOKENS.alice);
    const { store } = storeOn(client);
    services = {
      connection: {
        get signedIn() {
          return signedIn;
        },
        client: () => client,
        webUrl: () => 'http://example.invalid',
      },
      store,
      log,
      events: { fire: () => undefined },
      view: { refreshCommand: () => undefined, loadMoreCommand: () => Promise.resolve() },
    } as unknown as Services;
  });
  afterEach(() => {
    for (const d of registered) d.dispose();
    registered = [];
    services.store.dispose();
  });

  /** Registers a table where only `spec` (under chatwoot.assignConversation) matters. */
  function register(spec: Partial<CommandSpec> & Pick<CommandSpec, 'run'>, signIn: CommandSpec['run'] = () => undefined): void {
    const table = { ...COMMAND_TABLE, [Commands.assignConversation]: { title: 'Assign Conversation', ...spec }, [Commands.signIn]: { title: 'Set API Token', run: signIn } };
    registered = registerCommands(services, table);
  }
  const tick = () => new Promise((r) => setImmediate(r));

  it('signed out, every command that needs a sign-in prompts for the token and sends no request', async () => {
    registered = registerCommands(services, COMMAND_TABLE);
    assert.equal(registered.length, Object.keys(COMMAND_TABLE).length);
    const guarded = Object.entries(COMMAND_TABLE).filter(([, spec]) => spec.needsSignIn);
    assert.ok(guarded.length >= 5);
    for (const [id, spec] of guarded) {
      editor.clearRecords();
      assert.equal(await editor.execute(id, { accountId: 1, conversationId: 21, assigneeId: 1 }), undefined);
      assert.deepEqual(
        editor.shown.map((s) => [s.severity, s.message, s.buttons]),
        [['warning', spec.needsSignIn, ['Set API Token']]],
        id,
      );
      assert.match(spec.needsSignIn ?? '', /^You are not signed in to Chatwoot\. Set your API token to [a-z ]+\.$/, id);
    }
    await tick();
    assert.deepEqual(ctx.fake.requests, []);
  });

  it('the prompt\'s "Set API Token" runs chatwoot.signIn; a command without needsSignIn runs signed out', async () => {
    let ran = 0;
    let signIns = 0;
    register({ needsSignIn: 'assign conversations', run: () => ran++ }, () => signIns++);
    editor.answerMessage = (_m, buttons) => buttons[0];
    await editor.execute(Commands.assignConversation);
    await tick();
    assert.equal(ran, 0);
    assert.equal(signIns, 1);
    await editor.execute(Commands.showLog);
    assert.equal(log.shown, 1);
  });

  it('signed in, the handler gets the arguments and its result comes back', async () => {
    signedIn = true;
    register({ needsSignIn: 'assign conversations', run: (_s, a, b) => ({ a, b }) });
    assert.deepEqual(await editor.execute(Commands.assignConversation, 1, [2]), { a: 1, b: [2] });
    assert.deepEqual(editor.shown, []);
  });

  for (const [name, error] of [
    ['FlowCancelled (Escape)', new FlowCancelled()],
    ['an AbortError', new DOMException('The operation was aborted.', 'AbortError')],
    ['a cancelled ChatwootError', new ChatwootError('cancelled', 'Cancelled.')],
  ] as const) {
    it(`${name} ends the command quietly`, async () => {
      signedIn = true;
      register({ run: () => Promise.reject(error) });
      assert.equal(await editor.execute(Commands.assignConversation), undefined);
      assert.deepEqual(editor.shown, []);
      assert.deepEqual(
        log.lines.filter((l) => l.level === 'error'),
        [],
      );
    });
  }

  it('any other failure becomes ONE error notification titled with the spec title, and a log line; the command resolves', async () => {
    signedIn = true;
    const boom = new Error('Something broke.');
    register({ run: () => Promise.reject(boom) });
    assert.equal(await editor.execute(Commands.assignConversation), undefined);
    assert.deepEqual(
      editor.shown.map((s) => [s.severity, s.message, s.buttons]),
      [['error', 'Assign Conversation: Something broke.', ['Show Log']]],
    );
    assert.deepEqual(
      log.lines.filter((l) => l.level === 'error').map((l) => [l.message, l.error]),
      [['Assign Conversation', boom]],
    );
  });

  it('a refused token (thrown synchronously) offers Set API Token', async () => {
    signedIn = true;
    register({
      run: () => {
        throw new ChatwootError('invalid-token', 'The Chatwoot server does not accept this API token.', { status: 401 });
      },
    });
    await editor.execute(Commands.assignConversation);
    assert.equal(editor.shown.length, 1);
    assert.match(editor.shown[0].message, /^Assign Conversation: The Chatwoot server does not accept this API token\. Set a new token/);
    assert.deepEqual(editor.shown[0].buttons, ['Set API Token']);
  });

  it('disposing the registrations unregisters every command', async () => {
    registered = registerCommands(services, COMMAND_TABLE);
    for (const d of registered) d.dispose();
    registered = [];
    await assert.rejects(editor.execute(Commands.refresh), /not registered/);
  });
});
