import { threadJson } from '../../../../../lib/community/api-shapes';
import { idSchema } from '../../../../../lib/community/schemas';
import { visibleThread } from '../../../../../lib/community/visibility';
import { DomainError } from '../../../../../lib/errors';
import { parseInput } from '../../../../../lib/validation';
import { apiRoute, json } from '../../../../../web/api';
import { problem } from '../../../../../web/problem';

export const GET = apiRoute(({ locals, params }) => {
  const id = parseInput(idSchema, params.id);
  const visible = visibleThread(locals.ctx.db, locals.actor, id, locals.ctx.now());
  if (!visible) throw new DomainError('NOT_FOUND', `Question ${id} does not exist.`);
  if (visible.thread.question.deletedAt !== null) return problem(410, `Question ${id} was deleted.`);
  return json(threadJson(visible.thread, locals.ctx.config.SITE_URL));
});
