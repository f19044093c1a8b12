import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { isSqliteBusy, withBusyRetries, type Db } from '../../../db/client';
import {
  acceptedAnswers,
  answers,
  categories,
  outbox,
  postRevisions,
  posts,
  questions,
  questionTags,
  redirects,
  tags,
  users,
} from '../../../db/schema/index';
import { LOCALES } from '../../../db/schema/accounts';
import { markdownToText, renderMarkdown } from '../markdown';
import { contentHash } from './content-hash';
import { HAS_LETTER, lineText, multilineText } from '../validation';
import { TAG_PATTERN } from './schemas';
import { slugify } from './slug';
import { awardImportedPoints } from '../reputation/recalc';

/** Category of imported questions whose line names no category, or one that does not exist here. */
export const IMPORT_CATEGORY_SLUG = 'imported';
/** Lines validated and rendered before they are written, and reported as progress together. */
export const IMPORT_BATCH_SIZE = 500;
/**
 * A transaction commits after the first line that takes it past this long, so a running server never waits long for
 * the write lock (its busy timeout is 5 s); enough lines still share a commit to keep its cost small.
 */
export const IMPORT_TRANSACTION_BUDGET_MS = 50;
const MAX_REJECTIONS_LISTED = 1000;

const timestamp = z
  .union([z.number().int().nonnegative(), z.string().min(1)])
  .transform((value, ctx) => {
    const ms = typeof value === 'number' ? value : Date.parse(value);
    if (!Number.isFinite(ms)) {
      ctx.addIssue({ code: 'custom', message: 'not a date (ISO 8601 or epoch milliseconds)' });
      return z.NEVER;
    }
    return ms;
  });

const author = z.union([
  lineText().trim().min(1).max(80),
  z.object({ sourceId: z.union([z.string(), z.number()]).optional(), name: lineText().trim().min(1).max(80) }),
]);

const sourceId = z.union([z.string().trim().min(1).max(200), z.number().int()]).transform(String);
const body = multilineText().trim().min(1, 'empty').max(30000, 'longer than 30000 characters');

const importAnswerSchema = z.object({
  sourceId,
  body,
  author: author.optional(),
  createdAt: timestamp.optional(),
  accepted: z.boolean().optional(),
  score: z.number().int().optional(),
});

const importLineSchema = z
  .object({
    sourceId,
    title: lineText().trim().min(1, 'empty').max(150, 'longer than 150 characters').regex(HAS_LETTER, 'no letters'),
    body,
    locale: z.enum(LOCALES),
    category: z.string().trim().max(64).optional(),
    tags: z.array(z.string()).max(50).optional(),
    author: author.optional(),
    createdAt: timestamp.optional(),
    url: z.string().trim().min(1).max(2000).optional(),
    score: z.number().int().optional(),
    answers: z.array(importAnswerSchema).max(1000).optional(),
  })
  .superRefine((line, ctx) => {
    const list = line.answers ?? [];
    if (list.filter((a) => a.accepted).length > 1) ctx.addIssue({ code: 'custom', path: ['answers'], message: 'more than one accepted answer' });
    if (new Set(list.map((a) => a.sourceId)).size !== list.length) {
      ctx.addIssue({ code: 'custom', path: ['answers'], message: 'repeated answer sourceId' });
    }
  });

type ImportLine = z.infer<typeof importLineSchema>;

export interface ImportRejection {
  line: number;
  sourceId?: string;
  reason: string;
}

export interface ImportSummary {
  lines: number;
  /** Questions created, updated (content changed since the last import) and skipped (unchanged). */
  created: number;
  updated: number;
  skipped: number;
  rejected: number;
  answersCreated: number;
  answersUpdated: number;
  membersCreated: number;
  /** Lines whose category was missing or unknown, filed under IMPORT_CATEGORY_SLUG. */
  defaultCategory: number;
  /** Tags dropped because they are not valid tag names (or past the fifth). */
  tagsDropped: number;
  /** The first rejections, with line numbers and reasons (the count is in `rejected`). */
  rejections: ImportRejection[];
}

function emptySummary(): ImportSummary {
  return {
    lines: 0,
    created: 0,
    updated: 0,
    skipped: 0,
    rejected: 0,
    answersCreated: 0,
    answersUpdated: 0,
    membersCreated: 0,
    defaultCategory: 0,
    tagsDropped: 0,
    rejections: [],
  };
}

/** Tag names as the site accepts them: lowercase, spaces to dashes; invalid ones are dropped, at most five kept. */
export function normalizeImportTags(raw: string[] | undefined): { tags: string[]; dropped: number } {
  const all = [...new Set((raw ?? []).map((t) => t.trim().toLowerCase().replace(/[\s_]+/g, '-')).filter(Boolean))];
  const valid = all.filter((t) => TAG_PATTERN.test(t));
  const tags = valid.slice(0, 5);
  return { tags, dropped: all.length - tags.length };
}

/** The path of an old URL (absolute or relative), which is what a request for it will carry. */
export function legacyPath(url: string): string | null {
  try {
    const u = new URL(url, 'http://legacy.invalid');
    if (!/^https?:$/.test(u.protocol)) return null;
    const path = u.pathname.replace(/\/+$/, '') || '/';
    return path === '/' ? null : path + u.search;
  } catch {
    return null;
  }
}

function reasonOf(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || 'line'}: ${i.message}`)
    .join('; ');
}

/** Statements prepared once per import: building and preparing a query per row would dominate the run time. */
function prepareStatements(db: Db) {
  const p = (name: string) => sql.placeholder(name);
  return {
    questionBySource: db
      .select({ id: questions.id, importHash: questions.importHash })
      .from(questions)
      .where(eq(questions.sourceId, p('sourceId')))
      .prepare(),
    answerBySource: db
      .select({ id: answers.id, questionId: answers.questionId, bodyMd: answers.bodyMd })
      .from(answers)
      .where(eq(answers.sourceId, p('sourceId')))
      .prepare(),
    userBySource: db.select({ id: users.id }).from(users).where(eq(users.sourceId, p('sourceId'))).prepare(),
    insertUser: db
      .insert(users)
      .values({ email: p('email'), displayName: p('displayName'), passwordHash: '', role: 'member', locale: 'es', createdAt: p('now'), sourceId: p('sourceId'), trustLevel: 1 })
      .returning({ id: users.id })
      .prepare(),
    bumpPostCount: db
      .update(users)
      .set({ postCount: sql`${users.postCount} + 1` })
      .where(eq(users.id, p('id')))
      .prepare(),
    categoryBySlug: db.select({ id: categories.id }).from(categories).where(eq(categories.slug, p('slug'))).prepare(),
    insertPost: db.insert(posts).values({ kind: p('kind') }).returning({ id: posts.id }).prepare(),
    insertQuestion: db
      .insert(questions)
      .values({
        id: p('id'),
        sourceId: p('sourceId'),
        title: p('title'),
        slug: p('slug'),
        bodyMd: p('bodyMd'),
        bodyHtml: p('bodyHtml'),
        bodyText: p('bodyText'),
        locale: p('locale'),
        categoryId: p('categoryId'),
        authorId: p('authorId'),
        score: p('score'),
        answerCount: p('answerCount'),
        createdAt: p('createdAt'),
        updatedAt: p('updatedAt'),
        lastActivityAt: p('lastActivityAt'),
        contentHash: p('contentHash'),
        importHash: p('importHash'),
      })
      .prepare(),
    insertAnswer: db
      .insert(answers)
      .values({
        id: p('id'),
        questionId: p('questionId'),
        sourceId: p('sourceId'),
        authorId: p('authorId'),
        bodyMd: p('bodyMd'),
        bodyHtml: p('bodyHtml'),
        score: p('score'),
        createdAt: p('createdAt'),
        updatedAt: p('updatedAt'),
        contentHash: p('contentHash'),
      })
      .prepare(),
    insertRevision: db
      .insert(postRevisions)
      .values({ postId: p('postId'), revision: p('revision'), authorId: p('authorId'), title: p('title'), bodyMd: p('bodyMd'), tags: p('tags'), note: 'import', createdAt: p('createdAt') })
      .prepare(),
    tagByName: db.select({ id: tags.id }).from(tags).where(eq(tags.name, p('name'))).prepare(),
    insertTag: db.insert(tags).values({ name: p('name') }).returning({ id: tags.id }).prepare(),
    insertQuestionTag: db.insert(questionTags).values({ questionId: p('questionId'), tagId: p('tagId') }).prepare(),
    accept: db
      .insert(acceptedAnswers)
      .values({ questionId: p('questionId'), answerId: p('answerId'), acceptedBy: p('acceptedBy'), acceptedAt: p('acceptedAt') })
      .onConflictDoUpdate({ target: acceptedAnswers.questionId, set: { answerId: sql`excluded.answer_id`, acceptedAt: sql`excluded.accepted_at` } })
      .prepare(),
    redirect: db
      .insert(redirects)
      .values({ path: p('path'), questionId: p('questionId'), createdAt: p('now') })
      .onConflictDoUpdate({ target: redirects.path, set: { questionId: sql`excluded.question_id` } })
      .prepare(),
    // The same row jobs/outbox.enqueue writes, as a prepared statement.
    enqueueChange: db
      .insert(outbox)
      .values({ topic: 'question.changed', payload: sql`json_object('questionId', ${p('questionId')})`, createdAt: p('now'), availableAt: p('now') })
      .prepare(),
  };
}

type Statements = ReturnType<typeof prepareStatements>;

/** What writing one line added to the summary; counted only once its transaction commits. */
type Tally = Pick<ImportSummary, 'answersCreated' | 'answersUpdated' | 'membersCreated' | 'defaultCategory' | 'tagsDropped'>;

const emptyTally = (): Tally => ({ answersCreated: 0, answersUpdated: 0, membersCreated: 0, defaultCategory: 0, tagsDropped: 0 });

/** A validated line with its Markdown already rendered, so that transactions only write. */
interface PreparedLine {
  line: number;
  data: ImportLine;
  hash: string;
  bodyHtml: string;
  bodyText: string;
  answersHtml: string[];
}

function prepareLine(line: number, data: ImportLine): PreparedLine {
  return {
    line,
    data,
    hash: fingerprint(data),
    bodyHtml: renderMarkdown(data.body, { ugc: true }),
    bodyText: markdownToText(data.body),
    answersHtml: (data.answers ?? []).map((a) => renderMarkdown(a.body, { ugc: true })),
  };
}

interface Context {
  now: number;
  tally: Tally;
  st: Statements;
  authors: Map<string, number>;
  categories: Map<string, number>;
  tags: Map<string, number>;
  defaultCategoryId: number | null;
}

function authorKey(value: ImportLine['author']): { key: string; name: string } {
  if (value === undefined) return { key: 'import:anonymous', name: 'Imported member' };
  if (typeof value === 'string') return { key: `import:${value.toLowerCase()}`, name: value };
  return { key: `import:${String(value.sourceId ?? value.name).toLowerCase()}`, name: value.name };
}

/** Finds or creates the member behind an imported author; imported members have no password (no sign-in). */
function authorId(ctx: Context, value: ImportLine['author']): number {
  const { key, name } = authorKey(value);
  const cached = ctx.authors.get(key);
  if (cached !== undefined) return cached;
  let row = ctx.st.userBySource.get({ sourceId: key });
  if (!row) {
    row = ctx.st.insertUser.get({ email: `${contentHash(key)}@imported.invalid`, displayName: name, now: ctx.now, sourceId: key })!;
    ctx.tally.membersCreated++;
  }
  ctx.authors.set(key, row.id);
  return row.id;
}

function categoryId(tx: Db, ctx: Context, slug: string | undefined): number {
  const wanted = slug?.toLowerCase();
  if (wanted) {
    const cached = ctx.categories.get(wanted);
    if (cached !== undefined) return cached;
    const row = ctx.st.categoryBySlug.get({ slug: wanted });
    if (row) {
      ctx.categories.set(wanted, row.id);
      return row.id;
    }
  }
  ctx.tally.defaultCategory++;
  if (ctx.defaultCategoryId === null) {
    tx.insert(categories)
      .values({
        slug: IMPORT_CATEGORY_SLUG,
        nameEs: 'Importadas',
        nameEn: 'Imported',
        descriptionEs: 'Preguntas traídas de otro foro.',
        descriptionEn: 'Questions brought over from another forum.',
        position: 1000,
      })
      .onConflictDoNothing()
      .run();
    ctx.defaultCategoryId = ctx.st.categoryBySlug.get({ slug: IMPORT_CATEGORY_SLUG })!.id;
  }
  return ctx.defaultCategoryId;
}

function tagIds(ctx: Context, names: string[]): number[] {
  return names.map((name) => {
    let id = ctx.tags.get(name);
    if (id === undefined) {
      id = (ctx.st.tagByName.get({ name }) ?? ctx.st.insertTag.get({ name })!).id;
      ctx.tags.set(name, id);
    }
    return id;
  });
}

/** Writes one valid line; returns what happened to the question. Runs inside the batch's transaction. */
function importLine(tx: Db, ctx: Context, prepared: PreparedLine): 'created' | 'updated' | 'skipped' {
  const { st } = ctx;
  const { data: line, hash } = prepared;
  const existing = st.questionBySource.get({ sourceId: line.sourceId });
  if (existing && existing.importHash === hash) return 'skipped';

  const answerList = line.answers ?? [];
  const known = new Map<string, { id: number; bodyMd: string }>();
  for (const a of answerList) {
    const row = st.answerBySource.get({ sourceId: a.sourceId });
    if (!row) continue;
    if (row.questionId !== existing?.id) throw new RejectLine(`answer ${a.sourceId} belongs to another question`);
    known.set(a.sourceId, row);
  }

  const now = ctx.now;
  const createdAt = line.createdAt ?? now;
  const authorOfQuestion = authorId(ctx, line.author);
  const category = categoryId(tx, ctx, line.category);
  const { tags: tagNames, dropped } = normalizeImportTags(line.tags);
  ctx.tally.tagsDropped += dropped;
  const answerTimes = answerList.map((a) => a.createdAt ?? createdAt);
  const fields = {
    title: line.title,
    slug: slugify(line.title),
    bodyMd: line.body,
    bodyHtml: prepared.bodyHtml,
    bodyText: prepared.bodyText,
    locale: line.locale,
    categoryId: category,
    authorId: authorOfQuestion,
    createdAt,
    updatedAt: now,
    lastActivityAt: Math.max(createdAt, ...answerTimes),
    contentHash: contentHash(line.title, line.body),
    importHash: hash,
    answerCount: answerList.length,
  };
  const revision = { title: line.title, bodyMd: line.body, tags: tagNames.join(' '), authorId: authorOfQuestion };

  let questionId: number;
  if (existing) {
    questionId = existing.id;
    tx.update(questions)
      .set({ ...fields, ...(line.score !== undefined ? { score: line.score } : {}) })
      .where(eq(questions.id, questionId))
      .run();
    st.insertRevision.run({ ...revision, postId: questionId, revision: nextRevision(tx, questionId), createdAt: now });
    tx.delete(questionTags).where(eq(questionTags.questionId, questionId)).run();
  } else {
    questionId = st.insertPost.get({ kind: 'question' })!.id;
    st.insertQuestion.run({ ...fields, id: questionId, sourceId: line.sourceId, score: line.score ?? 0 });
    st.insertRevision.run({ ...revision, postId: questionId, revision: 1, createdAt });
    st.bumpPostCount.run({ id: authorOfQuestion });
  }
  for (const tagId of tagIds(ctx, tagNames)) st.insertQuestionTag.run({ questionId, tagId });

  let acceptedId: number | null = null;
  for (const [i, a] of answerList.entries()) {
    const answerAuthor = authorId(ctx, a.author);
    const values = {
      bodyMd: a.body,
      bodyHtml: prepared.answersHtml[i]!,
      authorId: answerAuthor,
      createdAt: answerTimes[i]!,
      updatedAt: now,
      contentHash: contentHash(a.body),
    };
    const found = known.get(a.sourceId);
    let id: number;
    if (found) {
      id = found.id;
      tx.update(answers)
        .set({ ...values, ...(a.score !== undefined ? { score: a.score } : {}) })
        .where(eq(answers.id, id))
        .run();
      if (found.bodyMd !== a.body) {
        st.insertRevision.run({ postId: id, revision: nextRevision(tx, id), authorId: answerAuthor, title: null, bodyMd: a.body, tags: null, createdAt: now });
        ctx.tally.answersUpdated++;
      }
    } else {
      id = st.insertPost.get({ kind: 'answer' })!.id;
      st.insertAnswer.run({ ...values, id, questionId, sourceId: a.sourceId, score: a.score ?? 0 });
      st.insertRevision.run({ postId: id, revision: 1, authorId: answerAuthor, title: null, bodyMd: a.body, tags: null, createdAt: values.createdAt });
      st.bumpPostCount.run({ id: answerAuthor });
      ctx.tally.answersCreated++;
    }
    if (a.accepted) acceptedId = id;
  }
  if (existing) {
    // Answers kept from an earlier import (or posted here since) still count.
    const n = tx.select({ n: sql<number>`count(*)` }).from(answers).where(and(eq(answers.questionId, questionId), isNull(answers.deletedAt))).get()!.n;
    tx.update(questions).set({ answerCount: n }).where(eq(questions.id, questionId)).run();
  }
  if (acceptedId !== null) {
    st.accept.run({ questionId, answerId: acceptedId, acceptedBy: authorOfQuestion, acceptedAt: answerTimes[answerList.findIndex((a) => a.accepted)]! });
  }
  const path = line.url ? legacyPath(line.url) : null;
  if (path) st.redirect.run({ path, questionId, now });
  st.enqueueChange.run({ questionId, now });
  return existing ? 'updated' : 'created';
}

function nextRevision(tx: Db, postId: number): number {
  const row = tx
    .select({ n: sql<number>`coalesce(max(${postRevisions.revision}), 0)` })
    .from(postRevisions)
    .where(eq(postRevisions.postId, postId))
    .get();
  return (row?.n ?? 0) + 1;
}

class RejectLine extends Error {}

/** Cached ids may point at rows a rollback removed. */
function resetCaches(ctx: Context): void {
  ctx.authors.clear();
  ctx.categories.clear();
  ctx.tags.clear();
  ctx.defaultCategoryId = null;
}

/** Exact identity of a parsed line (unlike contentHash, a change of case or spacing counts). */
function fingerprint(line: ImportLine): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(JSON.stringify(line)))).slice(0, 32);
}

/**
 * Imports questions with their answers from JSON Lines. Idempotent on `sourceId`: an unchanged line is skipped, a
 * changed one updates the question and its answers (matched by their own `sourceId`). Lines are validated and their
 * Markdown rendered first, then written in batches of IMPORT_BATCH_SIZE, one short transaction each (a line that fails
 * inside rolls back to its savepoint alone). A running server may hold the database: a busy batch is retried with
 * growing waits, never rejected. Every written question gets a `question.changed` outbox message for the search index.
 */
export async function importQuestions(
  db: Db,
  lines: AsyncIterable<string> | Iterable<string>,
  options: { now: number; onProgress?: (n: number) => void; onBusy?: (attempt: number) => void; maxBusyWaitMs?: number },
): Promise<ImportSummary> {
  const summary = emptySummary();
  const ctx: Context = {
    now: options.now,
    tally: emptyTally(),
    st: prepareStatements(db),
    authors: new Map(),
    categories: new Map(),
    tags: new Map(),
    defaultCategoryId: null,
  };
  const reject = (line: number, reason: string, sourceIdValue?: string) => {
    summary.rejected++;
    if (summary.rejections.length < MAX_REJECTIONS_LISTED) summary.rejections.push({ line, reason, ...(sourceIdValue ? { sourceId: sourceIdValue } : {}) });
  };
  let batch: PreparedLine[] = [];
  const seen = new Set<string>();

  type Outcome = { item: PreparedLine; result: 'created' | 'updated' | 'skipped'; tally: Tally } | { item: PreparedLine; rejected: string };
  const writeLine = (tx: Db, item: PreparedLine): Outcome => {
    ctx.tally = emptyTally();
    return { item, result: importLine(tx, ctx, item), tally: ctx.tally };
  };
  /** Lines from the start of `work`, one after the other, until the transaction's time budget is spent. */
  const withinBudget = (work: PreparedLine[], each: (item: PreparedLine) => Outcome): Outcome[] => {
    const started = performance.now();
    const done: Outcome[] = [];
    for (const item of work) {
      done.push(each(item));
      if (performance.now() - started >= IMPORT_TRANSACTION_BUDGET_MS) break;
    }
    return done;
  };
  /** Writes lines from the start of `work` in one transaction; what happened to each, known only once it committed. */
  const write = (work: PreparedLine[]): Outcome[] => {
    try {
      // Fast path: no savepoints (lines were validated already).
      return db.transaction((tx) => withinBudget(work, (item) => writeLine(tx, item)));
    } catch (error) {
      resetCaches(ctx);
      if (isSqliteBusy(error)) throw error;
    }
    // A line failed: the transaction rolled back. Replay with one savepoint per line to reject only the culprits.
    try {
      return db.transaction((tx) =>
        withinBudget(work, (item): Outcome => {
          try {
            return tx.transaction((sp) => writeLine(sp, item));
          } catch (error) {
            if (isSqliteBusy(error)) throw error;
            resetCaches(ctx);
            return { item, rejected: error instanceof RejectLine ? error.message : `database: ${String((error as Error).message).slice(0, 200)}` };
          }
        }),
      );
    } catch (error) {
      resetCaches(ctx);
      throw error;
    }
  };

  const flush = async () => {
    if (batch.length === 0) return;
    const work = batch;
    batch = [];
    seen.clear();
    const outcomes: Outcome[] = [];
    while (outcomes.length < work.length) {
      const rest = work.slice(outcomes.length);
      const written = await withBusyRetries(() => write(rest), { maxWaitMs: options.maxBusyWaitMs, onRetry: (attempt) => options.onBusy?.(attempt) }).catch((error: unknown) => {
        if (!isSqliteBusy(error)) throw error;
        // Still busy after the longest wait: these lines are reported, the import goes on.
        return rest.map((item): Outcome => ({ item, rejected: 'database: still busy after retrying; import this file again later' }));
      });
      outcomes.push(...written);
    }
    for (const o of outcomes) {
      if ('rejected' in o) {
        reject(o.item.line, o.rejected, o.item.data.sourceId);
        continue;
      }
      summary[o.result]++;
      for (const key of Object.keys(o.tally) as (keyof Tally)[]) summary[key] += o.tally[key];
    }
    options.onProgress?.(summary.lines);
  };

  for await (const raw of lines) {
    const text = raw.trim();
    if (!text) continue;
    summary.lines++;
    const lineNo = summary.lines;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      reject(lineNo, 'not valid JSON');
      continue;
    }
    const parsed = importLineSchema.safeParse(json);
    if (!parsed.success) {
      const id = (json as { sourceId?: unknown } | null)?.sourceId;
      reject(lineNo, reasonOf(parsed.error), typeof id === 'string' || typeof id === 'number' ? String(id) : undefined);
      continue;
    }
    // A sourceId twice in one batch would be written twice; the second copy waits for the next batch.
    if (seen.has(parsed.data.sourceId)) await flush();
    seen.add(parsed.data.sourceId);
    batch.push(prepareLine(lineNo, parsed.data));
    if (batch.length >= IMPORT_BATCH_SIZE) await flush();
  }
  await flush();
  // A running server may hold the write lock here too: the points wait and retry like the batches. Still busy after
  // the longest wait, they are left to the next import, which pays what is missing.
  await withBusyRetries(() => awardImportedPoints(db, options.now), { maxWaitMs: options.maxBusyWaitMs, onRetry: (attempt) => options.onBusy?.(attempt) }).catch((error: unknown) => {
    if (!isSqliteBusy(error)) throw error;
  });
  return summary;
}

/** The thread an old (imported) URL points at, if any. */
export function findRedirect(db: Db, path: string): number | null {
  const normalized = legacyPath(path);
  if (!normalized) return null;
  return db.select({ questionId: redirects.questionId }).from(redirects).where(eq(redirects.path, normalized)).get()?.questionId ?? null;
}
