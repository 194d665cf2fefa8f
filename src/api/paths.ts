/**
 * URL paths and the words a 404 uses for them, shared by the client and its per-feature modules
 * (messages, workload, filter). Ids are checked here: a stray 0 or NaN never reaches a URL.
 */
import { requireId } from './assignment';

export function account(accountId: number): string {
  return `/api/v1/accounts/${requireId(accountId, 'account id')}`;
}

/** Reports live under `/api/v2` (same token, same account check). */
export function accountV2(accountId: number): string {
  return `/api/v2/accounts/${requireId(accountId, 'account id')}`;
}

export function conversation(accountId: number, displayId: number): string {
  return `${account(accountId)}/conversations/${requireId(displayId, 'conversation id')}`;
}

/** What a 404 means, in the words of the message ("Chatwoot could not find …"). */
export function accountResource(accountId: number): string {
  return `account ${accountId}`;
}

export function conversationResource(accountId: number, displayId: number): string {
  return `conversation #${displayId} in account ${accountId}`;
}
