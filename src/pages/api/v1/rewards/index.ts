import { canManageReputation } from '../../../../lib/auth/permissions';
import { rewardJson } from '../../../../lib/reputation/api';
import { createReward, listRewards } from '../../../../lib/reputation/rewards';
import { apiRoute, json, readJson } from '../../../../web/api';

export const GET = apiRoute(({ locals, url }) => {
  const { ctx, actor } = locals;
  const all = url.searchParams.get('all') === 'true' && canManageReputation(actor, ctx.now());
  return json({ items: listRewards(ctx.db, 'en', ctx.now(), { all }).map(rewardJson) });
});

export const POST = apiRoute(async ({ locals, request }) => {
  const { ctx, actor } = locals;
  return json(rewardJson(createReward(ctx.db, actor, await readJson(request), ctx.now())), 201);
});
