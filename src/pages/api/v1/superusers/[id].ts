import { idSchema } from '../../../../lib/community/schemas';
import { revokeSuperuser } from '../../../../lib/reputation/superusers';
import { parseInput } from '../../../../lib/validation';
import { apiRoute, json, readJson } from '../../../../web/api';

export const DELETE = apiRoute(async ({ locals, params, request }) => {
  const { ctx, actor } = locals;
  return json(revokeSuperuser(ctx.db, actor, parseInput(idSchema, params.id), await readJson(request), ctx.now()));
});
