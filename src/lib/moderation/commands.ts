// The moderation commands as the forms and the API send them (plain fields), each dispatched to its use case: one
// place decides what an `action` means.
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { FLAG_TARGETS } from '../../../db/schema/moderation';
import { canEnterModeration, canModerate, privilegeRefusal } from '../auth/permissions';
import type { Actor } from '../auth/sessions';
import { moderatedCategoryIds } from '../community/categories';
import { idValue, tagList } from '../community/schemas';
import { DomainError, refusalError } from '../errors';
import { reputationStanding } from '../reputation/ledger';
import { lineText, parseInput } from '../validation';
import { resolveFlags } from './flags';
import type { contentCommandResultShape, threadCommandResultShape } from './api-shapes';
import { closeAsDuplicate, moderateContent, moderateThread, moveSchema, moveThread, retagThread, THREAD_ACTIONS } from './moderate';

export const contentCommandSchema = z.object({
  targetType: z.enum(FLAG_TARGETS, { error: 'field.invalid' }),
  targetId: idValue,
  action: z.enum(['hide', 'restore', 'approve', 'reject', 'uphold', 'dismiss'], { error: 'field.invalid' }),
  reason: lineText().max(500, { error: 'field.tooLong' }).optional(),
});

/** Hide, restore, approve or reject a post or comment; uphold or dismiss its flags. */
export function runContentCommand(db: Db, actor: Actor | null, input: Record<string, unknown>, now: number): z.output<typeof contentCommandResultShape> {
  const { targetType, targetId, action, reason } = parseInput(contentCommandSchema, input);
  const ref = { type: targetType, id: targetId };
  if (action === 'uphold' || action === 'dismiss') return resolveFlags(db, actor, ref, action === 'uphold' ? 'upheld' : 'dismissed', now, reason ?? '');
  return moderateContent(db, actor, ref, action, { reason }, now);
}

const THREAD_COMMANDS = [...THREAD_ACTIONS, 'move', 'retag', 'close'] as const;
const threadCommand = z.enum(THREAD_COMMANDS, { error: 'field.invalid' });

/** A thread command as a whole; each use case validates the fields its action reads. */
export const threadCommandSchema = z.object({
  action: threadCommand,
  category: moveSchema.shape.category.optional().meta({ description: 'move: the new category slug' }),
  tags: tagList.meta({ description: 'retag: the new tags' }),
  duplicateOf: idValue.optional().meta({ description: 'close: the question this one duplicates' }),
  merge: z.boolean().optional().meta({ description: 'close: move the answers to the original' }),
  reason: moveSchema.shape.reason,
});

/** Lock, unlock, pin, unpin, reopen, move, retag or close a thread as a duplicate. */
export function runThreadCommand(db: Db, actor: Actor | null, questionId: number, input: Record<string, unknown>, now: number): z.output<typeof threadCommandResultShape> {
  const command = parseInput(threadCommandSchema, input);
  const { action } = command;
  if (action === 'move') return moveThread(db, actor, questionId, input, now);
  if (action === 'retag') return retagThread(db, actor, questionId, command.tags, now);
  if (action === 'close') return closeAsDuplicate(db, actor, questionId, parseInput(idValue, command.duplicateOf), now, { merge: command.merge === true });
  return moderateThread(db, actor, questionId, action, input, now);
}

/**
 * What a moderation list may show the actor: everything for site moderators, the threads of their categories for
 * category moderators (null = everywhere). Others are refused.
 */
export function moderationScope(db: Db, actor: Actor | null, now: number): number[] | null {
  if (!actor) throw new DomainError('UNAUTHORIZED', 'Sign in first.');
  const scope = categoriesModeratedBy(db, actor, now);
  if (!canEnterModeration(actor, scope?.length ?? 1, now)) throw new DomainError('FORBIDDEN', 'Only moderators see the moderation lists.');
  return scope;
}

/**
 * Who sees the flag queue: moderators within their scope, with the tools; members holding the `seeFlagQueue` privilege
 * every open flag, read-only (no pre-moderation list, no actions). Others get the privilege's refusal.
 */
export function flagQueueAccess(db: Db, actor: Actor | null, now: number): { scope: number[] | null; readOnly: boolean } {
  if (!actor) throw new DomainError('UNAUTHORIZED', 'Sign in first.');
  const scope = categoriesModeratedBy(db, actor, now);
  if (canEnterModeration({ ...actor }, scope?.length ?? 1, now)) return { scope, readOnly: false };
  const refusal = privilegeRefusal(actor, 'seeFlagQueue', reputationStanding(db, actor.id), now);
  if (refusal) throw refusalError(refusal);
  return { scope: null, readOnly: true };
}

/**
 * Where the actor moderates, never refusing: null everywhere (site moderators), else their categories ([] for most).
 * The permission predicates that take this scope refuse a suspended account whatever it holds.
 */
export function categoriesModeratedBy(db: Db, actor: Actor | null, now: number): number[] | null {
  if (!actor) return [];
  return canModerate(actor, now) ? null : moderatedCategoryIds(db, actor.id);
}
