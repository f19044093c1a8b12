import { moderationQueueJson } from '../../../../lib/moderation/api-shapes';
import { moderationScope } from '../../../../lib/moderation/commands';
import { moderationQueue, pendingPosts } from '../../../../lib/moderation/flags';
import { apiRoute, json } from '../../../../web/api';

/** Open flags (most flagged first) with counts per reason, and posts waiting for pre-moderation (oldest first). */
export const GET = apiRoute(({ locals }) => {
  const { ctx, actor } = locals;
  const categoryIds = moderationScope(ctx.db, actor, ctx.now());
  const queue = moderationQueue(ctx.db, { categoryIds });
  return json(moderationQueueJson(queue, pendingPosts(ctx.db, { categoryIds })));
});
