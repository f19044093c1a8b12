import { grantReward } from '../../../../../lib/reputation/rewards';
import { apiRoute, json, objectBody, readJson } from '../../../../../web/api';

export const POST = apiRoute(async ({ locals, params, request }) => {
  const { ctx, actor } = locals;
  return json(grantReward(ctx.db, actor, { ...objectBody(await readJson(request)), rewardId: params.id }, ctx.now()), 201);
});
