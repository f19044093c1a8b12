import { and, desc, eq, inArray, isNotNull, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { preparedPerConnection } from '../../../db/prepared';
import { acceptedAnswers, categories, questions, questionTags, tags, tagSynonyms, users } from '../../../db/schema/index';
import { DomainError } from '../errors';
import { parseInput } from '../validation';
import { categoryScope } from './categories';
import { listQuestionsSchema } from './schemas';
import { PUBLIC_QUESTION } from './visibility';

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
  lastActivityAt: number;
  pinned: boolean;
  closed: boolean;
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

/**
 * Lists published questions with keyset pagination on (created_at, id) — or (last_activity_at, id) for "active" —
 * so page 1000 costs what page 1 does. Filters: locale, category (with its subcategories), tag (synonyms resolve), author.
 */
export function listQuestions(db: Db, input: unknown): { items: QuestionSummary[]; nextCursor: string | null } {
  const query = parseInput(listQuestionsSchema, input);
  const sortColumn = query.filter === 'active' ? questions.lastActivityAt : questions.createdAt;
  const where: (SQL | undefined)[] = [PUBLIC_QUESTION];
  if (query.locale) where.push(eq(questions.locale, query.locale));
  if (query.category) where.push(inCategories(db, categoryScope(db, query.category)));
  if (query.author) where.push(eq(questions.authorId, query.author));
  if (query.tag) {
    const name = query.tag.toLowerCase();
    const tagId =
      db.select({ id: tags.id }).from(tags).where(eq(tags.name, name)).get()?.id ??
      db.select({ id: tagSynonyms.tagId }).from(tagSynonyms).where(eq(tagSynonyms.name, name)).get()?.id ??
      -1;
    where.push(sql`exists (select 1 from ${questionTags} where ${questionTags.questionId} = ${questions.id} and ${questionTags.tagId} = ${tagId})`);
  }
  if (query.filter === 'unanswered') where.push(eq(questions.answerCount, 0));
  if (query.filter === 'solved') where.push(isNotNull(acceptedAnswers.answerId));
  if (query.filter === 'unsolved') where.push(isNull(acceptedAnswers.answerId), isNull(questions.closedAt));
  if (query.cursor) {
    const c = decodeCursor(query.cursor);
    where.push(or(lt(sortColumn, c.createdAt), and(eq(sortColumn, c.createdAt), lt(questions.id, c.id))));
  }
  const { items, more } = selectSummaries(db, and(...where)!, [desc(sortColumn), desc(questions.id)], query.limit);
  const last = items.at(-1);
  const lastKey = last ? (query.filter === 'active' ? last.lastActivityAt : last.createdAt) : 0;
  return { items, nextCursor: more && last ? encodeCursor(lastKey, last.id) : null };
}

/** From this many questions a category's list walks the newest-first index instead of sorting the whole category. */
const LARGE_CATEGORY = 2000;

/**
 * The category condition of a list, shaped for SQLite's planner: a small category is read through its own index and
 * sorted; a large one (a sort of tens of thousands of rows) is better met walking the list's order and filtering,
 * which `+ 0` (no index on that term) makes the planner do.
 */
function inCategories(db: Db, ids: number[]): SQL {
  const large = db.select({ id: questions.id }).from(questions).where(inArray(questions.categoryId, ids)).limit(LARGE_CATEGORY).all().length === LARGE_CATEGORY;
  return large ? inArray(sql`${questions.categoryId} + 0`, ids) : inArray(questions.categoryId, ids);
}

/** A question summary's columns and joins, for a list's own conditions and order. */
export function summarySelect(db: Db) {
  return db
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
      lastActivityAt: questions.lastActivityAt,
      pinnedAt: questions.pinnedAt,
      closedAt: questions.closedAt,
      author: users.displayName,
      categorySlug: categories.slug,
      categoryEs: categories.nameEs,
      categoryEn: categories.nameEn,
    })
    .from(questions)
    .innerJoin(users, eq(users.id, questions.authorId))
    .innerJoin(categories, eq(categories.id, questions.categoryId))
    .leftJoin(acceptedAnswers, eq(acceptedAnswers.questionId, questions.id));
}

/** A row of `summarySelect` as its columns in order: plain arrays cost less than drizzle's row objects. */
export type SummaryValues = [
  id: number,
  title: string,
  slug: string,
  locale: 'es' | 'en',
  excerpt: string,
  score: number,
  answerCount: number,
  acceptedAnswerId: number | null,
  createdAt: number,
  lastActivityAt: number,
  pinnedAt: number | null,
  closedAt: number | null,
  author: string,
  categorySlug: string,
  categoryEs: string,
  categoryEn: string,
];

const tagQueries = preparedPerConnection((db: Db) => ({
  // The ids as one JSON array: one statement, built once, whatever the list's length.
  ofQuestions: db
    .select({ questionId: questionTags.questionId, name: tags.name })
    .from(questionTags)
    .innerJoin(tags, eq(tags.id, questionTags.tagId))
    .where(inArray(questionTags.questionId, sql`(select value from json_each(${sql.placeholder('ids')}))`))
    .prepare(),
}));

/** Rows of `summarySelect` (its `.values()`) as summaries, with their tags (one query). */
export function toSummaries(db: Db, rows: SummaryValues[]): QuestionSummary[] {
  const tagMap = new Map<number, string[]>();
  if (rows.length) {
    for (const [questionId, name] of tagQueries(db).ofQuestions.values({ ids: JSON.stringify(rows.map((r) => r[0])) }) as [number, string][]) {
      const list = tagMap.get(questionId);
      if (list) list.push(name);
      else tagMap.set(questionId, [name]);
    }
  }
  return rows.map(([id, title, slug, locale, excerpt, score, answerCount, acceptedAnswerId, createdAt, lastActivityAt, pinnedAt, closedAt, author, categorySlug, categoryEs, categoryEn]) => ({
    id,
    title,
    slug,
    locale,
    excerpt,
    score,
    answerCount,
    solved: acceptedAnswerId !== null,
    createdAt,
    lastActivityAt,
    pinned: pinnedAt !== null,
    closed: closedAt !== null,
    author,
    category: { slug: categorySlug, nameEs: categoryEs, nameEn: categoryEn },
    tags: tagMap.get(id) ?? [],
  }));
}

function selectSummaries(db: Db, where: SQL, order: SQL[], limit: number) {
  const rows = summarySelect(db)
    .where(where)
    .orderBy(...order)
    .limit(limit + 1)
    .values() as SummaryValues[];
  const more = rows.length > limit;
  if (more) rows.pop();
  return { items: toSummaries(db, rows), more };
}

/** Pinned threads of a category (or of the whole site), shown above the first page of a list. */
export function listPinned(db: Db, options: { locale?: 'es' | 'en'; category?: string } = {}): QuestionSummary[] {
  const where = and(
    isNotNull(questions.pinnedAt),
    PUBLIC_QUESTION,
    options.locale ? eq(questions.locale, options.locale) : undefined,
    // `+ 0` keeps SQLite from reading the category's whole index: the few pinned rows come from the pinned index.
    options.category ? inArray(sql`${questions.categoryId} + 0`, categoryScope(db, options.category)) : undefined,
  )!;
  return selectSummaries(db, where, [desc(questions.pinnedAt)], 5).items;
}
