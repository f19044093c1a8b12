import { threadJson } from '../../../../../lib/community/api-shapes';
import { canModerate, canViewPost } from '../../../../../lib/auth/permissions';
import { getThread } from '../../../../../lib/community/get-thread';
import { idSchema } from '../../../../../lib/community/schemas';
import { DomainError } from '../../../../../lib/errors';
import { parseInput } from '../../../../../lib/validation';
import { apiRoute, json } from '../../../../../web/api';
import { problem } from '../../../../../web/problem';

export const GET = apiRoute(({ locals, params }) => {
  const id = parseInput(idSchema, params.id);
  const { actor } = locals;
  const thread = getThread(locals.ctx.db, id, actor ? { id: actor.id, moderator: canModerate(actor) } : null);
  if (!thread) throw new DomainError('NOT_FOUND', `Question ${id} does not exist.`);
  const q = thread.question;
  if (q.deletedAt === null && !canViewPost(actor, { authorId: q.author.id, deletedAt: null, status: q.status })) throw new DomainError('NOT_FOUND', `Question ${id} does not exist.`);
  if (thread.question.deletedAt !== null) return problem(410, `Question ${id} was deleted.`);
  return json(threadJson(thread, locals.ctx.config.SITE_URL));
});
