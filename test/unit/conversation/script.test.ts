/**
 * The page script (render/script.ts) run in a Node `vm` against a minimal fake DOM: it must post
 * the protocol's messages for buttons and links, never let a link navigate, and insert live
 * messages once each (ids already shown are skipped) at the right end.
 */
import * as assert from 'node:assert/strict';
import * as vm from 'node:vm';
import { pageScript } from '../../../src/conversation/render';

interface FakeElement {
  nodeType: 1;
  attrs: Record<string, string>;
  parentNode: FakeElement | null;
  disabled?: boolean;
  matches(selector: string): boolean;
  getAttribute(name: string): string | null;
}

function element(tag: string, attrs: Record<string, string>, parent: FakeElement | null = null): FakeElement {
  return {
    nodeType: 1,
    attrs,
    parentNode: parent,
    matches: (selector) => (selector === 'a' ? tag === 'a' : selector === 'button[data-action]' ? tag === 'button' && 'data-action' in attrs : false),
    getAttribute: (name) => attrs[name] ?? null,
  };
}

function load() {
  const posted: unknown[] = [];
  const listeners: Record<string, (event: unknown) => void> = {};
  const shown = new Set<string>();
  const inserted: Array<{ where: 'end' | 'start'; html: string }> = [];
  const stub = () => ({ hidden: false, textContent: '', className: '', setAttribute() {}, removeAttribute() {}, querySelectorAll: () => [], contains: () => false });
  const list = {
    firstChild: null,
    appendChild: (f: { html: string[] }) => f.html.forEach((html) => inserted.push({ where: 'end', html })),
    insertBefore: (f: { html: string[] }) => f.html.forEach((html) => inserted.push({ where: 'start', html })),
  };
  const elements: Record<string, unknown> = {
    messages: list,
    'conversation-header': stub(),
    'load-older': stub(),
    'older-status': stub(),
    announcer: stub(),
    notice: stub(),
    empty: stub(),
  };
  const document = {
    scrollingElement: { scrollTop: 0, scrollHeight: 100, clientHeight: 100 },
    getElementById: (id: string) => elements[id] ?? (shown.has(id) ? {} : null),
    addEventListener: (type: string, fn: (event: unknown) => void) => (listeners[type] = fn),
    createDocumentFragment: () => ({
      html: [] as string[],
      appendChild(this: { html: string[] }, c: { html: string }) {
        this.html.push(c.html);
      },
    }),
    createElement: () => {
      const t = {
        content: { html: '' },
        set innerHTML(v: string) {
          t.content.html = v;
          for (const m of v.matchAll(/id="(message-\d+)"/g)) shown.add(m[1]);
        },
      };
      return t;
    },
  };
  const windowListeners: Record<string, (event: unknown) => void> = {};
  const context = {
    document,
    window: { addEventListener: (type: string, fn: (event: unknown) => void) => (windowListeners[type] = fn) },
    acquireVsCodeApi: () => ({ postMessage: (m: unknown) => posted.push(JSON.parse(JSON.stringify(m))) }), // plain objects of this realm
  };
  vm.runInNewContext(pageScript(), context);
  return { posted, listeners, windowListeners, inserted, shown };
}

describe('conversation page script', () => {
  it('says ready, posts button actions, and ignores unknown or disabled ones', () => {
    const { posted, listeners } = load();
    assert.deepEqual(posted, [{ type: 'ready' }]);
    const click = (target: FakeElement) => {
      let prevented = false;
      listeners.click({ target, preventDefault: () => (prevented = true) });
      return prevented;
    };
    const button = element('button', { 'data-action': 'assignToMe' });
    click(element('span', {}, button));
    click(element('button', { 'data-action': 'rm -rf' }));
    click(Object.assign(element('button', { 'data-action': 'unassign' }), { disabled: true }));
    assert.deepEqual(posted.slice(1), [{ type: 'action', action: 'assignToMe' }]);
  });

  it('turns link clicks into openLink and never lets any link navigate', () => {
    const { posted, listeners } = load();
    let prevented = 0;
    const event = (target: FakeElement) => ({ target, preventDefault: () => (prevented += 1) });
    listeners.click(event(element('a', { href: 'https://acme.test/x', 'data-href': 'https://acme.test/x' })));
    listeners.click(event(element('a', { href: 'https://other.test' })));
    listeners.auxclick(event(element('a', { href: 'https://acme.test/x' })));
    assert.equal(prevented, 3);
    assert.deepEqual(posted.slice(1), [{ type: 'openLink', href: 'https://acme.test/x' }]);
  });

  it('appends newer messages at the end and older ones at the start, each id once', () => {
    const { windowListeners, inserted } = load();
    const item = (id: number) => ({ id, html: `<li id="message-${id}">m${id}</li>` });
    windowListeners.message({ data: { type: 'appendMessages', position: 'newer', messages: [item(5), item(6)] } });
    windowListeners.message({ data: { type: 'appendMessages', position: 'newer', messages: [item(6), item(7)] } });
    windowListeners.message({ data: { type: 'appendMessages', position: 'older', messages: [item(1), item(2)] } });
    windowListeners.message({ data: { type: 'appendMessages', position: 'newer', messages: [{ id: '8', html: 'x' }] } });
    assert.deepEqual(
      inserted.map((i) => `${i.where}:${/message-(\d+)/.exec(i.html)?.[1]}`),
      ['end:5', 'end:6', 'end:7', 'start:1', 'start:2'],
    );
  });
});
