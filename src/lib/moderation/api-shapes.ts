import { z } from 'zod';
import { POST_STATUSES } from '../../../db/schema/community';
import { FLAG_REASONS, FLAG_TARGETS, moderationActions } from '../../../db/schema/moderation';
import { dateTime, iso, localeShape, pageOf } from '../api/api-shapes';
import type { listModerationActions } from './audit';
import type { PendingPost, QueueItem } from './flags';
import { HIDING_ACTIONS, type HiddenItem } from './hidden';

const targetType = z.enum(FLAG_TARGETS);
const postStatus = z.enum(POST_STATUSES);

export const flagRefShape = z
  .object({
    id: z.int(),
    target: z.object({ type: targetType, id: z.int() }),
    hidden: z.boolean().meta({ description: 'Whether the target is hidden now (automatic hiding at enough flags from trusted members)' }),
  })
  .meta({ id: 'FlagRef' });

const pendingShape = z.object({ type: z.enum(['question', 'answer']), id: z.int(), questionId: z.int(), title: z.string(), authorName: z.string(), excerpt: z.string(), createdAt: dateTime });

export const moderationQueueShape = z.object({
  flagged: z.array(
    z.object({
      targetType,
      targetId: z.int(),
      questionId: z.int(),
      questionTitle: z.string(),
      flagCount: z.int(),
      reasons: z.partialRecord(z.enum(FLAG_REASONS), z.int()).meta({ description: 'Open flags per reason' }),
      notes: z.array(z.string()),
      status: postStatus,
      excerpt: z.string(),
      firstFlaggedAt: dateTime,
    }),
  ),
  counts: z.record(z.string(), z.int()).meta({ description: 'Open flags per reason over the whole queue' }),
  pending: z.array(pendingShape).meta({ description: 'Posts waiting for pre-moderation, oldest first' }),
});

/** Open flags with counts per reason, and posts waiting for pre-moderation. */
export function moderationQueueJson(queue: { items: QueueItem[]; counts: Record<string, number> }, pending: PendingPost[]): z.output<typeof moderationQueueShape> {
  return {
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
    pending: pending.map((p) => ({ type: p.type, id: p.id, questionId: p.questionId, title: p.title, authorName: p.authorName, excerpt: p.excerpt, createdAt: iso(p.createdAt) })),
  };
}

export const hiddenListShape = z.object({
  items: z.array(
    z.object({
      type: targetType,
      id: z.int(),
      questionId: z.int(),
      title: z.string().meta({ description: "The thread's title" }),
      slug: z.string(),
      locale: localeShape,
      authorName: z.string(),
      excerpt: z.string().meta({ description: 'Plain text' }),
      createdAt: dateTime,
      hiddenBy: z
        .object({
          action: z.enum(HIDING_ACTIONS),
          actorName: z.string().nullable().meta({ description: 'null when the system hid it' }),
          reason: z.string(),
          at: z.int().meta({ description: 'Epoch milliseconds' }),
        })
        .nullable()
        .meta({ description: 'The latest hiding action in the audit log; null when there is none (e.g. imported content)' }),
    }),
  ),
});

export function hiddenListJson(items: HiddenItem[]): z.output<typeof hiddenListShape> {
  return {
    items: items.map((i) => ({
      type: i.type,
      id: i.id,
      questionId: i.questionId,
      title: i.title,
      slug: i.slug,
      locale: i.locale,
      authorName: i.authorName,
      excerpt: i.excerpt,
      createdAt: iso(i.createdAt),
      hiddenBy: i.hiddenBy,
    })),
  };
}

export const auditPageShape = pageOf(
  z.object({
    id: z.int(),
    action: z.string(),
    targetType: z.enum(moderationActions.targetType.enumValues),
    targetId: z.int(),
    reason: z.string(),
    data: z.record(z.string(), z.unknown()).nullable().meta({ description: 'Details of the action (e.g. the old and new category of a move)' }),
    createdAt: dateTime,
    actorName: z.string().nullable().meta({ description: 'null when the system acted' }),
  }),
);

export function auditPageJson(page: ReturnType<typeof listModerationActions>): z.output<typeof auditPageShape> {
  return {
    items: page.items.map((a) => ({
      id: a.id,
      action: a.action,
      targetType: a.targetType,
      targetId: a.targetId,
      reason: a.reason,
      data: a.data as Record<string, unknown> | null,
      createdAt: iso(a.createdAt),
      actorName: a.actorName,
    })),
    nextCursor: page.nextCursor === null ? null : String(page.nextCursor),
  };
}

export const contentCommandResultShape = z.object({
  status: postStatus.meta({ description: "The target's status now" }),
  resolved: z.int().optional().meta({ description: 'uphold, dismiss: flags resolved' }),
});

export const threadCommandResultShape = z.object({
  questionId: z.int(),
  tags: z.array(z.string()).optional().meta({ description: 'retag: the tags now' }),
  closed: z.boolean().optional().meta({ description: 'close: whether the thread is closed now (or waits for more close votes)' }),
  votes: z.int().optional().meta({ description: 'close: close votes so far' }),
  merged: z.int().optional().meta({ description: 'close with merge: answers moved to the original' }),
});

export const suspendedShape = z.object({ userId: z.int(), suspendedUntil: dateTime });
export const liftedShape = z.object({ userId: z.int() });
