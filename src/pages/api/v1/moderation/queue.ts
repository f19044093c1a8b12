import { moderationQueueJson } from '../../../../lib/moderation/api-shapes';
import { flagQueueAccess } from '../../../../lib/moderation/commands';
import { moderationQueue, pendingPosts } from '../../../../lib/moderation/flags';
import { apiRoute, json } from '../../../../web/api';

/**
 * Open flags (most flagged first) with counts per reason, and posts waiting for pre-moderation (oldest first; for
 * moderators only: members who see the flag queue by reputation get none).
 */
export const GET = apiRoute(({ locals }) => {
  const { ctx, actor } = locals;
  const { scope: categoryIds, readOnly } = flagQueueAccess(ctx.db, actor, ctx.now());
  const queue = moderationQueue(ctx.db, { categoryIds });
  return json(moderationQueueJson(queue, readOnly ? [] : pendingPosts(ctx.db, { categoryIds })));
});
