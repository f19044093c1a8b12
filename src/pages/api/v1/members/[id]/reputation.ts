import { idSchema } from '../../../../../lib/community/schemas';
import { ledgerOf } from '../../../../../lib/reputation/profile';
import { parseInput } from '../../../../../lib/validation';
import { apiRoute, json } from '../../../../../web/api';

export const GET = apiRoute(({ locals, params, url }) => {
  const { ctx, actor } = locals;
  const page = ledgerOf(ctx.db, actor, parseInput(idSchema, params.id), Object.fromEntries(url.searchParams));
  return json({ items: page.items.map((r) => ({ ...r, createdAt: new Date(r.createdAt).toISOString() })), nextCursor: page.nextCursor });
});
