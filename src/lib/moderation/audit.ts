import { and, desc, eq, lt } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { moderationActions, users } from '../../../db/schema/index';

export interface ModerationRecord {
  /** null when the system acted (automatic hiding at N flags). */
  actorId: number | null;
  action: string;
  targetType: (typeof moderationActions.$inferInsert)['targetType'];
  targetId: number;
  reason?: string;
  data?: Record<string, unknown>;
}

/** Appends to the audit log. Call inside the transaction of the action it records. */
export function recordModeration(db: Db, record: ModerationRecord, now: number): void {
  db.insert(moderationActions)
    .values({ ...record, reason: record.reason ?? '', data: record.data ?? null, createdAt: now })
    .run();
}

export const auditQuerySchema = z.object({
  cursor: z.coerce.number({ error: 'field.invalid' }).int().positive({ error: 'field.invalid' }).optional(),
  limit: z.coerce.number({ error: 'field.invalid' }).int().min(1).max(100).default(50),
});

/** The audit log, newest first, keyset-paged on id; optionally for one target. */
export function listModerationActions(db: Db, options: { cursor?: number | null; limit?: number; target?: { type: ModerationRecord['targetType']; id: number } } = {}) {
  const limit = options.limit ?? 50;
  const rows = db
    .select({
      id: moderationActions.id,
      action: moderationActions.action,
      targetType: moderationActions.targetType,
      targetId: moderationActions.targetId,
      reason: moderationActions.reason,
      data: moderationActions.data,
      createdAt: moderationActions.createdAt,
      actorName: users.displayName,
    })
    .from(moderationActions)
    .leftJoin(users, eq(users.id, moderationActions.actorId))
    .where(
      and(
        options.cursor ? lt(moderationActions.id, options.cursor) : undefined,
        options.target ? and(eq(moderationActions.targetType, options.target.type), eq(moderationActions.targetId, options.target.id)) : undefined,
      ),
    )
    .orderBy(desc(moderationActions.id))
    .limit(limit + 1)
    .all();
  const more = rows.length > limit;
  if (more) rows.pop();
  return { items: rows, nextCursor: more ? (rows.at(-1)?.id ?? null) : null };
}
