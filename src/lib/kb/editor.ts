import { and, asc, desc, eq, gte, sql } from 'drizzle-orm';
import { diffLines } from 'diff';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { articleFeedback, articleRevisions, articles, categories, LOCALES, users, type ArticleStatus } from '../../../db/schema/index';
import { canEditArticles, canPromoteToKb } from '../auth/permissions';
import type { Actor } from '../auth/sessions';
import { slugify } from '../community/slug';
import { getThread } from '../community/get-thread';
import { DomainError } from '../errors';
import type { Translate } from '../i18n/index';
import { excerpt } from '../markdown';
import { HAS_LETTER, lineText, multilineText, parseInput } from '../validation';
import { renderArticleBody } from './render';
import { IMPORT_NOTE } from './import-articles';
import { categoryIdBySlug, writeArticle } from './save-article';
import { recordPromotionPoints } from '../reputation/ledger';

export const EDITOR_INTENTS = ['save', 'draft', 'review', 'publish', 'archive'] as const;
export type EditorIntent = (typeof EDITOR_INTENTS)[number];

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const editorInputSchema = z.object({
  title: lineText().trim().min(3, { error: 'field.tooShort' }).max(150, { error: 'field.tooLong' }).regex(HAS_LETTER, { error: 'field.titleNeedsLetters' }),
  slug: z
    .string()
    .trim()
    .max(100, { error: 'field.tooLong' })
    .refine((s) => s === '' || SLUG.test(s), { error: 'field.invalid' })
    .default(''),
  summary: lineText().trim().max(300, { error: 'field.tooLong' }).default(''),
  body: multilineText().trim().min(1, { error: 'field.required' }).max(100_000, { error: 'field.tooLong' }),
  category: z.string().min(1, { error: 'field.unknownCategory' }).max(64),
  tags: z
    .string()
    .max(300, { error: 'field.tooLong' })
    .default('')
    .transform((s) => s.split(/[\s,]+/).filter(Boolean))
    .pipe(z.array(z.string().regex(/^[\p{L}\p{N}-]{1,30}$/u, { error: 'field.invalidTag' })).max(10, { error: 'field.tooLong' })),
  locale: z.enum(LOCALES, { error: 'field.invalid' }),
  translationKey: z
    .string()
    .trim()
    .max(100, { error: 'field.tooLong' })
    .refine((s) => s === '' || /^[a-z0-9:-]+$/.test(s), { error: 'field.invalid' })
    .default(''),
  reviewBy: z
    .string()
    .trim()
    .refine((s) => s === '' || (/^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`))), { error: 'field.invalid' })
    .default(''),
  note: lineText().trim().max(200, { error: 'field.tooLong' }).default(''),
  intent: z.enum(EDITOR_INTENTS).default('save'),
});

/** Pure: the status an editor action leads to. */
export function statusAfter(intent: EditorIntent, current: ArticleStatus): ArticleStatus {
  if (intent === 'draft') return 'draft';
  if (intent === 'review') return 'in_review';
  if (intent === 'publish') return 'published';
  if (intent === 'archive') return 'archived';
  return current;
}

function requireEditor(actor: Actor | null, now: number): Actor {
  if (!canEditArticles(actor, now)) throw new DomainError('FORBIDDEN', 'Only editors (agents, moderators, admins) edit articles.');
  return actor;
}

function uniqueSlug(db: Db, locale: 'es' | 'en', base: string, exceptId?: number): string {
  for (let n = 1; n < 100; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    const row = db.select({ id: articles.id }).from(articles).where(and(eq(articles.locale, locale), eq(articles.slug, slug))).get();
    if (!row || row.id === exceptId) return slug;
  }
  throw new DomainError('CONFLICT', 'No free slug.', { slug: 'field.invalid' });
}

function assertTranslationKeyFree(db: Db, key: string, locale: 'es' | 'en', exceptId?: number) {
  const row = db.select({ id: articles.id }).from(articles).where(and(eq(articles.translationKey, key), eq(articles.locale, locale))).get();
  if (row && row.id !== exceptId) throw new DomainError('CONFLICT', 'Another article in this language has this translation key.', { translationKey: 'field.invalid' });
}

/** The editor's preview: the body rendered as saving would render it, nothing written (editors only). */
export function previewArticle(actor: Actor | null, body: string, now: number): { html: string } {
  if (!canEditArticles(actor, now)) throw new DomainError('FORBIDDEN', 'Only editors preview articles.');
  return { html: renderArticleBody(body.slice(0, 100_000)).html };
}

/** Creates an article from the editor (a draft unless the intent says otherwise); the first revision is written. */
export function createArticle(db: Db, actor: Actor | null, input: unknown, now: number): { id: number; revision: number } {
  const editor = requireEditor(actor, now);
  const data = parseInput(editorInputSchema, input);
  return db.transaction((tx) => {
    const categoryId = categoryIdBySlug(tx, data.category);
    if (categoryId === null) throw new DomainError('INVALID', 'Unknown category.', { category: 'field.unknownCategory' });
    const slug = data.slug || uniqueSlug(tx, data.locale, slugify(data.title, 'article'));
    if (data.slug && tx.select({ id: articles.id }).from(articles).where(and(eq(articles.locale, data.locale), eq(articles.slug, slug))).get()) {
      throw new DomainError('CONFLICT', 'Another article uses this slug.', { slug: 'editor.slugTaken' });
    }
    const translationKey = data.translationKey || `${data.locale}:${slug}`;
    assertTranslationKeyFree(tx, translationKey, data.locale);
    const r = writeArticle(
      tx,
      { slug, locale: data.locale, translationKey, title: data.title, summary: data.summary, body: data.body, categoryId, tags: data.tags, status: statusAfter(data.intent, 'draft'), reviewBy: data.reviewBy ? Date.parse(`${data.reviewBy}T00:00:00Z`) : null, authorId: editor.id },
      editor.id,
      data.note,
      now,
    );
    return { id: r.id, revision: r.revision ?? 1 };
  });
}

/** Saves an edit (and/or a status change) as a new revision. Returns null revision when nothing changed. */
export function updateArticle(db: Db, actor: Actor | null, articleId: number, input: unknown, now: number): { id: number; revision: number | null; status: ArticleStatus } {
  const editor = requireEditor(actor, now);
  const data = parseInput(editorInputSchema, input);
  return db.transaction((tx) => {
    const current = tx.select().from(articles).where(eq(articles.id, articleId)).get();
    if (!current) throw new DomainError('NOT_FOUND', 'No such article.');
    const categoryId = categoryIdBySlug(tx, data.category);
    if (categoryId === null) throw new DomainError('INVALID', 'Unknown category.', { category: 'field.unknownCategory' });
    const translationKey = data.translationKey || current.translationKey;
    assertTranslationKeyFree(tx, translationKey, current.locale, current.id);
    const status = statusAfter(data.intent, current.status);
    const r = writeArticle(
      tx,
      {
        slug: current.slug,
        locale: current.locale,
        translationKey,
        title: data.title,
        summary: data.summary,
        body: data.body,
        categoryId,
        tags: data.tags,
        status,
        reviewBy: data.reviewBy ? Date.parse(`${data.reviewBy}T00:00:00Z`) : null,
      },
      editor.id,
      data.note || (status !== current.status ? `status: ${status}` : ''),
      now,
    );
    // Publishing an article that was in review records who reviewed it.
    if (current.status === 'in_review' && status === 'published') tx.update(articles).set({ reviewerId: editor.id }).where(eq(articles.id, current.id)).run();
    return { id: r.id, revision: r.revision, status };
  });
}

/** Restores an earlier revision's title, summary and body as a new revision (history is never rewritten). */
export function restoreRevision(db: Db, actor: Actor | null, articleId: number, revision: number, now: number): { revision: number } {
  const editor = requireEditor(actor, now);
  return db.transaction((tx) => {
    const current = tx.select().from(articles).where(eq(articles.id, articleId)).get();
    const old = tx.select().from(articleRevisions).where(and(eq(articleRevisions.articleId, articleId), eq(articleRevisions.revision, revision))).get();
    if (!current || !old) throw new DomainError('NOT_FOUND', 'No such revision.');
    const r = writeArticle(
      tx,
      { slug: current.slug, locale: current.locale, translationKey: current.translationKey, title: old.title, summary: old.summary, body: old.bodyMd, categoryId: current.categoryId, tags: current.tags.split(' '), status: current.status },
      editor.id,
      `restored revision ${revision}`,
      now,
    );
    if (r.revision === null) throw new DomainError('CONFLICT', 'The article already has this content.');
    return { revision: r.revision };
  });
}

export function listRevisions(db: Db, articleId: number) {
  return db
    .select({ revision: articleRevisions.revision, title: articleRevisions.title, note: articleRevisions.note, createdAt: articleRevisions.createdAt, author: users.displayName })
    .from(articleRevisions)
    .leftJoin(users, eq(users.id, articleRevisions.authorId))
    .where(eq(articleRevisions.articleId, articleId))
    .orderBy(desc(articleRevisions.revision))
    .all();
}

export function getRevision(db: Db, articleId: number, revision: number) {
  return db.select().from(articleRevisions).where(and(eq(articleRevisions.articleId, articleId), eq(articleRevisions.revision, revision))).get() ?? null;
}

export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** Pure: line diff of two revisions' text (title, summary and body). */
export function diffRevisions(a: { title: string; summary: string; bodyMd: string }, b: { title: string; summary: string; bodyMd: string }): DiffPart[] {
  const text = (r: typeof a) => `# ${r.title}\n\n${r.summary}\n\n${r.bodyMd}\n`;
  return diffLines(text(a), text(b)).map((p) => ({ kind: p.added ? 'added' : p.removed ? 'removed' : 'same', text: p.value }));
}

/** Every article for the editor's list, newest change first. */
export function listEditorArticles(db: Db, locale?: 'es' | 'en', status?: ArticleStatus) {
  return db
    .select({ id: articles.id, slug: articles.slug, locale: articles.locale, title: articles.title, status: articles.status, updatedAt: articles.updatedAt, reviewBy: articles.reviewBy, categorySlug: categories.slug })
    .from(articles)
    .innerJoin(categories, eq(categories.id, articles.categoryId))
    .where(and(locale ? eq(articles.locale, locale) : undefined, status ? eq(articles.status, status) : undefined))
    .orderBy(desc(articles.updatedAt), desc(articles.id))
    .limit(500)
    .all();
}

export interface FreshnessConfig {
  /** Helpful share (percent) under which an article needs review. */
  threshold: number;
  /** Votes in the window needed before helpfulness counts. */
  minVotes: number;
  windowMs: number;
}

export const DEFAULT_FRESHNESS: FreshnessConfig = { threshold: 60, minVotes: 5, windowMs: 30 * 24 * 3600 * 1000 };

/** Pure: why an article needs review, or null. */
export function reviewReason(a: { reviewBy: number | null; votes: number; helpful: number }, now: number, cfg: FreshnessConfig): { overdue: boolean; score: number | null } | null {
  const overdue = a.reviewBy !== null && a.reviewBy < now;
  const score = a.votes >= cfg.minVotes ? Math.round((a.helpful / a.votes) * 100) : null;
  const unhelpful = score !== null && score < cfg.threshold;
  return overdue || unhelpful ? { overdue, score: unhelpful ? score : null } : null;
}

/** The "needs review" queue: published articles past their review-by date or with low helpfulness in the window. */
export function freshnessQueue(db: Db, now: number, cfg: FreshnessConfig = DEFAULT_FRESHNESS, locale?: 'es' | 'en') {
  const votes = db
    .select({
      id: articleFeedback.articleId,
      votes: sql<number>`count(*)`.as('votes'),
      helpful: sql<number>`sum(${articleFeedback.helpful})`.as('helpful'),
    })
    .from(articleFeedback)
    .where(gte(articleFeedback.updatedAt, now - cfg.windowMs))
    .groupBy(articleFeedback.articleId)
    .as('fb');
  const rows = db
    .select({ id: articles.id, slug: articles.slug, locale: articles.locale, title: articles.title, reviewBy: articles.reviewBy, updatedAt: articles.updatedAt, votes: sql<number>`coalesce(${votes.votes}, 0)`.mapWith(Number), helpful: sql<number>`coalesce(${votes.helpful}, 0)`.mapWith(Number) })
    .from(articles)
    .leftJoin(votes, eq(votes.id, articles.id))
    .where(and(eq(articles.status, 'published'), locale ? eq(articles.locale, locale) : undefined))
    .orderBy(asc(sql`coalesce(${articles.reviewBy}, 9e15)`), asc(articles.id))
    .all();
  return rows.flatMap((r) => {
    const reason = reviewReason(r, now, cfg);
    return reason ? [{ ...r, ...reason }] : [];
  });
}

/**
 * Promote to the KB: a draft article in the thread's language, prefilled from the question and its accepted answer,
 * linked to the thread (`source_question_id`). Promoting the same thread again returns the existing draft.
 */
export function promoteToKb(db: Db, actor: Actor | null, questionId: number, now: number): { id: number; created: boolean } {
  const thread = getThread(db, questionId);
  if (!thread) throw new DomainError('NOT_FOUND', 'No such question.');
  const q = thread.question;
  if (!canPromoteToKb(actor, { deletedAt: q.deletedAt, solved: thread.acceptedAnswerId !== null }, now)) {
    throw new DomainError('FORBIDDEN', 'Only agents, moderators and superusers promote solved threads.');
  }
  const accepted = thread.answers.find((a) => a.accepted)!;
  return db.transaction((tx) => {
    const existing = tx.select({ id: articles.id }).from(articles).where(and(eq(articles.sourceQuestionId, q.id), eq(articles.locale, q.locale))).get();
    if (existing) return { id: existing.id, created: false };
    const categoryId = categoryIdBySlug(tx, q.category.slug)!;
    const slug = uniqueSlug(tx, q.locale, slugify(q.title, 'article'));
    const heading = q.locale === 'es' ? '## Solución' : '## Solution';
    const r = writeArticle(
      tx,
      {
        slug,
        locale: q.locale,
        translationKey: `${q.locale}:${slug}`,
        title: q.title,
        summary: excerpt(q.bodyText, 280),
        body: `${q.bodyMd.trim()}\n\n${heading}\n\n${accepted.bodyMd.trim()}\n`,
        categoryId,
        tags: q.tags.slice(0, 10),
        status: 'draft',
        reviewBy: null,
        authorId: actor!.id,
        sourceQuestionId: q.id,
      },
      actor!.id,
      `promoted from thread #${q.id}`,
      now,
    );
    recordPromotionPoints(tx, { questionId: q.id, answerId: accepted.id, answerAuthorId: accepted.author.id, actorId: actor!.id }, now);
    return { id: r.id, created: true };
  });
}

/**
 * A revision's note as the reader's language says it: the notes the system writes (status changes, restores,
 * promotions, imports) are translated; an editor's own note (`own`) is shown as written.
 */
export function revisionNoteText(note: string, t: Translate): { text: string; own: boolean } {
  const status = /^status: (draft|in_review|published|archived)$/.exec(note);
  if (status) return { text: t('editor.note.status', { status: t(`editor.status.${status[1]}`) }), own: false };
  const restored = /^restored revision (\d+)$/.exec(note);
  if (restored) return { text: t('editor.note.restored', { n: restored[1]! }), own: false };
  const promoted = /^promoted from thread #(\d+)$/.exec(note);
  if (promoted) return { text: t('editor.note.promoted', { id: promoted[1]! }), own: false };
  if (note.startsWith(IMPORT_NOTE)) return { text: t('editor.note.import', { file: note.slice(IMPORT_NOTE.length) }), own: false };
  return { text: note, own: true };
}
