// GET profile (§6.1), GET accounts/{id} (§6.2) and GET labels (§6.19).

import { json } from '../reply';
import { accountJson, profileJson } from '../serializers/profile';
import { accountOf, userOf, type Handler } from './context';

export const profile: Handler = (ctx) => json(profileJson(ctx.world, userOf(ctx)));

export const account: Handler = (ctx) => json(accountJson(ctx.world, accountOf(ctx)));

export const labels: Handler = (ctx) =>
  json({
    payload: ctx.world.store.accountLabels(accountOf(ctx).id).map((l) => ({
      id: l.id,
      title: l.title,
      description: l.description,
      color: l.color,
      show_on_sidebar: l.showOnSidebar,
    })),
  });
