import { canManageCategories } from '../../../../../lib/auth/permissions';
import { categoryJson } from '../../../../../lib/community/api-shapes';
import { categoryModeratorIds, listCategories, updateCategory } from '../../../../../lib/community/categories';
import { idSchema } from '../../../../../lib/community/schemas';
import { DomainError } from '../../../../../lib/errors';
import { parseInput } from '../../../../../lib/validation';
import { apiRoute, json, readJson } from '../../../../../web/api';

export const GET = apiRoute(({ locals, params }) => {
  const id = parseInput(idSchema, params.id);
  const all = listCategories(locals.ctx.db);
  const category = all.find((c) => c.id === id);
  if (!category) throw new DomainError('NOT_FOUND', `Category ${id} does not exist.`);
  // Who moderates a category is for admins, who appoint them.
  const moderatorIds = canManageCategories(locals.actor, locals.ctx.now()) ? categoryModeratorIds(locals.ctx.db, id) : undefined;
  return json(categoryJson({ ...category, children: all.filter((c) => c.parentId === id) }, moderatorIds));
});

export const PATCH = apiRoute(async ({ locals, params, request }) => {
  const { ctx, actor } = locals;
  const id = parseInput(idSchema, params.id);
  return json(categoryJson(updateCategory(ctx.db, actor, id, await readJson(request), ctx.now())));
});
