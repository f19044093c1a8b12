import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { answers, posts, questions, type PostStatus } from '../../../db/schema/index';

/** A question or an answer with what the rules need: author, state, and its thread's lock and category. */
export interface LoadedPost {
  id: number;
  kind: 'question' | 'answer';
  questionId: number;
  authorId: number;
  status: PostStatus;
  deletedAt: number | null;
  deletedBy: number | null;
  lockedAt: number | null;
  categoryId: number;
  /** The thread's language. */
  locale: 'es' | 'en';
  questionAuthorId: number;
  questionDeletedAt: number | null;
  questionCreatedAt: number;
  score: number;
}

/** Loads a post by id whatever its kind, in one query. */
export function loadPost(db: Db, postId: number): LoadedPost | null {
  const row = db
    .select({
      id: posts.id,
      kind: posts.kind,
      aQuestionId: answers.questionId,
      aAuthorId: answers.authorId,
      aStatus: answers.status,
      aDeletedAt: answers.deletedAt,
      aDeletedBy: answers.deletedBy,
      aScore: answers.score,
      qId: questions.id,
      qAuthorId: questions.authorId,
      qStatus: questions.status,
      qDeletedAt: questions.deletedAt,
      qDeletedBy: questions.deletedBy,
      qScore: questions.score,
      qCreatedAt: questions.createdAt,
      lockedAt: questions.lockedAt,
      categoryId: questions.categoryId,
      locale: questions.locale,
    })
    .from(posts)
    .leftJoin(answers, eq(answers.id, posts.id))
    .innerJoin(questions, eq(questions.id, sql`coalesce(${answers.questionId}, ${posts.id})`))
    .where(eq(posts.id, postId))
    .get();
  if (!row) return null;
  const isAnswer = row.kind === 'answer';
  return {
    id: row.id,
    kind: row.kind,
    questionId: row.qId,
    authorId: isAnswer ? row.aAuthorId! : row.qAuthorId,
    status: isAnswer ? row.aStatus! : row.qStatus,
    deletedAt: isAnswer ? row.aDeletedAt : row.qDeletedAt,
    deletedBy: isAnswer ? row.aDeletedBy : row.qDeletedBy,
    score: isAnswer ? row.aScore! : row.qScore,
    lockedAt: row.lockedAt,
    categoryId: row.categoryId,
    locale: row.locale,
    questionAuthorId: row.qAuthorId,
    questionDeletedAt: row.qDeletedAt,
    questionCreatedAt: row.qCreatedAt,
  };
}
