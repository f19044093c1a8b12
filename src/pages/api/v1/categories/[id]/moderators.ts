import { moderatorsJson } from '../../../../../lib/community/api-shapes';
import { addCategoryModerator, listCategoryModerators, removeCategoryModerator } from '../../../../../lib/community/categories';
import { idSchema } from '../../../../../lib/community/schemas';
import { parseInput } from '../../../../../lib/validation';
import { apiRoute, json, readJson } from '../../../../../web/api';

/** Adds a category moderator by `userId` or `email` (admins). */
export const POST = apiRoute(async ({ locals, params, request }) => {
  const { ctx, actor } = locals;
  const id = parseInput(idSchema, params.id);
  const result = addCategoryModerator(ctx.db, actor, id, await readJson(request), ctx.now());
  return json(moderatorsJson(listCategoryModerators(ctx.db, id)), result.added ? 201 : 200);
});

/** Removes a category moderator: `?userId=` (admins). */
export const DELETE = apiRoute(({ locals, params, url }) => {
  const { ctx, actor } = locals;
  const id = parseInput(idSchema, params.id);
  removeCategoryModerator(ctx.db, actor, id, parseInput(idSchema, url.searchParams.get('userId')), ctx.now());
  return json(moderatorsJson(listCategoryModerators(ctx.db, id)));
});
