import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { preparedPerConnection } from '../../../db/prepared';
import { answers, questions, votes } from '../../../db/schema/index';
import { canVote } from '../auth/permissions';
import type { Actor } from '../auth/sessions';
import { DomainError } from '../errors';
import { enqueue } from '../jobs/outbox';
import { recordVotePoints, requirePrivilege } from '../reputation/ledger';
import { parseInput } from '../validation';
import { loadPost } from './load-post';

/** 1 up, -1 down, 0 retracts the member's vote. */
export const voteSchema = z.object({
  value: z.int({ error: 'field.invalid' }).refine((v) => v === 1 || v === -1 || v === 0, { error: 'field.invalid' }),
});

/**
 * Sets the actor's vote on a post (one per member; voting the same value again is a no-op, 0 retracts). The post's
 * score moves by the difference in the same transaction, so score = imported base + sum of votes at all times.
 */
export function votePost(db: Db, actor: Actor | null, postId: number, input: unknown, now: number): { postId: number; score: number; vote: -1 | 0 | 1 } {
  const { value } = parseInput(voteSchema, input);
  return db.transaction((tx) => {
    const post = loadPost(tx, postId);
    if (!post || post.deletedAt !== null || post.questionDeletedAt !== null) throw new DomainError('NOT_FOUND', 'No such post.');
    if (!actor) throw new DomainError('UNAUTHORIZED', 'Sign in to vote.');
    if (actor.id === post.authorId) throw new DomainError('FORBIDDEN', 'You cannot vote on your own post.', { _: 'vote.own' });
    if (!canVote(actor, post, now)) throw new DomainError('FORBIDDEN', 'You cannot vote on this post.');
    if (value === -1) requirePrivilege(tx, actor, 'voteDown', now);

    const previous = tx.select({ value: votes.value }).from(votes).where(and(eq(votes.postId, postId), eq(votes.userId, actor.id))).get()?.value ?? 0;
    const delta = value - previous;
    if (delta === 0) return { postId, score: post.score, vote: value as -1 | 0 | 1 };
    if (value === 0) tx.delete(votes).where(and(eq(votes.postId, postId), eq(votes.userId, actor.id))).run();
    else {
      tx.insert(votes)
        .values({ postId, userId: actor.id, value, createdAt: now })
        .onConflictDoUpdate({ target: [votes.postId, votes.userId], set: { value, createdAt: now } })
        .run();
    }
    const table = post.kind === 'question' ? questions : answers;
    const row = tx
      .update(table)
      .set({ score: sql`${table.score} + ${delta}` })
      .where(eq(table.id, postId))
      .returning({ score: table.score })
      .get()!;
    recordVotePoints(tx, post, actor.id, value as -1 | 0 | 1, now, previous);
    // Scores rank search results.
    enqueue(tx, 'question.changed', { questionId: post.questionId }, now);
    return { postId, score: row.score, vote: value as -1 | 0 | 1 };
  });
}

const voteQueries = preparedPerConnection((db) => ({
  // The post ids come as one JSON array, so one prepared query serves any number of posts.
  ofPosts: db
    .select({ postId: votes.postId, value: votes.value })
    .from(votes)
    .where(and(eq(votes.userId, sql.placeholder('userId')), sql`${votes.postId} in (select value from json_each(${sql.placeholder('postIds')}))`))
    .prepare(),
}));

/** The actor's votes on the given posts, in one query (for the thread page). */
export function votesOf(db: Db, userId: number, postIds: number[]): Map<number, number> {
  if (postIds.length === 0) return new Map();
  return new Map(voteQueries(db).ofPosts.all({ userId, postIds: JSON.stringify(postIds) }).map((v) => [v.postId, v.value]));
}
