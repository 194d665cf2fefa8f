/**
 * Reads what the live client needs from `GET /api/v1/profile`: the user's id, the accounts and the
 * `pubsub_token`. The REST layer's Profile schema deliberately drops the token (src/api/schemas.ts),
 * so it is read here, through the same transport (origin check, caps, typed errors), and stays in
 * src/live.
 */
import * as z from 'zod';
import { Transport, type CallOptions, type TransportOptions } from '../api/http';
import { usableAccounts } from '../util/accounts';
import type { LiveCredentials } from './client';

const LiveProfile = z.object({
  id: z.number().int(),
  pubsub_token: z.string().min(1),
  accounts: z.array(z.object({ id: z.number().int(), status: z.string().optional() })),
});

export interface ReadCredentialsOptions {
  /** Only these accounts (e.g. the ones the extension shows); default: every active account. */
  accountIds?: readonly number[];
}

/** Throws `ChatwootError` like every REST call; an account list that ends up empty is a TypeError. */
export async function readLiveCredentials(transport: TransportOptions, options: ReadCredentialsOptions & CallOptions = {}): Promise<LiveCredentials> {
  const profile = await new Transport(transport).call('GET', '/api/v1/profile', { schema: LiveProfile }, { signal: options.signal });
  const active = usableAccounts(profile).map((a) => a.id);
  const accountIds = options.accountIds ? active.filter((a) => options.accountIds?.includes(a)) : active;
  if (accountIds.length === 0) throw new TypeError('None of the requested accounts is an active account of this user.');
  return { pubsubToken: profile.pubsub_token, userId: profile.id, accountIds };
}
