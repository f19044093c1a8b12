import { nominateSuperuser } from '../../../../../lib/reputation/superusers';
import { apiRoute, json, readJson } from '../../../../../web/api';

export const POST = apiRoute(async ({ locals, request }) => {
  const { ctx, actor } = locals;
  return json(nominateSuperuser(ctx.db, actor, await readJson(request), ctx.now()), 201);
});
