import { idSchema } from '../../../../../lib/community/schemas';
import { memberJson } from '../../../../../lib/reputation/api-shapes';
import { parseInput } from '../../../../../lib/validation';
import { apiRoute, json } from '../../../../../web/api';

export const GET = apiRoute(({ locals, params }) => {
  const { ctx, actor } = locals;
  return json(memberJson(ctx.db, actor, parseInput(idSchema, params.id), ctx.now()));
});
