/**
 * The conversation renderer with hostile content: nothing from the server may become markup,
 * a script, an event handler, a navigable link of a forbidden scheme, or leave an attribute.
 */
import * as assert from 'node:assert/strict';
import type { Conversation, ConversationMessage } from '../../../src/api';
import {
  contentSecurityPolicy,
  humanSize,
  isAllowedLink,
  messagesUpdate,
  renderConversationPage,
  renderHeader,
  renderMarkdown,
  renderMessage,
} from '../../../src/conversation/render';
import { parseWebviewMessage } from '../../../src/conversation/protocol';
import { PAGE_CSS } from '../../../src/conversation/render/styles';

const NOW = Date.UTC(2026, 0, 10, 12, 0, 0);
const CTX = { now: NOW, locale: 'en', timeZone: 'UTC' };
const T = NOW / 1000 - 3 * 3600;

function message(over: Partial<ConversationMessage> = {}): ConversationMessage {
  return {
    id: 7,
    content: 'hello',
    message_type: 0,
    content_type: 'text',
    status: 'sent',
    content_attributes: {},
    created_at: T,
    private: false,
    sender: { id: 1, name: 'Customer 01', type: 'contact' },
    ...over,
  };
}

function conversation(over: Partial<Conversation['meta']> = {}, labels: string[] = ['vip']): Conversation {
  return {
    id: 21,
    account_id: 1,
    inbox_id: 3,
    status: 'open',
    messages: [],
    labels,
    created_at: T,
    last_activity_at: T,
    meta: { sender: { id: 9, name: 'Customer 21', email: 'c21@example.com' }, ...over },
  };
}

interface Tag {
  name: string;
  attributes: Array<[string, string | undefined]>;
}

/**
 * Every tag in the output, parsed strictly. Text is escaped, so every "<" must open a well-formed
 * tag whose attribute values are double-quoted without a raw quote inside; anything else fails.
 */
function parseTags(html: string): Tag[] {
  const out: Tag[] = [];
  for (let i = html.indexOf('<'); i >= 0; i = html.indexOf('<', i + 1)) {
    const m = /^<\/?([a-z][a-z0-9]*)((?:\s+[a-z][a-z-]*(?:="[^"<>]*")?)*)\s*>/i.exec(html.slice(i));
    assert.ok(m, `malformed markup at ${JSON.stringify(html.slice(i, i + 60))}`);
    const attributes = [...m[2].matchAll(/\s+([a-z][a-z-]*)(?:="([^"]*)")?/gi)].map((a): [string, string | undefined] => [a[1].toLowerCase(), a[2]]);
    out.push({ name: m[1].toLowerCase(), attributes });
  }
  return out;
}

const ALLOWED_TAGS = new Set([
  'li',
  'article',
  'header',
  'span',
  'time',
  'div',
  'p',
  'strong',
  'em',
  'a',
  'ol',
  'ul',
  'code',
  'pre',
  'br',
  'blockquote',
  'h4',
  'h5',
  'h6',
  's',
  'hr',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
]);

function assertInert(html: string, extraTags: readonly string[] = []): void {
  for (const tag of parseTags(html)) {
    assert.ok(ALLOWED_TAGS.has(tag.name) || extraTags.includes(tag.name), `unexpected <${tag.name}> in ${html}`);
    for (const [name, value] of tag.attributes) {
      assert.doesNotMatch(name, /^on|^style$|^src$|^srcset$|^formaction$/, `attribute ${name} in ${html}`);
      if (name === 'href' || name === 'data-href') assert.match(value ?? '', /^(https?:|mailto:)/, `${name}=${value}`);
    }
  }
}

describe('conversation renderer: hostile content', () => {
  it('shows raw HTML as text: <img onerror>, <script>, <iframe>, <svg onload>, inline handlers', () => {
    for (const content of [
      '<img src=x onerror=alert(1)>',
      '<script>alert(1)</script>',
      '<iframe src="https://evil.test/frame"></iframe> <svg onload=alert(1)> <b onmouseover="alert(1)">hover</b>',
    ]) {
      const html = renderMessage(message({ content }), CTX);
      assertInert(html);
      assert.doesNotMatch(html, /<(img|script|iframe|svg|b)\b/);
    }
    assert.match(renderMessage(message({ content: '<img src=x onerror=alert(1)>' }), CTX), /<p>&lt;img src=x onerror=alert\(1\)&gt;<\/p>/);
    const mix = renderMessage(message({ content: '<iframe src="https://evil.test/frame"></iframe> <svg onload=alert(1)>' }), CTX);
    assert.match(mix, /&lt;iframe src=&quot;/);
    assert.match(mix, /&lt;svg onload=alert\(1\)&gt;/);
    assert.match(renderMarkdown('<script>alert(1)</script>'), /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  });

  it('renders javascript:, data:, vbscript:, file:, command: and relative links as plain text', () => {
    for (const target of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'data:text/html;base64,PHNjcmlwdD4=',
      'vbscript:msgbox',
      'file:///etc/passwd',
      'command:workbench.action.terminal.new',
      '/relative',
      'java\nscript:alert(1)',
    ]) {
      const html = renderMarkdown(`[click](${target})`);
      assert.doesNotMatch(html, /<a\b/, `${target} must not be a link: ${html}`);
      assert.match(html, /click/);
    }
    const raw = renderMessage(message({ content: '<a href="javascript:alert(1)">x</a>' }), CTX);
    assertInert(raw);
    assert.match(raw, /&lt;a href=&quot;javascript:alert\(1\)&quot;&gt;x&lt;\/a&gt;/);
    assert.doesNotMatch(renderMarkdown('<javascript:alert(1)>'), /<a\b/);
  });

  it('renders Markdown: bold, lists, code, and http(s)/mailto links with data-href and no navigation target', () => {
    const html = renderMarkdown('**Thanks!** see [your account](https://acme.test/account) or mail <support@acme.test>\n\n- a\n- `code`');
    assert.match(html, /<strong>Thanks!<\/strong>/);
    assert.match(
      html,
      /<a href="https:\/\/acme\.test\/account" data-href="https:\/\/acme\.test\/account" class="link" title="https:\/\/acme\.test\/account" rel="noreferrer noopener">your account<\/a>/,
    );
    assert.match(html, /<a href="mailto:support@acme\.test" data-href="mailto:support@acme\.test"/);
    assert.match(html, /<li><code>code<\/code><\/li>/);
    assert.doesNotMatch(html, /target=/);
    assert.match(renderMarkdown('see https://acme.test/help'), /data-href="https:\/\/acme\.test\/help"/, 'bare URLs are linkified');
  });

  it('does not load images: ![x](https://…) becomes a link; a data: image stays text', () => {
    const remote = renderMarkdown('![pixel](https://tracker.evil.test/p.gif)');
    assert.doesNotMatch(remote, /<img/);
    assert.match(remote, /<a href="https:\/\/tracker\.evil\.test\/p\.gif" data-href="[^"]+" class="image-link"[^>]*>Image: pixel<\/a>/);
    const data = renderMarkdown('![x](data:image/png;base64,AAAA)');
    assert.doesNotMatch(data, /<img|<a\b/);
  });

  it('escapes quotes that would break out of attributes, in names, labels, links and attachments', () => {
    const evil = '"><img src=x onerror=alert(1)>';
    const html = renderMessage(
      message({
        sender: { id: 1, name: evil, type: 'contact' },
        attachments: [{ id: 1, file_type: 'image', data_url: 'https://files.test/blob/%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E.png', file_size: 48213 }],
      }),
      CTX,
    );
    assertInert(html);
    assert.match(html, /aria-label="Message from &quot;&gt;&lt;img src=x onerror=alert\(1\)&gt;"/);
    assert.match(html, /&quot;&gt;&lt;img src=x onerror=alert\(1\)&gt;\.png<\/a> <span class="size">\(47 KB\)<\/span>/);
    const header = renderHeader(conversation({ sender: { id: 1, name: evil } }, [evil]));
    assertInert(header, ['h1', 'dl', 'dt', 'dd', 'button']);
    assert.ok(header.includes('<li class="label">&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</li>'));
    assert.match(renderMarkdown('[x](https://a.test/?q="onmouseover=alert(1))'), /href="https:\/\/a\.test\/\?q=%22onmouseover=alert\(1\)"/);
  });

  it('shows an email as its plain-text content (never HTML), with the subject escaped', () => {
    const html = renderMessage(
      message({ content: 'Hello,\n\n**not bold** <b>x</b>', content_type: 'incoming_email', content_attributes: { email: { subject: 'Invoice <script>alert(1)</script>' } } }),
      CTX,
    );
    assertInert(html);
    assert.match(html, /<p class="plain">Hello,\n\n\*\*not bold\*\* &lt;b&gt;x&lt;\/b&gt;<\/p>/);
    assert.match(html, /Invoice &lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  });

  it('turns mention links of notes into "@Name" text, not links', () => {
    const html = renderMarkdown('Heads up [@Bob Brown](mention://user/2/Bob%20Brown): see the **logs**');
    assert.match(html, /<span class="mention">@Bob Brown<\/span>/);
    assert.doesNotMatch(html, /<a\b|mention:\/\//);
  });

  it('demotes Markdown headings below the page headings', () => {
    assert.match(renderMarkdown('# Big'), /<h4 class="md-heading">Big<\/h4>/);
  });
});

describe('conversation renderer: structure', () => {
  it('tells incoming, outgoing, private notes and activity apart', () => {
    const incoming = renderMessage(message(), CTX);
    assert.match(incoming, /^<li class="message incoming" id="message-7" data-message-id="7"><article aria-label="Message from Customer 01">/);
    const outgoing = renderMessage(message({ message_type: 1, sender: { id: 2, name: 'Bob Brown', available_name: 'Bob', type: 'user' } }), CTX);
    assert.match(outgoing, /class="message outgoing"/);
    assert.match(outgoing, /<span class="sender">Bob<\/span> <span class="role">Agent<\/span>/);
    const note = renderMessage(message({ message_type: 1, private: true, sender: { id: 2, name: 'Bob', type: 'user' } }), CTX);
    assert.match(note, /class="message note"/);
    assert.match(note, /<span class="badge note-badge">Private note<\/span>/);
    assert.doesNotMatch(incoming, /Private note/);
    const activity = renderMessage(message({ message_type: 2, content: 'Assigned to <b>Bob</b> by Alice', sender: undefined }), CTX);
    assert.match(
      activity,
      /^<li class="message activity" id="message-7" data-message-id="7"><p>Assigned to &lt;b&gt;Bob&lt;\/b&gt; by Alice <span aria-hidden="true">·<\/span> <time /,
    );
    assert.doesNotMatch(activity, /<article/);
  });

  it('shows relative times with the exact time on hover', () => {
    const html = renderMessage(message(), CTX);
    assert.match(html, /<time datetime="2026-01-10T09:00:00\.000Z" title="Jan 10, 2026, 9:00:00 AM">3 hours ago<\/time>/);
    const de = renderMessage(message(), { ...CTX, locale: 'de' });
    assert.match(de, /title="10\.01\.2026, 09:00:00">vor 3 Stunden<\/time>/);
  });

  it('lists attachments with name and human size; non-http URLs are not links', () => {
    const html = renderMessage(
      message({
        content: '',
        attachments: [
          { id: 2, file_type: 'file', data_url: 'https://files.test/blobs/x/invoice%202026-01%20(final).pdf', file_size: 182044 },
          { id: 3, file_type: 'audio', data_url: 'javascript:alert(1)', file_size: 9120 },
        ],
      }),
      CTX,
    );
    assert.match(
      html,
      /<li><a href="https:\/\/files\.test\/blobs\/x\/invoice%202026-01%20\(final\)\.pdf" data-href="[^"]+" class="link attachment"[^>]*>invoice 2026-01 \(final\)\.pdf<\/a> <span class="size">\(178 KB\)<\/span><\/li>/,
    );
    assert.match(html, /<li><span class="kind">audio:<\/span> audio 3 <span class="size">\(8\.9 KB\)<\/span><\/li>/);
    assert.equal(humanSize(532), '532 B');
    assert.equal(humanSize(1024 * 1024), '1 MB');
    assert.equal(humanSize(null), undefined);
  });

  it('marks deleted messages without rendering their content as Markdown', () => {
    const html = renderMessage(message({ content: 'This message was deleted', content_attributes: { deleted: true } }), CTX);
    assert.match(html, /<p class="deleted">This message was deleted<\/p>/);
  });

  it('renders the header: contact, inbox, status, assignee, team, labels and labelled buttons', () => {
    const c = conversation({ assignee: { id: 2, name: 'Bob Brown', available_name: 'Bob', availability_status: 'online' }, assignee_type: 'User', team: { id: 1, name: 'sales' } });
    const html = renderHeader(c, { inboxName: 'Support <Email>', viewerId: 2 });
    assert.match(html, /<h1 id="conversation-title"><span class="number">#21<\/span> Customer 21<\/h1>/);
    assert.match(html, /<dt>Inbox<\/dt><dd>Support &lt;Email&gt;<\/dd>/);
    assert.match(html, /<dt>Status<\/dt><dd><span class="status status-open">open<\/span><\/dd>/);
    assert.match(html, /<dt>Assignee<\/dt><dd>Bob<\/dd>/);
    assert.match(html, /<dt>Team<\/dt><dd>sales<\/dd>/);
    assert.match(html, /<button type="button" data-action="assignToMe" aria-label="Assign conversation #21 to me" disabled>Assign to Me<\/button>/, 'already mine');
    assert.match(html, /<button type="button" data-action="unassign" aria-label="Unassign conversation #21">Unassign<\/button>/);
    for (const action of ['assign', 'addNote', 'openInChatwoot']) assert.match(html, new RegExp(`data-action="${action}" aria-label="[^"]+"`));
    const unassigned = renderHeader(conversation());
    assert.match(unassigned, /data-action="unassign" aria-label="Unassign conversation #21" disabled>/);
    assert.match(unassigned, /<dt>Assignee<\/dt><dd>Unassigned<\/dd>/);
  });
});

describe('conversation page', () => {
  const page = (nonce = 'AAAAAAAAAAAAAAAAAAAAAA==') =>
    renderConversationPage({
      ...CTX,
      conversation: conversation(),
      messages: [message({ id: 9, created_at: T + 60, content: 'second' }), message({ id: 8, content: '<script>alert(1)</script>' })],
      hasOlder: true,
      nonce,
    });

  it('has exactly the strict CSP', () => {
    const nonce = 'AAAAAAAAAAAAAAAAAAAAAA==';
    assert.equal(
      contentSecurityPolicy(nonce),
      "default-src 'none'; img-src https: data:; style-src 'nonce-AAAAAAAAAAAAAAAAAAAAAA=='; script-src 'nonce-AAAAAAAAAAAAAAAAAAAAAA=='; base-uri 'none'; form-action 'none'",
    );
    assert.ok(
      page().includes(
        `<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; img-src https: data:; style-src &#39;nonce-${nonce}&#39;; script-src &#39;nonce-${nonce}&#39;; base-uri &#39;none&#39;; form-action &#39;none&#39;">`,
      ),
    );
    assert.throws(() => contentSecurityPolicy('short'), RangeError);
    assert.throws(() => contentSecurityPolicy("AAAAAAAAAAAAAAAAAAAA' 'unsafe-inline"), RangeError);
  });

  it('has one script and one style, both with the nonce, nothing remote, no inline handlers or style attributes', () => {
    const html = page();
    assert.deepEqual(
      [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]),
      ['<script nonce="AAAAAAAAAAAAAAAAAAAAAA==">'],
    );
    assert.deepEqual(
      [...html.matchAll(/<style\b[^>]*>/g)].map((m) => m[0]),
      ['<style nonce="AAAAAAAAAAAAAAAAAAAAAA==">'],
    );
    assert.doesNotMatch(html, /<[a-z][^>]*\s(src|on[a-z]+|style)=/i);
    assert.match(html, /var\(--vscode-foreground\)/);
    assert.doesNotMatch(PAGE_CSS, /#[0-9a-f]{3,8}\b|rgba?\(|hsla?\(|:\s*(white|black|red|yellow)\b/i, 'theme colours only');
    assert.doesNotMatch(PAGE_CSS, /url\(|@import/i, 'nothing remote');
  });

  it('has landmarks, headings, a live region, and messages oldest first', () => {
    const html = page();
    assert.match(html, /<html lang="en">/);
    assert.match(html, /<header id="conversation-header" class="conv-header" aria-labelledby="conversation-title">/);
    assert.match(html, /<main id="conversation-main" aria-labelledby="messages-heading">/);
    assert.match(html, /<div id="announcer" class="visually-hidden" role="status" aria-live="polite" aria-atomic="true"><\/div>/);
    assert.match(html, /<button type="button" id="load-older" data-action="loadOlder" aria-label="Load older messages">/);
    assert.ok(html.indexOf('id="message-8"') < html.indexOf('id="message-9"'));
    assert.match(html, /focus-visible/);
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  });

  it('hides "Load older" when nothing older exists and shows the empty text without messages', () => {
    const html = renderConversationPage({ ...CTX, conversation: conversation(), messages: [], hasOlder: false, nonce: 'BBBBBBBBBBBBBBBBBBBBBB==' });
    assert.match(html, /data-action="loadOlder" aria-label="Load older messages" hidden>/);
    assert.match(html, /<p id="empty" class="empty">No messages yet\.<\/p>/);
  });
});

describe('webview protocol', () => {
  it('accepts only well-formed messages from the webview', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'action', action: 'assignToMe' }), { type: 'action', action: 'assignToMe' });
    assert.deepEqual(parseWebviewMessage({ type: 'openLink', href: 'https://a.test', extra: 1 }), { type: 'openLink', href: 'https://a.test' });
    assert.equal(parseWebviewMessage({ type: 'action', action: 'deleteEverything' }), undefined);
    assert.equal(parseWebviewMessage({ type: 'openLink', href: 42 }), undefined);
    assert.equal(parseWebviewMessage('ready'), undefined);
    assert.equal(parseWebviewMessage(null), undefined);
  });

  it('lets the extension re-check links: only http, https and mailto', () => {
    assert.equal(isAllowedLink('https://acme.test/x'), true);
    assert.equal(isAllowedLink('mailto:a@b.test'), true);
    for (const bad of ['javascript:alert(1)', 'command:workbench.action.quit', 'vscode://file/etc/passwd', 'data:text/html,x', 'file:///etc/passwd', '//evil.test', '']) {
      assert.equal(isAllowedLink(bad), false, bad);
    }
  });

  it('builds live updates with rendered fragments and an announcement', () => {
    const update = messagesUpdate([message({ id: 12, private: true, message_type: 1, sender: { id: 2, name: 'Bob', type: 'user' } })], 'newer', CTX);
    assert.equal(update.type, 'appendMessages');
    assert.ok(update.type === 'appendMessages');
    assert.equal(update.announce, 'New private note from Bob');
    assert.equal(update.messages[0].id, 12);
    assert.match(update.messages[0].html, /^<li class="message note" id="message-12"/);
    const older = messagesUpdate([message({ id: 2 }), message({ id: 1, created_at: T - 60 })], 'older', CTX);
    assert.ok(older.type === 'appendMessages');
    assert.deepEqual(
      older.messages.map((m) => m.id),
      [1, 2],
    );
    assert.equal(older.announce, undefined);
  });
});
