import { redeemReward } from '../../../../../lib/reputation/rewards';
import { apiRoute, json } from '../../../../../web/api';

export const POST = apiRoute(({ locals, params }) => {
  const { ctx, actor } = locals;
  return json(redeemReward(ctx.db, actor, { rewardId: params.id }, ctx.now()), 201);
});
