/**
 * The conversation page's only script, inlined under the CSP nonce (no file to ship or load, and
 * nothing remote). Plain ES2020 in a string because the extension's TypeScript has no DOM types;
 * its vocabulary comes from protocol.ts so both sides agree, and test/unit/conversation runs it
 * against a small fake DOM.
 *
 * What it does:
 * - clicks on `button[data-action]` → `{type:'action', action}`; clicks on `a[data-href]` →
 *   `{type:'openLink', href}`; every other link click is swallowed: the webview never navigates;
 * - `appendMessages` inserts the extension's fragments (made by the escaping renderer) at the end or
 *   the start, skipping ids already shown, keeping the reading position, and announces new ones in
 *   the `aria-live` region; `replaceMessage`, `updateHeader` (keeping focus on the same button),
 *   `olderState`, `busy` and `notice` update their part of the page in place.
 */
import { WEBVIEW_ACTIONS } from '../protocol';

export function pageScript(): string {
  return `(function () {
  'use strict';
  var ACTIONS = ${JSON.stringify(WEBVIEW_ACTIONS)};
  var vscode = acquireVsCodeApi();
  var list = document.getElementById('messages');
  var header = document.getElementById('conversation-header');
  var olderButton = document.getElementById('load-older');
  var olderText = document.getElementById('older-status');
  var announcer = document.getElementById('announcer');
  var notice = document.getElementById('notice');
  var empty = document.getElementById('empty');
  var busy = false;

  function post(message) { vscode.postMessage(message); }
  function closest(node, selector) {
    while (node && node.nodeType === 1) { if (node.matches(selector)) return node; node = node.parentNode; }
    return null;
  }
  function scroller() { return document.scrollingElement || document.documentElement; }
  function fragment(html) { var t = document.createElement('template'); t.innerHTML = html; return t.content; }
  function announce(text) { if (text) { announcer.textContent = ''; announcer.textContent = text; } }
  function setButtons() {
    var buttons = header.querySelectorAll('button[data-action]');
    for (var i = 0; i < buttons.length; i++) {
      var b = buttons[i];
      if (busy) { b.setAttribute('aria-disabled', 'true'); } else { b.removeAttribute('aria-disabled'); }
    }
  }

  document.addEventListener('click', function (event) {
    var link = closest(event.target, 'a');
    if (link) {
      event.preventDefault();
      var href = link.getAttribute('data-href');
      if (href) post({ type: 'openLink', href: href });
      return;
    }
    var button = closest(event.target, 'button[data-action]');
    if (!button || button.disabled || button.getAttribute('aria-disabled') === 'true') return;
    var action = button.getAttribute('data-action');
    if (ACTIONS.indexOf(action) >= 0) post({ type: 'action', action: action });
  });
  document.addEventListener('auxclick', function (event) { if (closest(event.target, 'a')) event.preventDefault(); });

  function insert(messages, position) {
    var nodes = document.createDocumentFragment();
    var added = 0;
    for (var i = 0; i < messages.length; i++) {
      var m = messages[i];
      if (!m || typeof m.id !== 'number' || typeof m.html !== 'string') continue;
      if (document.getElementById('message-' + m.id)) continue;
      nodes.appendChild(fragment(m.html));
      added++;
    }
    if (added === 0) return 0;
    var s = scroller();
    if (position === 'older') {
      var fromBottom = s.scrollHeight - s.scrollTop;
      list.insertBefore(nodes, list.firstChild);
      s.scrollTop = s.scrollHeight - fromBottom;
    } else {
      var atBottom = s.scrollHeight - s.scrollTop - s.clientHeight < 40;
      list.appendChild(nodes);
      if (atBottom) s.scrollTop = s.scrollHeight;
    }
    empty.hidden = true;
    return added;
  }

  window.addEventListener('message', function (event) {
    var msg = event.data;
    if (!msg || typeof msg.type !== 'string') return;
    switch (msg.type) {
      case 'appendMessages':
        if (Array.isArray(msg.messages) && insert(msg.messages, msg.position) > 0 && msg.position !== 'older') announce(msg.announce);
        break;
      case 'replaceMessage': {
        var m = msg.message;
        var old = m && typeof m.id === 'number' ? document.getElementById('message-' + m.id) : null;
        if (old && typeof m.html === 'string') old.replaceWith(fragment(m.html));
        break;
      }
      case 'updateHeader': {
        var focused = document.activeElement && header.contains(document.activeElement) ? document.activeElement.getAttribute('data-action') : null;
        header.replaceChildren(fragment(String(msg.html)));
        if (typeof msg.title === 'string') document.title = msg.title;
        setButtons();
        if (focused) { var again = header.querySelector('button[data-action="' + focused + '"]'); if (again) again.focus(); }
        announce(msg.announce);
        break;
      }
      case 'olderState':
        olderButton.hidden = msg.state === 'none';
        olderButton.disabled = msg.state === 'loading';
        olderButton.setAttribute('aria-busy', msg.state === 'loading' ? 'true' : 'false');
        olderText.textContent = typeof msg.text === 'string' ? msg.text : '';
        break;
      case 'busy':
        busy = Boolean(msg.busy);
        header.setAttribute('aria-busy', busy ? 'true' : 'false');
        setButtons();
        break;
      case 'notice':
        notice.setAttribute('aria-live', msg.kind === 'error' ? 'assertive' : 'polite');
        notice.className = msg.kind === 'error' ? 'notice error' : 'notice';
        notice.textContent = String(msg.text || '');
        break;
    }
  });

  var s0 = scroller();
  s0.scrollTop = s0.scrollHeight;
  post({ type: 'ready' });
})();`;
}
