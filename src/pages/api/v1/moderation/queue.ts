import { moderationScope } from '../../../../lib/moderation/commands';
import { moderationQueue, pendingPosts } from '../../../../lib/moderation/flags';
import { apiRoute, json } from '../../../../web/api';

/** Open flags (most flagged first) with counts per reason, and posts waiting for pre-moderation (oldest first). */
export const GET = apiRoute(({ locals }) => {
  const { ctx, actor } = locals;
  const categoryIds = moderationScope(ctx.db, actor);
  const queue = moderationQueue(ctx.db, { categoryIds });
  const iso = (ms: number) => new Date(ms).toISOString();
  return json({
    flagged: queue.items.map((i) => ({
      targetType: i.targetType,
      targetId: i.targetId,
      questionId: i.questionId,
      questionTitle: i.questionTitle,
      flagCount: i.flagCount,
      reasons: i.reasons,
      notes: i.notes,
      status: i.status,
      excerpt: i.excerpt,
      firstFlaggedAt: iso(i.firstFlaggedAt),
    })),
    counts: queue.counts,
    pending: pendingPosts(ctx.db, { categoryIds }).map((p) => ({ type: p.type, id: p.id, questionId: p.questionId, title: p.title, authorName: p.authorName, excerpt: p.excerpt, createdAt: iso(p.createdAt) })),
  });
});
