import { idSchema } from '../../../../lib/community/schemas';
import { fulfilRedemption } from '../../../../lib/reputation/rewards';
import { parseInput } from '../../../../lib/validation';
import { apiRoute, json, readJson } from '../../../../web/api';

export const PATCH = apiRoute(async ({ locals, params, request }) => {
  const { ctx, actor } = locals;
  return json(fulfilRedemption(ctx.db, actor, parseInput(idSchema, params.id), await readJson(request), ctx.now()));
});
