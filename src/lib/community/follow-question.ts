import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { preparedPerConnection } from '../../../db/prepared';
import { follows, meToos, questions } from '../../../db/schema/index';
import { canFollow, canMeToo } from '../auth/permissions';
import type { Actor } from '../auth/sessions';
import { DomainError } from '../errors';
import { enqueue } from '../jobs/outbox';
import { loadPost } from './load-post';

function loadQuestion(db: Db, questionId: number) {
  const post = loadPost(db, questionId);
  if (!post || post.kind !== 'question' || post.deletedAt !== null) throw new DomainError('NOT_FOUND', 'No such question.');
  return post;
}

/** Follows (true) or unfollows (false) a thread; idempotent. */
export function setFollowing(db: Db, actor: Actor | null, questionId: number, following: boolean, now: number): { questionId: number; following: boolean } {
  return db.transaction((tx) => {
    const question = loadQuestion(tx, questionId);
    if (!actor) throw new DomainError('UNAUTHORIZED', 'Sign in to follow a question.');
    if (!canFollow(actor, question, now)) throw new DomainError('FORBIDDEN', 'You cannot follow this question.');
    if (following) tx.insert(follows).values({ questionId, userId: actor.id, createdAt: now }).onConflictDoNothing().run();
    else tx.delete(follows).where(and(eq(follows.questionId, questionId), eq(follows.userId, actor.id))).run();
    return { questionId, following };
  });
}

/** Adds or removes the actor's "me too" (I have this problem as well); the count on the question follows. */
export function setMeToo(db: Db, actor: Actor | null, questionId: number, affected: boolean, now: number): { questionId: number; meTooCount: number; affected: boolean } {
  return db.transaction((tx) => {
    const question = loadQuestion(tx, questionId);
    if (!actor) throw new DomainError('UNAUTHORIZED', 'Sign in first.');
    if (!canMeToo(actor, question, now)) throw new DomainError('FORBIDDEN', 'The asker cannot say "me too" on their own question.');
    const changed = affected
      ? tx.insert(meToos).values({ questionId, userId: actor.id, createdAt: now }).onConflictDoNothing().run().changes
      : -tx.delete(meToos).where(and(eq(meToos.questionId, questionId), eq(meToos.userId, actor.id))).run().changes;
    const row = tx
      .update(questions)
      .set({ meTooCount: sql`${questions.meTooCount} + ${changed}` })
      .where(eq(questions.id, questionId))
      .returning({ n: questions.meTooCount })
      .get()!;
    if (changed !== 0) enqueue(tx, 'question.changed', { questionId }, now);
    // Affected members hear about answers too.
    if (affected) tx.insert(follows).values({ questionId, userId: actor.id, createdAt: now }).onConflictDoNothing().run();
    return { questionId, meTooCount: row.n, affected };
  });
}

const relationQueries = preparedPerConnection((db) => {
  const questionId = sql.placeholder('questionId');
  const userId = sql.placeholder('userId');
  return {
    relations: db
      .select({
        following: sql<number>`exists(select 1 from follows where question_id = ${questionId} and user_id = ${userId})`,
        meToo: sql<number>`exists(select 1 from me_toos where question_id = ${questionId} and user_id = ${userId})`,
      })
      .from(sql`(select 1)`)
      .prepare(),
  };
});

/** The actor's relation to a thread (for the page): following, me too. */
export function threadRelations(db: Db, questionId: number, userId: number): { following: boolean; meToo: boolean } {
  const row = relationQueries(db).relations.get({ questionId, userId });
  return { following: Boolean(row?.following), meToo: Boolean(row?.meToo) };
}
