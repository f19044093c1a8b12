import { badgeListJson, badgeQuerySchema } from '../../../../lib/reputation/api-shapes';
import { parseInput } from '../../../../lib/validation';
import { createBadgeRule } from '../../../../lib/reputation/award-badges';
import { apiRoute, json, readJson } from '../../../../web/api';

export const GET = apiRoute(({ locals, url }) => json(badgeListJson(locals.ctx.db, parseInput(badgeQuerySchema, Object.fromEntries(url.searchParams)))));

export const POST = apiRoute(async ({ locals, request }) => {
  const { ctx, actor } = locals;
  return json(createBadgeRule(ctx.db, actor, await readJson(request), ctx.now()), 201);
});
