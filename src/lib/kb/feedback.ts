import { and, eq, gte, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { articleFeedback, articles, events } from '../../../db/schema/index';
import { DomainError } from '../errors';
import { enqueue } from '../jobs/outbox';
import { addressKey, consume, type Limit } from '../rate-limits/rate-limits';
import { isVisitorId, multilineText, parseInput, visitorIdSchema } from '../validation';

/** Votes (and comments) a visitor may send per hour, over all articles. */
export const FEEDBACK_LIMIT: Limit = { max: 20, windowMs: 3600 * 1000 };
/** Anonymous visitor ids are chosen by the client, so anonymous votes are limited per address too. */
export const FEEDBACK_LIMIT_PER_IP: Limit = { max: 60, windowMs: 3600 * 1000 };
/**
 * New anonymous votes on one article from one address in a day: enough for a household or an office, too few for a
 * script with made-up visitor ids to move an article's score (members are not limited per address).
 */
export const NEW_VOTES_PER_ADDRESS_AND_ARTICLE: Limit = { max: 3, windowMs: 24 * 3600 * 1000 };
/** The helpfulness score is shown only from this many votes on. */
export const MIN_VOTES_FOR_SCORE = 5;

export const NEXT_STEPS = ['search', 'ask', 'contact'] as const;
export type NextStep = (typeof NEXT_STEPS)[number];

/** A helpfulness vote, from the article's form (`yes`/`no`) or the API (a boolean). */
export const feedbackSchema = z.object({
  helpful: z.union([z.boolean(), z.enum(['yes', 'no']).transform((v) => v === 'yes')], {
    error: (issue) => (issue.input === undefined ? 'field.required' : 'field.invalid'),
  }),
  comment: multilineText()
    .trim()
    .max(1000, { error: 'field.tooLong' })
    .optional()
    .transform((c) => c || null),
  /** Anonymous callers without this site's cookie (the widget, integrations) send their own stable visitor id. */
  visitorId: visitorIdSchema.optional(),
});

/** Who votes: a member (`u:<id>`) or an anonymous visitor (`v:<visitor id>`). */
export interface Voter {
  userId: number | null;
  visitorId: string | null;
  /** The client's address, for the per-address limit on anonymous votes. */
  ip?: string | null;
}

export function voterKey(voter: Voter): string | null {
  if (voter.userId !== null) return `u:${voter.userId}`;
  if (isVisitorId(voter.visitorId)) return `v:${voter.visitorId}`;
  return null;
}

function publishedArticle(db: Db, articleId: number) {
  const a = db.select({ id: articles.id, status: articles.status, locale: articles.locale }).from(articles).where(eq(articles.id, articleId)).get();
  if (!a || a.status !== 'published') throw new DomainError('NOT_FOUND', 'No such article.');
  return a;
}

/**
 * "Was this helpful?": one vote per voter per article; voting again changes the vote (and keeps an earlier comment
 * unless a new one is given). Rate-limited per voter; anonymous votes also per address, over all articles and per
 * article. The voter's cookie visitor id, when there is one, wins over a `visitorId` in the input.
 */
export function recordFeedback(db: Db, articleId: number, cookieVoter: Voter, input: unknown, now: number): { helpful: boolean; changed: boolean } {
  const data = parseInput(feedbackSchema, input);
  const voter = { ...cookieVoter, visitorId: cookieVoter.visitorId ?? data.visitorId ?? null };
  const key = voterKey(voter);
  if (!key) throw new DomainError('INVALID', 'A visitor id or an account is needed to vote.');
  return db.transaction((tx) => {
    const article = publishedArticle(tx, articleId);
    consume(tx, `kb-feedback:${key}`, FEEDBACK_LIMIT, now);
    const address = voter.userId === null && voter.ip ? addressKey(voter.ip) : null;
    if (address) consume(tx, `kb-feedback-ip:${address}`, FEEDBACK_LIMIT_PER_IP, now);
    const existing = tx.select().from(articleFeedback).where(and(eq(articleFeedback.articleId, articleId), eq(articleFeedback.voterKey, key))).get();
    if (address && !existing) consume(tx, `kb-feedback-ip:${address}:article:${articleId}`, NEW_VOTES_PER_ADDRESS_AND_ARTICLE, now);
    if (existing) {
      tx.update(articleFeedback)
        .set({ helpful: data.helpful, comment: data.helpful ? null : (data.comment ?? existing.comment), updatedAt: now })
        .where(eq(articleFeedback.id, existing.id))
        .run();
    } else {
      tx.insert(articleFeedback)
        .values({ articleId, voterKey: key, userId: voter.userId, helpful: data.helpful, comment: data.helpful ? null : data.comment, createdAt: now, updatedAt: now })
        .run();
    }
    tx.insert(events)
      .values({
        type: 'article.feedback',
        occurredAt: now,
        visitorId: voter.visitorId,
        userId: voter.userId,
        locale: article.locale,
        surface: 'kb',
        subjectType: 'article',
        subjectId: articleId,
        data: { helpful: data.helpful },
      })
      .run();
    const changed = !existing || existing.helpful !== data.helpful;
    // The search index ranks articles by helpfulness.
    if (changed) enqueue(tx, 'article.changed', { articleId }, now);
    return { helpful: data.helpful, changed };
  });
}

export function getVote(db: Db, articleId: number, voter: Voter): { helpful: boolean; comment: string | null } | null {
  const key = voterKey(voter);
  if (!key) return null;
  return db
    .select({ helpful: articleFeedback.helpful, comment: articleFeedback.comment })
    .from(articleFeedback)
    .where(and(eq(articleFeedback.articleId, articleId), eq(articleFeedback.voterKey, key)))
    .get() ?? null;
}

/** Whether an anonymous visitor voted on the published article at this locale and slug (their page shows the vote). */
export function hasVisitorVoted(db: Db, locale: 'es' | 'en', slug: string, visitorId: string): boolean {
  const key = voterKey({ userId: null, visitorId });
  if (!key) return false;
  return (
    db
      .select({ id: articleFeedback.id })
      .from(articleFeedback)
      .innerJoin(articles, eq(articles.id, articleFeedback.articleId))
      .where(and(eq(articles.locale, locale), eq(articles.slug, slug), eq(articleFeedback.voterKey, key)))
      .get() !== undefined
  );
}

export interface Helpfulness {
  votes: number;
  helpful: number;
  /** Share of helpful votes in percent, or null under MIN_VOTES_FOR_SCORE votes. */
  score: number | null;
}

/** Pure: the score shown to readers. */
export function helpfulnessScore(votes: number, helpful: number): Helpfulness {
  return { votes, helpful, score: votes >= MIN_VOTES_FOR_SCORE ? Math.round((helpful / votes) * 100) : null };
}

export function getHelpfulness(db: Db, articleId: number, since?: number): Helpfulness {
  const row = db
    .select({ votes: sql<number>`count(*)`.mapWith(Number), helpful: sql<number>`coalesce(sum(${articleFeedback.helpful}), 0)`.mapWith(Number) })
    .from(articleFeedback)
    .where(and(eq(articleFeedback.articleId, articleId), since === undefined ? undefined : gte(articleFeedback.updatedAt, since)))
    .get();
  return helpfulnessScore(row?.votes ?? 0, row?.helpful ?? 0);
}

/** Records which next step a reader took after an unhelpful article (search, ask the community, contact support). */
export function recordNextStep(db: Db, articleId: number, voter: Voter, step: unknown, now: number): NextStep {
  const parsed = parseInput(z.enum(NEXT_STEPS), step);
  const article = publishedArticle(db, articleId);
  db.insert(events)
    .values({
      type: 'article.next_step',
      occurredAt: now,
      visitorId: voter.visitorId,
      userId: voter.userId,
      locale: article.locale,
      surface: 'kb',
      subjectType: 'article',
      subjectId: articleId,
      data: { step: parsed },
    })
    .run();
  return parsed;
}

/** Where a next step leads, prefilled from the article. */
export function nextStepUrl(step: NextStep, article: { locale: string; slug: string; title: string; categorySlug: string }): string {
  const l = article.locale;
  if (step === 'search') return `/${l}/search?q=${encodeURIComponent(article.title)}`;
  if (step === 'ask') return `/${l}/questions/ask?title=${encodeURIComponent(article.title)}&category=${encodeURIComponent(article.categorySlug)}&from=${encodeURIComponent(`kb:${article.slug}`)}`;
  return `/${l}/contact?from=${encodeURIComponent(`kb:${article.slug}`)}`;
}
