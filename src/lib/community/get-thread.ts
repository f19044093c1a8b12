import { asc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../../db/client';
import { equalsBound, preparedPerConnection } from '../../../db/prepared';
import { acceptedAnswers, answers, categories, questions, questionTags, tags, users } from '../../../db/schema/index';
import { canSeeAnswer, type ThreadReader } from '../auth/permissions';

export interface ThreadAnswer {
  id: number;
  bodyHtml: string;
  bodyMd: string;
  score: number;
  createdAt: number;
  updatedAt: number;
  sourceId: string | null;
  author: { id: number; displayName: string; role: string };
  accepted: boolean;
  status: 'published' | 'pending' | 'hidden';
}

export interface Thread {
  question: {
    id: number;
    title: string;
    slug: string;
    bodyHtml: string;
    bodyMd: string;
    bodyText: string;
    locale: 'es' | 'en';
    score: number;
    answerCount: number;
    createdAt: number;
    updatedAt: number;
    deletedAt: number | null;
    deletedBy: number | null;
    sourceId: string | null;
    author: { id: number; displayName: string; role: string };
    category: { id: number; slug: string; nameEs: string; nameEn: string };
    tags: string[];
    status: 'published' | 'pending' | 'hidden';
    lastActivityAt: number;
    lockedAt: number | null;
    pinnedAt: number | null;
    closedAt: number | null;
    duplicateOfId: number | null;
    meTooCount: number;
    viewCount: number;
  };
  acceptedAnswerId: number | null;
  /** Who accepted the accepted answer (the asker, or someone on the asker's behalf) and when. */
  acceptance: { by: { id: number; displayName: string }; at: number } | null;
  /** The accepted answer first, then the others by score and age. */
  answers: ThreadAnswer[];
}

const ID = sql.placeholder('id');
const acceptor = alias(users, 'acceptor');

/**
 * The thread queries, prepared once per connection: preparing them costs more than running them. They say `in (?)`
 * (db/prepared.ts): with `= ?` SQLite planned the question's query again at every run, which cost more than reading it.
 */
function prepareThreadQueries(db: Db) {
  return {
    question: db
      .select({
        id: questions.id,
        title: questions.title,
        slug: questions.slug,
        bodyHtml: questions.bodyHtml,
        bodyMd: questions.bodyMd,
        bodyText: questions.bodyText,
        locale: questions.locale,
        score: questions.score,
        answerCount: questions.answerCount,
        createdAt: questions.createdAt,
        updatedAt: questions.updatedAt,
        deletedAt: questions.deletedAt,
        deletedBy: questions.deletedBy,
        sourceId: questions.sourceId,
        status: questions.status,
        lastActivityAt: questions.lastActivityAt,
        lockedAt: questions.lockedAt,
        pinnedAt: questions.pinnedAt,
        closedAt: questions.closedAt,
        duplicateOfId: questions.duplicateOfId,
        meTooCount: questions.meTooCount,
        viewCount: questions.viewCount,
        categoryId: questions.categoryId,
        authorId: users.id,
        authorName: users.displayName,
        authorRole: users.role,
        categorySlug: categories.slug,
        categoryEs: categories.nameEs,
        categoryEn: categories.nameEn,
        acceptedAnswerId: acceptedAnswers.answerId,
        acceptedAt: acceptedAnswers.acceptedAt,
        acceptedById: acceptor.id,
        acceptedByName: acceptor.displayName,
        tagNames: sql<string>`(select json_group_array(${tags.name} order by ${tags.name}) from ${questionTags} inner join ${tags} on ${tags.id} = ${questionTags.tagId} where ${questionTags.questionId} = ${questions.id})`,
      })
      .from(questions)
      .innerJoin(users, eq(users.id, questions.authorId))
      .innerJoin(categories, eq(categories.id, questions.categoryId))
      .leftJoin(acceptedAnswers, eq(acceptedAnswers.questionId, questions.id))
      .leftJoin(acceptor, eq(acceptor.id, acceptedAnswers.acceptedBy))
      .where(equalsBound(questions.id, ID))
      .prepare(),
    answers: db
      .select({
        id: answers.id,
        bodyHtml: answers.bodyHtml,
        bodyMd: answers.bodyMd,
        score: answers.score,
        createdAt: answers.createdAt,
        updatedAt: answers.updatedAt,
        deletedAt: answers.deletedAt,
        sourceId: answers.sourceId,
        status: answers.status,
        authorId: users.id,
        authorName: users.displayName,
        authorRole: users.role,
      })
      .from(answers)
      .innerJoin(users, eq(users.id, answers.authorId))
      .where(equalsBound(answers.questionId, ID))
      .orderBy(asc(answers.createdAt), asc(answers.id))
      .prepare(),
  };
}

const threadQueries = preparedPerConnection(prepareThreadQueries);

/**
 * A question with everything its page shows (its tags in the question's row), in two queries whatever the number of answers. Answers waiting for
 * pre-moderation or hidden are included as `canSeeAnswer` allows the `viewer`.
 */
export function getThread(db: Db, questionId: number, viewer: ThreadReader | null = null): Thread | null {
  const queries = threadQueries(db);
  // Plain arrays (the select's columns in order): drizzle's row objects cost more than reading the rows.
  const q = queries.question.values({ id: questionId })[0] as QuestionRow | undefined;
  if (!q) return null;
  const [id, title, slug, bodyHtml, bodyMd, bodyText, locale, score, answerCount, createdAt, updatedAt, deletedAt, deletedBy, sourceId, status, lastActivityAt, lockedAt, pinnedAt, closedAt, duplicateOfId, meTooCount, viewCount, categoryId, authorId, authorName, authorRole, categorySlug, categoryEs, categoryEn, acceptedAnswerId, acceptedAt, acceptedById, acceptedByName, tagNames] = q;

  const accepted = acceptedAnswerId ?? null;
  const list: ThreadAnswer[] = [];
  for (const [id, bodyHtml, bodyMd, score, createdAt, updatedAt, deletedAt, sourceId, status, authorId, authorName, authorRole] of queries.answers.values({ id: questionId }) as AnswerRow[]) {
    if (deletedAt !== null || !canSeeAnswer(viewer, categoryId, { authorId, status })) continue;
    list.push({ id, bodyHtml, bodyMd, score, createdAt, updatedAt, sourceId, author: { id: authorId, displayName: authorName, role: authorRole }, accepted: id === accepted, status });
  }
  list.sort((a, b) => Number(b.accepted) - Number(a.accepted) || b.score - a.score || a.createdAt - b.createdAt);

  return {
    question: {
      id,
      title,
      slug,
      bodyHtml,
      bodyMd,
      bodyText,
      locale,
      score,
      answerCount,
      createdAt,
      updatedAt,
      deletedAt,
      deletedBy,
      sourceId,
      author: { id: authorId, displayName: authorName, role: authorRole },
      category: { id: categoryId, slug: categorySlug, nameEs: categoryEs, nameEn: categoryEn },
      tags: JSON.parse(tagNames) as string[],
      status,
      lastActivityAt,
      lockedAt,
      pinnedAt,
      closedAt,
      duplicateOfId,
      meTooCount,
      viewCount,
    },
    acceptedAnswerId: accepted,
    acceptance: accepted !== null && acceptedById !== null && acceptedAt !== null ? { by: { id: acceptedById, displayName: acceptedByName! }, at: acceptedAt } : null,
    answers: list,
  };
}

type Question = Thread['question'];
/** The question query's columns, in order. */
type QuestionRow = [
  id: number,
  title: string,
  slug: string,
  bodyHtml: string,
  bodyMd: string,
  bodyText: string,
  locale: Question['locale'],
  score: number,
  answerCount: number,
  createdAt: number,
  updatedAt: number,
  deletedAt: number | null,
  deletedBy: number | null,
  sourceId: string | null,
  status: Question['status'],
  lastActivityAt: number,
  lockedAt: number | null,
  pinnedAt: number | null,
  closedAt: number | null,
  duplicateOfId: number | null,
  meTooCount: number,
  viewCount: number,
  categoryId: number,
  authorId: number,
  authorName: string,
  authorRole: string,
  categorySlug: string,
  categoryEs: string,
  categoryEn: string,
  acceptedAnswerId: number | null,
  acceptedAt: number | null,
  acceptedById: number | null,
  acceptedByName: string | null,
  tagNames: string,
];
/** The answers query's columns, in order. */
type AnswerRow = [
  id: number,
  bodyHtml: string,
  bodyMd: string,
  score: number,
  createdAt: number,
  updatedAt: number,
  deletedAt: number | null,
  sourceId: string | null,
  status: ThreadAnswer['status'],
  authorId: number,
  authorName: string,
  authorRole: string,
];

/** Tag names of many questions in one query. */
export function tagsOfQuestions(db: Db, questionIds: number[]): Map<number, string[]> {
  const map = new Map<number, string[]>();
  if (questionIds.length === 0) return map;
  const rows = db
    .select({ questionId: questionTags.questionId, name: tags.name })
    .from(questionTags)
    .innerJoin(tags, eq(tags.id, questionTags.tagId))
    .where(inArray(questionTags.questionId, questionIds))
    .all();
  for (const r of rows) map.set(r.questionId, [...(map.get(r.questionId) ?? []), r.name]);
  return map;
}
