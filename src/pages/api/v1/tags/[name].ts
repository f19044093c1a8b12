import { getTag, updateTag } from '../../../../lib/community/tags';
import { DomainError } from '../../../../lib/errors';
import { apiRoute, json, readJson } from '../../../../web/api';

/** A tag by name or synonym. */
export const GET = apiRoute(({ locals, params }) => {
  const tag = getTag(locals.ctx.db, (params.name ?? '').slice(0, 30));
  if (!tag) throw new DomainError('NOT_FOUND', `No tag named ${params.name}.`);
  return json(tag);
});

/** Description and the complete list of synonyms (moderators). */
export const PATCH = apiRoute(async ({ locals, params, request }) => {
  const { ctx, actor } = locals;
  const { moved, ...tag } = updateTag(ctx.db, actor, (params.name ?? '').slice(0, 30), await readJson(request), ctx.now());
  return json({ ...tag, moved });
});
