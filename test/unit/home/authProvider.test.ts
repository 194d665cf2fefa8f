/**
 * The `chatwoot` authentication provider in plain Node, with the benchmark's vscode stub: sessions
 * follow the connection and the profile, Sign Out from the Accounts menu is the Sign Out command,
 * and the profile is read only when VS Code asks and nothing knows it.
 */
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import type { Profile } from '../../../src/api';
import type * as AuthProviderModule from '../../../src/auth/authProvider';
import type { SessionCredentials } from '../../../src/auth/authProvider';
import type { StoreChange } from '../../../src/store/store';
import { EventEmitter, installVscodeStub, StubEditor } from '../../support/vscode/vscodeStub';

const SERVER: SessionCredentials = { origin: 'https://support.example.com', host: 'support.example.com', token: 'tok-alice' };
const ALICE = { id: 1, name: 'Alice Admin' } as Profile;

class FakeConnection {
  credentials: SessionCredentials | undefined;
  readonly changed = new EventEmitter<void>();
  readonly onDidChange = this.changed.event as vscode.Event<void>;
  set(c: SessionCredentials | undefined): void {
    this.credentials = c;
    this.changed.fire();
  }
}

class FakeStore {
  knownProfile: Profile | undefined;
  reads = 0;
  answer: () => Promise<Profile> = () => Promise.resolve(ALICE);
  private readonly changed = new EventEmitter<StoreChange>();
  readonly onDidChange = this.changed.event;
  profile(): Promise<Profile> {
    this.reads++;
    return this.answer().then((p) => (this.knownProfile = p));
  }
  setProfile(p: Profile | undefined): void {
    this.knownProfile = p;
    this.changed.fire({ profile: true });
  }
}

describe('ChatwootAuthenticationProvider', () => {
  let editor: StubEditor;
  let uninstall: () => void;
  let mod: typeof AuthProviderModule;
  let connection: FakeConnection;
  let store: FakeStore;
  let provider: AuthProviderModule.ChatwootAuthenticationProvider;
  let events: vscode.AuthenticationProviderAuthenticationSessionsChangeEvent[];
  const log = { info: () => undefined, warn: () => undefined };

  before(() => {
    editor = new StubEditor();
    uninstall = installVscodeStub(editor);
    // A fresh copy bound to this stub (another suite may have loaded it with its own).
    const file = require.resolve('../../../src/auth/authProvider');
    delete require.cache[file];
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require(file) as typeof AuthProviderModule;
  });
  after(() => uninstall());

  beforeEach(() => {
    editor.commands.clear();
    connection = new FakeConnection();
    store = new FakeStore();
    provider = new mod.ChatwootAuthenticationProvider({ connection, store, log });
    events = [];
    provider.onDidChangeSessions((e) => events.push(e));
  });
  afterEach(() => provider.dispose());

  it('labels the account "<name> (<host>)" with an id per origin and user', () => {
    const s = mod.toSession(SERVER, ALICE);
    assert.equal(s.account.label, 'Alice Admin (support.example.com)');
    assert.equal(s.id, 'https://support.example.com#1');
    assert.equal(s.accessToken, 'tok-alice');
    assert.deepEqual(s.scopes, []);
    assert.equal(mod.toSession({ ...SERVER, origin: 'HTTPS://Support.Example.com' }, ALICE).id, s.id, 'stable per origin');
    assert.equal(mod.toSession(SERVER, undefined).account.label, 'support.example.com');
  });

  it('signed out: no session, and nothing is read', async () => {
    assert.deepEqual(await provider.getSessions(undefined, {}), []);
    assert.equal(store.reads, 0);
  });

  it('signed in with a known profile: the session, without a request', async () => {
    connection.credentials = SERVER;
    store.knownProfile = ALICE;
    const [s] = await provider.getSessions([], {});
    assert.equal(s?.account.label, 'Alice Admin (support.example.com)');
    assert.equal(store.reads, 0);
  });

  it('an unknown profile is read once when VS Code asks; a failure shows the host and is not retried', async () => {
    connection.credentials = SERVER;
    store.answer = () => Promise.reject(new Error('offline'));
    const [s] = await provider.getSessions([], {});
    assert.equal(s?.account.label, 'support.example.com');
    await provider.getSessions([], {});
    assert.equal(store.reads, 1);
  });

  it('a connection change alone reads nothing before VS Code has asked (activation stays network-free)', async () => {
    connection.set(SERVER);
    await provider.settled();
    assert.equal(store.reads, 0);
    assert.equal(events.length, 1);
    assert.equal(events[0]?.added?.[0]?.account.label, 'support.example.com');
  });

  it('sign-in then profile: one "added" event with the name; sign-out: "removed"', async () => {
    await provider.getSessions([], {});
    connection.set(SERVER);
    store.setProfile(ALICE); // what Set API Token does right after storing the token
    await provider.settled();
    assert.equal(events.length, 1);
    assert.equal(events[0]?.added?.[0]?.account.label, 'Alice Admin (support.example.com)');
    assert.equal(store.reads, 0);

    store.setProfile(undefined);
    connection.set(undefined); // another window signed out: SecretStorage → TokenStore → Connection
    await provider.settled();
    assert.equal(events.length, 2);
    assert.equal(events[1]?.removed?.[0]?.id, 'https://support.example.com#1');
    assert.deepEqual(await provider.getSessions([], {}), []);
  });

  it('removeSession runs Chatwoot: Sign Out for the current session only', async () => {
    let signOuts = 0;
    editor.commands.set('chatwoot.signOut', () => {
      signOuts++;
      connection.set(undefined);
    });
    connection.credentials = SERVER;
    store.knownProfile = ALICE;
    const [s] = await provider.getSessions([], {});
    await provider.removeSession('https://other.example.com#1');
    assert.equal(signOuts, 0);
    await provider.removeSession(s.id);
    assert.equal(signOuts, 1);
    await provider.settled();
    assert.equal(events.at(-1)?.removed?.[0]?.id, s.id);
  });

  it('createSession runs Set API Token and rejects when it is cancelled', async () => {
    editor.commands.set('chatwoot.signIn', () => undefined);
    await assert.rejects(provider.createSession([], {}), /Cancelled/);
    editor.commands.set('chatwoot.signIn', () => {
      connection.set(SERVER);
      store.setProfile(ALICE);
      return { name: ALICE.name };
    });
    const s = await provider.createSession([], {});
    assert.equal(s.account.label, 'Alice Admin (support.example.com)');
    assert.equal(s.accessToken, 'tok-alice');
  });

  it('sessionsChange: a new token for the same user is a change, another user a swap', () => {
    const a = mod.toSession(SERVER, ALICE);
    assert.equal(mod.sessionsChange(a, a), undefined);
    assert.deepEqual(mod.sessionsChange(a, { ...a, accessToken: 'new' })?.changed?.length, 1);
    const b = mod.toSession(SERVER, { id: 2, name: 'Bob' });
    assert.deepEqual(mod.sessionsChange(a, b), { added: [b], removed: [a], changed: [] });
  });
});
