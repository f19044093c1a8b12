import { idSchema } from '../../../../../lib/community/schemas';
import { suspendMember, unsuspendMember, unsuspendSchema } from '../../../../../lib/moderation/moderate';
import { parseInput } from '../../../../../lib/validation';
import { apiRoute, json, readJson } from '../../../../../web/api';

/** Suspends the member for `days` with a `reason` (moderators). */
export const POST = apiRoute(async ({ locals, params, request }) => {
  const { ctx, actor } = locals;
  const result = suspendMember(ctx.db, actor, parseInput(idSchema, params.id), await readJson(request), ctx.now());
  return json({ userId: result.userId, suspendedUntil: new Date(result.suspendedUntil).toISOString() });
});

/** Lifts the suspension; an optional `reason` goes to the audit log. */
export const DELETE = apiRoute(async ({ locals, params, request }) => {
  const { ctx, actor } = locals;
  // Sent without a body (no type, nothing announced), the request has no reason.
  const sent = request.headers.has('content-type') || Number(request.headers.get('content-length') ?? 0) > 0;
  const { reason } = sent ? parseInput(unsuspendSchema, await readJson(request)) : { reason: undefined };
  return json(unsuspendMember(ctx.db, actor, parseInput(idSchema, params.id), ctx.now(), reason));
});
