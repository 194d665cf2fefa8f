// Token table for humans (CLI) and tests (GET /__fake/tokens): who owns each token and
// in what role, including the generated Scale Test agents.

import type { Store } from './store';

export interface TokenRow {
  name: string;
  role: string;
  token: string;
}

export function tokenRows(store: Store): TokenRow[] {
  const rows: TokenRow[] = [];
  for (const [token, owner] of store.tokens) {
    if (owner.kind === 'user') {
      const user = store.users.get(owner.id);
      if (!user) continue;
      const roles = store
        .userMemberships(owner.id)
        .map((m) => `${m.role}@${m.accountId}`)
        .join(', ');
      rows.push({ name: user.name, role: roles || 'no account', token });
    } else if (owner.kind === 'bot') {
      const bot = store.bots.get(owner.id);
      if (!bot) continue;
      rows.push({ name: bot.name, role: bot.accountId === null ? 'agent bot (system)' : `agent bot@${bot.accountId}`, token });
    } else {
      rows.push({ name: 'Platform app', role: 'platform app (edge tests)', token });
    }
  }
  return rows;
}
