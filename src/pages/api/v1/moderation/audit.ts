import { canModerate } from '../../../../lib/auth/permissions';
import { DomainError } from '../../../../lib/errors';
import { auditPageJson } from '../../../../lib/moderation/api-shapes';
import { auditQuerySchema, listModerationActions } from '../../../../lib/moderation/audit';
import { parseInput } from '../../../../lib/validation';
import { apiRoute, json } from '../../../../web/api';

/** The audit log of moderator (and automatic) actions, newest first; site moderators. */
export const GET = apiRoute(({ locals, url }) => {
  const { ctx, actor } = locals;
  if (!actor) throw new DomainError('UNAUTHORIZED', 'Sign in first.');
  if (!canModerate(actor, ctx.now())) throw new DomainError('FORBIDDEN', 'Only moderators read the audit log.');
  const { cursor, limit } = parseInput(auditQuerySchema, Object.fromEntries(url.searchParams));
  const page = listModerationActions(ctx.db, { cursor, limit });
  return json(auditPageJson(page));
});
