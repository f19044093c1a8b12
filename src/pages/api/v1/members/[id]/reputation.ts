import { idSchema } from '../../../../../lib/community/schemas';
import { ledgerPageJson } from '../../../../../lib/reputation/api-shapes';
import { ledgerOf } from '../../../../../lib/reputation/profile';
import { parseInput } from '../../../../../lib/validation';
import { apiRoute, json } from '../../../../../web/api';

export const GET = apiRoute(({ locals, params, url }) => {
  const { ctx, actor } = locals;
  return json(ledgerPageJson(ledgerOf(ctx.db, actor, parseInput(idSchema, params.id), Object.fromEntries(url.searchParams), ctx.now())));
});
