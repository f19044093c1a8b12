import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { acceptedAnswers, answers, categories, closeVotes, questions, tags, tagSynonyms, users } from '../../../db/schema/index';
import { canCloseDirectly, canModerate, canModerateCategory, canMoveThread, canSuspend, canVoteToClose } from '../auth/permissions';
import type { Actor } from '../auth/sessions';
import { invalidateUserSessions } from '../auth/sessions';
import { publishAnswer } from '../community/answer-question';
import { resolveTags, setQuestionTags } from '../community/ask-question';
import { categoryModeratorIds } from '../community/categories';
import { mergeTagInto } from '../community/tags';
import { TAG_PATTERN } from '../community/schemas';
import { loadStanding, trustLevelOf } from '../community/standing';
import { DomainError } from '../errors';
import { enqueue } from '../jobs/outbox';
import { notify } from '../notifications/notify';
import { lineText, parseInput } from '../validation';
import { recordModeration } from './audit';
import { loadTarget, setTargetStatus, type FlagTargetRef, type LoadedTarget } from './flags';
import { reputationStanding } from '../reputation/ledger';

const reasonSchema = lineText().trim().max(500, { error: 'field.tooLong' }).optional().default('');

function requireModerator(db: Db, actor: Actor | null, target: { categoryId: number }, now: number): Actor {
  if (!actor) throw new DomainError('UNAUTHORIZED', 'Sign in first.');
  if (!canModerateCategory(actor, categoryModeratorIds(db, target.categoryId), now)) throw new DomainError('FORBIDDEN', 'Only moderators can do this.');
  return actor;
}

function loadOrThrow(db: Db, ref: FlagTargetRef): LoadedTarget {
  const target = loadTarget(db, ref);
  if (!target || target.deletedAt !== null) throw new DomainError('NOT_FOUND', 'No such post.');
  return target;
}

export type Visibility = 'hide' | 'restore' | 'approve' | 'reject';

/**
 * Hides or restores a question, answer or comment; approves or rejects a post waiting for pre-moderation. Approving
 * publishes it as if it had just been posted (counts, notifications); rejecting hides it.
 */
export function moderateContent(db: Db, actor: Actor | null, ref: FlagTargetRef, action: Visibility, input: unknown, now: number): { status: LoadedTarget['status'] } {
  const reason = parseInput(reasonSchema, (input as { reason?: unknown } | null)?.reason);
  return db.transaction((tx) => {
    const target = loadOrThrow(tx, ref);
    const mod = requireModerator(tx, actor, target, now);
    const from = target.status;
    const to = action === 'hide' || action === 'reject' ? 'hidden' : 'published';
    if ((action === 'approve' || action === 'reject') && from !== 'pending') throw new DomainError('CONFLICT', 'This post is not waiting for approval.', { _: 'error.conflict' });
    if (action === 'restore' && from !== 'hidden') throw new DomainError('CONFLICT', 'This post is not hidden.', { _: 'error.conflict' });
    if (from === to) return { status: to };
    setTargetStatus(tx, target, to, now);
    if (action === 'approve') {
      if (target.type === 'answer') {
        const a = tx.select({ bodyMd: answers.bodyMd }).from(answers).where(eq(answers.id, target.id)).get()!;
        publishAnswer(tx, { id: target.id, questionId: target.questionId, authorId: target.authorId, bodyMd: a.bodyMd }, now);
      } else if (target.type === 'question') {
        tx.update(users).set({ postCount: sql`${users.postCount} + 1` }).where(eq(users.id, target.authorId)).run();
      }
    }
    if (target.type === 'answer' && from === 'published' && to === 'hidden') {
      tx.update(questions).set({ answerCount: sql`max(0, ${questions.answerCount} - 1)` }).where(eq(questions.id, target.questionId)).run();
    }
    if (target.type === 'answer' && from === 'hidden' && to === 'published') {
      tx.update(questions).set({ answerCount: sql`${questions.answerCount} + 1` }).where(eq(questions.id, target.questionId)).run();
    }
    recordModeration(tx, { actorId: mod.id, action, targetType: ref.type, targetId: ref.id, reason }, now);
    notify(tx, { userIds: [target.authorId], type: 'moderation.outcome', questionId: target.questionId, actorId: mod.id, data: { action, targetType: ref.type, targetId: ref.id, reason } }, now);
    enqueue(tx, 'question.changed', { questionId: target.questionId }, now);
    return { status: to };
  });
}

export const THREAD_ACTIONS = ['lock', 'unlock', 'pin', 'unpin', 'reopen'] as const;
export type ThreadAction = (typeof THREAD_ACTIONS)[number];

/** Lock/unlock (no new answers, comments or votes), pin/unpin, reopen a closed thread. */
export function moderateThread(db: Db, actor: Actor | null, questionId: number, action: ThreadAction, input: unknown, now: number): { questionId: number } {
  const reason = parseInput(reasonSchema, (input as { reason?: unknown } | null)?.reason);
  return db.transaction((tx) => {
    const target = loadOrThrow(tx, { type: 'question', id: questionId });
    const mod = requireModerator(tx, actor, target, now);
    const set =
      action === 'lock'
        ? { lockedAt: now }
        : action === 'unlock'
          ? { lockedAt: null }
          : action === 'pin'
            ? { pinnedAt: now }
            : action === 'unpin'
              ? { pinnedAt: null }
              : { closedAt: null, duplicateOfId: null };
    tx.update(questions).set(set).where(eq(questions.id, questionId)).run();
    if (action === 'reopen') tx.delete(closeVotes).where(eq(closeVotes.questionId, questionId)).run();
    recordModeration(tx, { actorId: mod.id, action, targetType: 'question', targetId: questionId, reason }, now);
    enqueue(tx, 'question.changed', { questionId }, now);
    return { questionId };
  });
}

export const moveSchema = z.object({ category: z.string().trim().min(1, { error: 'field.required' }).max(64), reason: reasonSchema });

/** Moves a thread to another category; category moderators move only between categories they moderate. */
export function moveThread(db: Db, actor: Actor | null, questionId: number, input: unknown, now: number): { questionId: number } {
  const data = parseInput(moveSchema, input);
  return db.transaction((tx) => {
    const target = loadOrThrow(tx, { type: 'question', id: questionId });
    const mod = requireModerator(tx, actor, target, now);
    const category = tx.select({ id: categories.id }).from(categories).where(eq(categories.slug, data.category)).get();
    if (!category) throw new DomainError('INVALID', 'Unknown category.', { category: 'field.unknownCategory' });
    if (!canMoveThread(mod, categoryModeratorIds(tx, target.categoryId), categoryModeratorIds(tx, category.id), now)) {
      throw new DomainError('FORBIDDEN', 'You do not moderate the category you are moving to.', { category: 'category.notModerated' });
    }
    tx.update(questions).set({ categoryId: category.id }).where(eq(questions.id, questionId)).run();
    recordModeration(tx, { actorId: mod.id, action: 'move', targetType: 'question', targetId: questionId, reason: data.reason, data: { from: target.categoryId, to: category.id } }, now);
    enqueue(tx, 'question.changed', { questionId }, now);
    return { questionId };
  });
}

/** Replaces the tags of a thread (moderators may create tags). */
export function retagThread(db: Db, actor: Actor | null, questionId: number, tagNames: string[], now: number): { questionId: number; tags: string[] } {
  return db.transaction((tx) => {
    const target = loadOrThrow(tx, { type: 'question', id: questionId });
    const mod = requireModerator(tx, actor, target, now);
    const names = resolveTags(tx, mod, 4, tagNames, now);
    setQuestionTags(tx, questionId, names);
    recordModeration(tx, { actorId: mod.id, action: 'retag', targetType: 'question', targetId: questionId, data: { tags: names } }, now);
    enqueue(tx, 'question.changed', { questionId }, now);
    return { questionId, tags: names };
  });
}

/** Close votes from members (trust level 2+) that close a question as a duplicate. */
export const CLOSE_VOTES_NEEDED = 3;

/**
 * Closes a question as a duplicate of another: moderators and superusers directly, trusted members by vote
 * (CLOSE_VOTES_NEEDED votes for the same target). The duplicate then answers 301 to crawlers and shows a notice.
 */
export function closeAsDuplicate(
  db: Db,
  actor: Actor | null,
  questionId: number,
  duplicateOfId: number,
  now: number,
  options: { merge?: boolean } = {},
): { questionId: number; closed: boolean; votes: number; merged: number } {
  return db.transaction((tx) => {
    const target = loadOrThrow(tx, { type: 'question', id: questionId });
    const original = loadTarget(tx, { type: 'question', id: duplicateOfId });
    if (!original || original.deletedAt !== null || original.status !== 'published') throw new DomainError('INVALID', 'The original question does not exist.', { duplicateOf: 'field.invalid' });
    if (duplicateOfId === questionId) throw new DomainError('INVALID', 'A question cannot duplicate itself.', { duplicateOf: 'field.invalid' });
    const state = tx.select({ closedAt: questions.closedAt, duplicateOf: questions.duplicateOfId }).from(questions).where(eq(questions.id, duplicateOfId)).get()!;
    if (state.duplicateOf === questionId) throw new DomainError('INVALID', 'That question is itself closed as a duplicate of this one.', { duplicateOf: 'field.invalid' });
    if (!actor) throw new DomainError('UNAUTHORIZED', 'Sign in first.');
    const member: Actor = actor;
    // Passed as expressions, not references: the predicates' false branch must not narrow `member` to never.
    const direct = canCloseDirectly({ ...member }, now) || canModerateCategory({ ...member }, categoryModeratorIds(tx, target.categoryId), now);
    if (!direct) {
      if (!canVoteToClose({ ...member }, trustLevelOf(member, loadStanding(tx, member.id), now), now, reputationStanding(tx, member.id))) throw new DomainError('FORBIDDEN', 'You cannot vote to close yet.');
      tx.insert(closeVotes).values({ questionId, userId: member.id, duplicateOfId, createdAt: now }).onConflictDoUpdate({ target: [closeVotes.questionId, closeVotes.userId], set: { duplicateOfId } }).run();
      const votes = tx.select({ n: sql<number>`count(*)` }).from(closeVotes).where(and(eq(closeVotes.questionId, questionId), eq(closeVotes.duplicateOfId, duplicateOfId))).get()!.n;
      if (votes < CLOSE_VOTES_NEEDED) return { questionId, closed: false, votes, merged: 0 };
    }
    tx.update(questions).set({ closedAt: now, duplicateOfId }).where(and(eq(questions.id, questionId), isNull(questions.closedAt))).run();
    // Merging moves the duplicate's answers under the original (its acceptance stays behind: the asker differs).
    let merged = 0;
    if (options.merge && direct) {
      tx.delete(acceptedAnswers).where(eq(acceptedAnswers.questionId, questionId)).run();
      merged = tx.update(answers).set({ questionId: duplicateOfId }).where(eq(answers.questionId, questionId)).run().changes;
      for (const id of [questionId, duplicateOfId]) {
        tx.update(questions)
          .set({ answerCount: sql`(select count(*) from answers where question_id = ${id} and deleted_at is null and status = 'published')`, lastActivityAt: now })
          .where(eq(questions.id, id))
          .run();
      }
      enqueue(tx, 'question.changed', { questionId: duplicateOfId }, now);
    }
    recordModeration(tx, { actorId: member.id, action: 'close-duplicate', targetType: 'question', targetId: questionId, data: { duplicateOfId, byVote: !direct, merged } }, now);
    notify(tx, { userIds: [target.authorId], type: 'moderation.outcome', questionId, actorId: member.id, data: { action: 'close-duplicate', duplicateOfId } }, now);
    enqueue(tx, 'question.changed', { questionId }, now);
    return { questionId, closed: true, votes: CLOSE_VOTES_NEEDED, merged };
  });
}

export const suspendSchema = z.object({
  reason: lineText({ error: 'field.required' }).trim().min(1, { error: 'field.required' }).max(500, { error: 'field.tooLong' }),
  days: z.int({ error: 'field.invalid' }).min(1, { error: 'field.invalid' }).max(3650, { error: 'field.invalid' }),
});

/** Suspends a member for `days` with a reason (signs them out everywhere); unsuspending lifts it. */
export function suspendMember(db: Db, actor: Actor | null, userId: number, input: unknown, now: number): { userId: number; suspendedUntil: number } {
  const data = parseInput(suspendSchema, input);
  return db.transaction((tx) => {
    const target = tx.select({ id: users.id, role: users.role }).from(users).where(eq(users.id, userId)).get();
    if (!target) throw new DomainError('NOT_FOUND', 'No such member.');
    if (!actor) throw new DomainError('UNAUTHORIZED', 'Sign in first.');
    if (!canSuspend(actor, target, now)) throw new DomainError('FORBIDDEN', 'You cannot suspend this member.');
    const suspendedUntil = now + data.days * 24 * 3600 * 1000;
    tx.update(users).set({ suspendedUntil, suspendedReason: data.reason }).where(eq(users.id, userId)).run();
    invalidateUserSessions(tx, userId);
    recordModeration(tx, { actorId: actor.id, action: 'suspend', targetType: 'user', targetId: userId, reason: data.reason, data: { days: data.days, until: suspendedUntil } }, now);
    return { userId, suspendedUntil };
  });
}

/** Lifting a suspension: an optional reason for the audit log, cut at 500 characters. */
export const unsuspendSchema = z.object({ reason: lineText({ error: 'field.invalid' }).trim().transform((s) => s.slice(0, 500)).optional() });

export function unsuspendMember(db: Db, actor: Actor | null, userId: number, now: number, reasonInput = ''): { userId: number } {
  const reason = parseInput(unsuspendSchema, { reason: reasonInput }).reason ?? '';
  return db.transaction((tx) => {
    const target = tx.select({ id: users.id, role: users.role }).from(users).where(eq(users.id, userId)).get();
    if (!target) throw new DomainError('NOT_FOUND', 'No such member.');
    if (!actor) throw new DomainError('UNAUTHORIZED', 'Sign in first.');
    if (!canSuspend(actor, target, now)) throw new DomainError('FORBIDDEN', 'You cannot unsuspend this member.');
    tx.update(users).set({ suspendedUntil: null, suspendedReason: null }).where(eq(users.id, userId)).run();
    recordModeration(tx, { actorId: actor.id, action: 'unsuspend', targetType: 'user', targetId: userId, reason }, now);
    notify(tx, { userIds: [userId], type: 'moderation.outcome', questionId: null, actorId: actor.id, data: { action: 'unsuspend' } }, now);
    return { userId };
  });
}

export const tagSynonymSchema = z.object({
  synonym: z.string().trim().toLowerCase().regex(TAG_PATTERN, { error: 'field.invalidTag' }),
  tag: z.string().trim().toLowerCase().regex(TAG_PATTERN, { error: 'field.invalidTag' }),
  description: lineText().trim().max(300, { error: 'field.tooLong' }).optional(),
});

/**
 * Makes `synonym` another name for `tag` (created if missing, with an optional description). Threads already tagged
 * with the synonym move to the tag, and the synonym tag itself goes away.
 */
export function addTagSynonym(db: Db, actor: Actor | null, input: unknown, now: number): { synonym: string; tag: string; moved: number } {
  const data = parseInput(tagSynonymSchema, input);
  if (data.synonym === data.tag) throw new DomainError('INVALID', 'A tag cannot be its own synonym.', { synonym: 'field.invalid' });
  return db.transaction((tx) => {
    if (!actor) throw new DomainError('UNAUTHORIZED', 'Sign in first.');
    if (!canModerate(actor, now)) throw new DomainError('FORBIDDEN', 'Only moderators manage tags.');
    tx.insert(tags).values({ name: data.tag, description: data.description ?? '' }).onConflictDoNothing().run();
    if (data.description) tx.update(tags).set({ description: data.description }).where(eq(tags.name, data.tag)).run();
    const target = tx.select({ id: tags.id }).from(tags).where(eq(tags.name, data.tag)).get()!;
    tx.insert(tagSynonyms).values({ name: data.synonym, tagId: target.id }).onConflictDoUpdate({ target: tagSynonyms.name, set: { tagId: target.id } }).run();
    const old = tx.select({ id: tags.id }).from(tags).where(eq(tags.name, data.synonym)).get();
    const moved = old ? mergeTagInto(tx, old.id, target.id, now) : 0;
    recordModeration(tx, { actorId: actor.id, action: 'tag-synonym', targetType: 'question', targetId: 0, data: { synonym: data.synonym, tag: data.tag, moved } }, now);
    return { synonym: data.synonym, tag: data.tag, moved };
  });
}
