import { categoryJson } from '../../../../lib/community/api-shapes';
import { categoriesQuerySchema, categoryTree, createCategory } from '../../../../lib/community/categories';
import { parseInput } from '../../../../lib/validation';
import { apiRoute, json, readJson } from '../../../../web/api';

/** The category tree (public); with `locale`, categories reserved for the other language are left out. */
export const GET = apiRoute(({ locals, url }) => {
  const q = parseInput(categoriesQuerySchema, Object.fromEntries(url.searchParams));
  return json({ items: categoryTree(locals.ctx.db, q.locale).map((c) => categoryJson(c)) });
});

export const POST = apiRoute(async ({ locals, request }) => {
  const { ctx, actor } = locals;
  const created = createCategory(ctx.db, actor, await readJson(request), ctx.now());
  return json(categoryJson(created), 201, { location: `/api/v1/categories/${created.id}` });
});
