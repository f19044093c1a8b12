import { createBadgeRule } from '../../../../lib/reputation/award-badges';
import { badgesJson } from '../../../../lib/reputation/api';
import { apiRoute, json, readJson } from '../../../../web/api';

export const GET = apiRoute(({ locals }) => json({ items: badgesJson(locals.ctx.db) }));

export const POST = apiRoute(async ({ locals, request }) => {
  const { ctx, actor } = locals;
  return json(createBadgeRule(ctx.db, actor, await readJson(request), ctx.now()), 201);
});
