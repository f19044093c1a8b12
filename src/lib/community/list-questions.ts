import { and, desc, eq, isNotNull, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { acceptedAnswers, categories, questions, users } from '../../../db/schema/index';
import { DomainError } from '../errors';
import { parseInput } from '../validation';
import { tagsOfQuestions } from './get-thread';
import { listQuestionsSchema } from './schemas';

export interface QuestionSummary {
  id: number;
  title: string;
  slug: string;
  locale: 'es' | 'en';
  excerpt: string;
  score: number;
  answerCount: number;
  solved: boolean;
  createdAt: number;
  author: string;
  category: { slug: string; nameEs: string; nameEn: string };
  tags: string[];
}

export function encodeCursor(createdAt: number, id: number): string {
  return Buffer.from(`${createdAt}:${id}`).toString('base64url');
}

export function decodeCursor(cursor: string): { createdAt: number; id: number } {
  const match = /^(\d{1,16}):(\d{1,16})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw new DomainError('INVALID', 'Malformed cursor.', { cursor: 'field.invalid' });
  return { createdAt: Number(match[1]), id: Number(match[2]) };
}

/** Lists questions newest first with keyset pagination on (created_at, id): page 1000 costs what page 1 does. */
export function listQuestions(db: Db, input: unknown): { items: QuestionSummary[]; nextCursor: string | null } {
  const query = parseInput(listQuestionsSchema, input);
  const where: (SQL | undefined)[] = [isNull(questions.deletedAt)];
  if (query.locale) where.push(eq(questions.locale, query.locale));
  if (query.category) where.push(eq(categories.slug, query.category));
  if (query.filter === 'unanswered') where.push(eq(questions.answerCount, 0));
  if (query.filter === 'solved') where.push(isNotNull(acceptedAnswers.answerId));
  if (query.cursor) {
    const c = decodeCursor(query.cursor);
    where.push(or(lt(questions.createdAt, c.createdAt), and(eq(questions.createdAt, c.createdAt), lt(questions.id, c.id))));
  }
  const rows = db
    .select({
      id: questions.id,
      title: questions.title,
      slug: questions.slug,
      locale: questions.locale,
      excerpt: sql<string>`substr(${questions.bodyText}, 1, 220)`,
      score: questions.score,
      answerCount: questions.answerCount,
      acceptedAnswerId: acceptedAnswers.answerId,
      createdAt: questions.createdAt,
      author: users.displayName,
      categorySlug: categories.slug,
      categoryEs: categories.nameEs,
      categoryEn: categories.nameEn,
    })
    .from(questions)
    .innerJoin(users, eq(users.id, questions.authorId))
    .innerJoin(categories, eq(categories.id, questions.categoryId))
    .leftJoin(acceptedAnswers, eq(acceptedAnswers.questionId, questions.id))
    .where(and(...where))
    .orderBy(desc(questions.createdAt), desc(questions.id))
    .limit(query.limit + 1)
    .all();
  const more = rows.length > query.limit;
  if (more) rows.pop();
  const tagMap = tagsOfQuestions(
    db,
    rows.map((r) => r.id),
  );
  const items = rows.map((r) => ({
    id: r.id,
    title: r.title,
    slug: r.slug,
    locale: r.locale,
    excerpt: r.excerpt,
    score: r.score,
    answerCount: r.answerCount,
    solved: r.acceptedAnswerId !== null,
    createdAt: r.createdAt,
    author: r.author,
    category: { slug: r.categorySlug, nameEs: r.categoryEs, nameEn: r.categoryEn },
    tags: tagMap.get(r.id) ?? [],
  }));
  const last = rows.at(-1);
  return { items, nextCursor: more && last ? encodeCursor(last.createdAt, last.id) : null };
}
