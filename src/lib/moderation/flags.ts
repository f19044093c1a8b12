import { and, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { answers, comments, flags, FLAG_REASONS, questions, users, type FlagTarget } from '../../../db/schema/index';
import { canFlag, canModerateCategory, TRUSTED_FLAGGER_LEVEL } from '../auth/permissions';
import type { Actor } from '../auth/sessions';
import { categoryModeratorIds } from '../community/categories';
import { loadPost, type LoadedPost } from '../community/load-post';
import { idValue } from '../community/schemas';
import { consumePostingLimit, loadStanding, trustLevelOf } from '../community/standing';
import { DomainError } from '../errors';
import { enqueue } from '../jobs/outbox';
import { notify } from '../notifications/notify';
import { recordVisibilityPoints, reputationStanding, requirePrivilege } from '../reputation/ledger';
import { lineText, parseInput } from '../validation';
import { recordModeration } from './audit';

export { FLAG_REASONS, FLAG_TARGETS } from '../../../db/schema/moderation';

/** Open flags from trusted members that hide a post until a moderator looks at it. */
export const AUTO_HIDE_FLAGS = 3;

export const flagSchema = z.object({
  reason: z.enum(FLAG_REASONS, { error: 'field.invalid' }),
  note: lineText().trim().max(500, { error: 'field.tooLong' }).optional().default(''),
});

/** A flag on a post, or on one of its comments when `commentId` is given (the API's flag route). */
export const postFlagSchema = flagSchema.extend({ commentId: idValue.optional() });

export interface FlagTargetRef {
  type: FlagTarget;
  id: number;
}

/** A flaggable thing (question, answer or comment) with its thread, author and state. */
export interface LoadedTarget {
  type: FlagTarget;
  id: number;
  questionId: number;
  categoryId: number;
  authorId: number;
  status: 'published' | 'pending' | 'hidden';
  deletedAt: number | null;
  lockedAt: number | null;
}

export function loadTarget(db: Db, target: FlagTargetRef): LoadedTarget | null {
  if (target.type === 'comment') {
    const c = db.select().from(comments).where(eq(comments.id, target.id)).get();
    if (!c) return null;
    const post = loadPost(db, c.postId)!;
    return { type: 'comment', id: c.id, questionId: post.questionId, categoryId: post.categoryId, authorId: c.authorId, status: c.status, deletedAt: c.deletedAt, lockedAt: post.lockedAt };
  }
  const post: LoadedPost | null = loadPost(db, target.id);
  if (!post || post.kind !== target.type) return null;
  return { type: post.kind, id: post.id, questionId: post.questionId, categoryId: post.categoryId, authorId: post.authorId, status: post.status, deletedAt: post.deletedAt, lockedAt: post.lockedAt };
}

/** Sets a target's visibility status (published / pending / hidden); hiding a post withdraws its points, restoring it gives them back. */
export function setTargetStatus(db: Db, target: LoadedTarget, status: 'published' | 'pending' | 'hidden', now: number): void {
  const table = target.type === 'question' ? questions : target.type === 'answer' ? answers : comments;
  db.update(table).set({ status }).where(eq(table.id, target.id)).run();
  if (target.type !== 'comment') recordVisibilityPoints(db, { id: target.id, kind: target.type }, target.status, status, now);
}

/**
 * Flags a question, answer or comment (one flag per member and target). At AUTO_HIDE_FLAGS open flags from trusted
 * members the target is hidden at once, the author is told, and the system's action is in the audit log.
 */
export function flagContent(db: Db, actor: Actor | null, ref: FlagTargetRef, input: unknown, now: number): { flagId: number; hidden: boolean; created: boolean } {
  const data = parseInput(flagSchema, input);
  return db.transaction((tx) => {
    const target = loadTarget(tx, ref);
    if (!target || target.deletedAt !== null) throw new DomainError('NOT_FOUND', 'Nothing to flag here.');
    if (!actor) throw new DomainError('UNAUTHORIZED', 'Sign in to flag.');
    if (actor.id === target.authorId) throw new DomainError('FORBIDDEN', 'You cannot flag your own post.', { _: 'flag.own' });
    requirePrivilege(tx, actor, 'flag', now);
    if (!canFlag(actor, target, now, reputationStanding(tx, actor.id))) throw new DomainError('FORBIDDEN', 'You cannot flag this.');
    const existing = tx
      .select({ id: flags.id })
      .from(flags)
      .where(and(eq(flags.targetType, ref.type), eq(flags.targetId, ref.id), eq(flags.reporterId, actor.id)))
      .get();
    if (existing) return { flagId: existing.id, hidden: target.status === 'hidden', created: false };
    const trust = trustLevelOf(actor, loadStanding(tx, actor.id), now);
    consumePostingLimit(tx, actor, 'flag', trust, now);

    const { id } = tx
      .insert(flags)
      .values({ targetType: ref.type, targetId: ref.id, questionId: target.questionId, reporterId: actor.id, reason: data.reason, note: data.note, createdAt: now })
      .returning({ id: flags.id })
      .get();

    let hidden = target.status === 'hidden';
    if (!hidden && target.status === 'published') {
      const trusted = openTrustedFlagCount(tx, ref, now);
      if (trusted >= AUTO_HIDE_FLAGS) {
        setTargetStatus(tx, target, 'hidden', now);
        hidden = true;
        recordModeration(tx, { actorId: null, action: 'auto-hide', targetType: ref.type, targetId: ref.id, reason: `${trusted} flags from trusted members` }, now);
        notify(tx, { userIds: [target.authorId], type: 'moderation.outcome', questionId: target.questionId, actorId: null, data: { action: 'hide', targetType: ref.type, targetId: ref.id } }, now);
        enqueue(tx, 'question.changed', { questionId: target.questionId }, now);
      }
    }
    return { flagId: id, hidden, created: true };
  });
}

function openTrustedFlagCount(db: Db, ref: FlagTargetRef, now: number): number {
  const reporters = db
    .select({ role: users.role, createdAt: users.createdAt, postCount: users.postCount, trustLevel: users.trustLevel })
    .from(flags)
    .innerJoin(users, eq(users.id, flags.reporterId))
    .where(and(eq(flags.targetType, ref.type), eq(flags.targetId, ref.id), isNull(flags.resolvedAt)))
    .all();
  return reporters.filter((r) => trustLevelOf({ role: r.role }, r, now) >= TRUSTED_FLAGGER_LEVEL).length;
}

export interface QueueItem {
  targetType: FlagTarget;
  targetId: number;
  questionId: number;
  questionTitle: string;
  questionSlug: string;
  questionLocale: 'es' | 'en';
  flagCount: number;
  reasons: Record<string, number>;
  notes: string[];
  firstFlaggedAt: number;
  status: 'published' | 'pending' | 'hidden';
  excerpt: string;
}

/** What a moderation list shows: `categoryIds` limits it to threads in those categories (a category moderator's). */
export interface QueueScope {
  limit?: number;
  categoryIds?: number[] | null;
}

/** Targets with open flags (most flagged first, then oldest), plus counts per reason for the queue's header. */
export function moderationQueue(db: Db, options: QueueScope = {}): { items: QueueItem[]; counts: Record<string, number>; pending: number } {
  const { limit = 50, categoryIds = null } = options;
  const flagsInScope = categoryIds === null ? undefined : inArray(flags.questionId, db.select({ id: questions.id }).from(questions).where(inArray(questions.categoryId, categoryIds)));
  const grouped = db
    .select({
      targetType: flags.targetType,
      targetId: flags.targetId,
      questionId: flags.questionId,
      n: count(),
      first: sql<number>`min(${flags.createdAt})`,
      reasons: sql<string>`group_concat(${flags.reason})`,
      notes: sql<string>`group_concat(nullif(${flags.note}, ''), char(10))`,
    })
    .from(flags)
    .where(and(isNull(flags.resolvedAt), flagsInScope))
    .groupBy(flags.targetType, flags.targetId)
    .orderBy(desc(count()), sql`min(${flags.createdAt})`)
    .limit(limit)
    .all();
  const counts = Object.fromEntries(FLAG_REASONS.map((r) => [r, 0])) as Record<string, number>;
  for (const row of db.select({ reason: flags.reason, n: count() }).from(flags).where(and(isNull(flags.resolvedAt), flagsInScope)).groupBy(flags.reason).all()) counts[row.reason] = row.n;
  const questionIds = [...new Set(grouped.map((g) => g.questionId))];
  const qs = new Map(
    questionIds.length
      ? db.select({ id: questions.id, title: questions.title, slug: questions.slug, locale: questions.locale, status: questions.status, text: questions.bodyText }).from(questions).where(inArray(questions.id, questionIds)).all().map((q) => [q.id, q])
      : [],
  );
  const answerIds = grouped.filter((g) => g.targetType === 'answer').map((g) => g.targetId);
  const commentIds = grouped.filter((g) => g.targetType === 'comment').map((g) => g.targetId);
  const ans = new Map(answerIds.length ? db.select({ id: answers.id, status: answers.status, text: answers.bodyMd }).from(answers).where(inArray(answers.id, answerIds)).all().map((a) => [a.id, a]) : []);
  const coms = new Map(commentIds.length ? db.select({ id: comments.id, status: comments.status, text: comments.bodyMd }).from(comments).where(inArray(comments.id, commentIds)).all().map((c) => [c.id, c]) : []);
  const items = grouped.map((g): QueueItem => {
    const q = qs.get(g.questionId)!;
    const own = g.targetType === 'question' ? q : g.targetType === 'answer' ? ans.get(g.targetId) : coms.get(g.targetId);
    const reasons: Record<string, number> = {};
    for (const r of g.reasons.split(',')) reasons[r] = (reasons[r] ?? 0) + 1;
    return {
      targetType: g.targetType,
      targetId: g.targetId,
      questionId: g.questionId,
      questionTitle: q.title,
      questionSlug: q.slug,
      questionLocale: q.locale,
      flagCount: g.n,
      reasons,
      notes: g.notes ? g.notes.split('\n') : [],
      firstFlaggedAt: g.first,
      status: own?.status ?? 'published',
      excerpt: (own?.text ?? '').slice(0, 200),
    };
  });
  const questionsInScope = categoryIds === null ? undefined : inArray(questions.categoryId, categoryIds);
  const pending =
    (db.select({ n: count() }).from(questions).where(and(eq(questions.status, 'pending'), isNull(questions.deletedAt), questionsInScope)).get()?.n ?? 0) +
    (db
      .select({ n: count() })
      .from(answers)
      .innerJoin(questions, eq(questions.id, answers.questionId))
      .where(and(eq(answers.status, 'pending'), isNull(answers.deletedAt), questionsInScope))
      .get()?.n ?? 0);
  return { items, counts, pending };
}

/**
 * Closes the open flags on a target. "upheld" hides it (if not already); "dismissed" restores it when flags had
 * hidden it. Either way the author learns the outcome, and the action is in the audit log.
 */
export function resolveFlags(db: Db, actor: Actor | null, ref: FlagTargetRef, resolution: 'upheld' | 'dismissed', now: number, reason = ''): { resolved: number; status: LoadedTarget['status'] } {
  return db.transaction((tx) => {
    const target = loadTarget(tx, ref);
    if (!target) throw new DomainError('NOT_FOUND', 'No such target.');
    if (!actor) throw new DomainError('UNAUTHORIZED', 'Sign in first.');
    if (!canModerateCategory(actor, categoryModeratorIds(tx, target.categoryId), now)) throw new DomainError('FORBIDDEN', 'Only moderators resolve flags.');
    const resolved = tx
      .update(flags)
      .set({ resolvedAt: now, resolvedBy: actor.id, resolution })
      .where(and(eq(flags.targetType, ref.type), eq(flags.targetId, ref.id), isNull(flags.resolvedAt)))
      .run().changes;
    let status = target.status;
    if (resolution === 'upheld' && status !== 'hidden') status = 'hidden';
    if (resolution === 'dismissed' && status === 'hidden') status = 'published';
    if (status !== target.status) {
      setTargetStatus(tx, target, status, now);
      enqueue(tx, 'question.changed', { questionId: target.questionId }, now);
    }
    recordModeration(tx, { actorId: actor.id, action: `flags.${resolution}`, targetType: ref.type, targetId: ref.id, reason, data: { flags: resolved } }, now);
    notify(tx, { userIds: [target.authorId], type: 'moderation.outcome', questionId: target.questionId, actorId: actor.id, data: { action: resolution === 'upheld' ? 'hide' : 'restore', targetType: ref.type, targetId: ref.id } }, now);
    return { resolved, status };
  });
}


export interface PendingPost {
  type: 'question' | 'answer';
  id: number;
  questionId: number;
  title: string;
  slug: string;
  locale: 'es' | 'en';
  authorName: string;
  excerpt: string;
  createdAt: number;
}

/** Posts waiting for pre-moderation, oldest first. */
export function pendingPosts(db: Db, options: QueueScope = {}): PendingPost[] {
  const { limit = 50, categoryIds = null } = options;
  const questionsInScope = categoryIds === null ? undefined : inArray(questions.categoryId, categoryIds);
  const qs = db
    .select({ id: questions.id, title: questions.title, slug: questions.slug, locale: questions.locale, authorName: users.displayName, text: questions.bodyText, createdAt: questions.createdAt })
    .from(questions)
    .innerJoin(users, eq(users.id, questions.authorId))
    .where(and(eq(questions.status, 'pending'), isNull(questions.deletedAt), questionsInScope))
    .orderBy(questions.createdAt)
    .limit(limit)
    .all()
    .map((q): PendingPost => ({ type: 'question', id: q.id, questionId: q.id, title: q.title, slug: q.slug, locale: q.locale, authorName: q.authorName, excerpt: q.text.slice(0, 200), createdAt: q.createdAt }));
  const as = db
    .select({ id: answers.id, questionId: questions.id, title: questions.title, slug: questions.slug, locale: questions.locale, authorName: users.displayName, text: answers.bodyMd, createdAt: answers.createdAt })
    .from(answers)
    .innerJoin(questions, eq(questions.id, answers.questionId))
    .innerJoin(users, eq(users.id, answers.authorId))
    .where(and(eq(answers.status, 'pending'), isNull(answers.deletedAt), questionsInScope))
    .orderBy(answers.createdAt)
    .limit(limit)
    .all()
    .map((a): PendingPost => ({ type: 'answer', ...a, excerpt: a.text.slice(0, 200) }));
  return [...qs, ...as].sort((a, b) => a.createdAt - b.createdAt).slice(0, limit);
}
