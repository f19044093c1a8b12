import { idSchema } from '../../../../../lib/community/schemas';
import { rewardJson } from '../../../../../lib/reputation/api-shapes';
import { updateReward } from '../../../../../lib/reputation/rewards';
import { parseInput } from '../../../../../lib/validation';
import { apiRoute, json, readJson } from '../../../../../web/api';

export const PATCH = apiRoute(async ({ locals, params, request }) => {
  const { ctx, actor } = locals;
  return json(rewardJson(updateReward(ctx.db, actor, parseInput(idSchema, params.id), await readJson(request), ctx.now())));
});
