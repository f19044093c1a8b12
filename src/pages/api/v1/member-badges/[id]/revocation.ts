import { idSchema } from '../../../../../lib/community/schemas';
import { revokeBadge } from '../../../../../lib/reputation/award-badges';
import { parseInput } from '../../../../../lib/validation';
import { apiRoute, json, readJson } from '../../../../../web/api';

export const POST = apiRoute(async ({ locals, params, request }) => {
  const { ctx, actor } = locals;
  return json(revokeBadge(ctx.db, actor, parseInput(idSchema, params.id), await readJson(request), ctx.now()));
});
