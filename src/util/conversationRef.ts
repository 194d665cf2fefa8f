/**
 * Parses what a user types or pastes to name a conversation: `#21`, `21`, or a dashboard link such
 * as `https://app.chatwoot.com/app/accounts/1/conversations/21` (also the inbox/label/team forms,
 * `/app/accounts/1/inbox/2/conversations/21`). Pure and total: any input gives a result or undefined.
 */

export interface ConversationRef {
  displayId: number;
  /** Present when the text was a link. */
  accountId?: number;
  /** Origin of the link, to warn when it points at another server. */
  origin?: string;
}

const MAX_ID = 2_147_483_647; // Chatwoot ids are Postgres integers.
const LINK = /\/app\/accounts\/(\d{1,10})\/(?:[^?#]*\/)?conversations\/(\d{1,10})(?:[/?#]|$)/;

function toId(digits: string): number | undefined {
  const n = Number(digits);
  return Number.isSafeInteger(n) && n > 0 && n <= MAX_ID ? n : undefined;
}

export function parseConversationRef(text: string): ConversationRef | undefined {
  const value = text.trim();
  if (value === '') return undefined;
  const short = /^#?\s*(\d{1,10})$/.exec(value);
  if (short) {
    const displayId = toId(short[1]);
    return displayId === undefined ? undefined : { displayId };
  }
  if (!/^https?:\/\//i.test(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  const match = LINK.exec(url.pathname);
  if (!match) return undefined;
  const accountId = toId(match[1]);
  const displayId = toId(match[2]);
  if (accountId === undefined || displayId === undefined) return undefined;
  return { displayId, accountId, origin: url.origin };
}
