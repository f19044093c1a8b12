import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { categories, follows, postRevisions, posts, questions, questionTags, tags, tagSynonyms, users } from '../../../db/schema/index';
import { canAsk, canCreateTag } from '../auth/permissions';
import type { Actor } from '../auth/sessions';
import { DomainError } from '../errors';
import { enqueue } from '../jobs/outbox';
import { markdownToText, renderMarkdown } from '../markdown';
import { moveTagScores, reputationStanding } from '../reputation/ledger';
import { parseInput } from '../validation';
import { contentHash } from './content-hash';
import { askQuestionSchema } from './schemas';
import { slugify } from './slug';
import { checkDuplicateContent, checkLinkLimit, consumePostingLimit, loadStanding, needsPremoderation, trustLevelOf } from './standing';

/** An identical submit by the same member within this window returns the first question instead of a second one. */
export const DOUBLE_SUBMIT_WINDOW_MS = 60_000;

export interface AskedQuestion {
  id: number;
  slug: string;
  locale: 'es' | 'en';
  created: boolean;
  /** pending: the first posts of a new account wait for a moderator. */
  status: 'published' | 'pending' | 'hidden';
}

export function askQuestion(db: Db, actor: Actor | null, input: unknown, now: number): AskedQuestion {
  const data = parseInput(askQuestionSchema, input);
  if (!canAsk(actor, now)) throw new DomainError(actor ? 'FORBIDDEN' : 'UNAUTHORIZED', 'Sign in to ask a question.');
  const bodyHtml = renderMarkdown(data.body, { ugc: true });
  const bodyText = markdownToText(data.body);
  const hash = contentHash(data.title, data.body);

  return db.transaction((tx) => {
    const category = tx.select({ id: categories.id, locale: categories.locale }).from(categories).where(eq(categories.slug, data.category)).get();
    // A category reserved for one language does not take questions in the other.
    if (!category || (category.locale !== null && category.locale !== data.locale)) throw new DomainError('INVALID', 'Unknown category.', { category: 'field.unknownCategory' });

    const previous = tx
      .select({ id: questions.id, slug: questions.slug, locale: questions.locale, status: questions.status })
      .from(questions)
      .where(
        and(eq(questions.authorId, actor.id), eq(questions.contentHash, hash), gt(questions.createdAt, now - DOUBLE_SUBMIT_WINDOW_MS)),
      )
      .get();
    if (previous) return { ...previous, created: false };

    const standing = loadStanding(tx, actor.id);
    const trust = trustLevelOf(actor, standing, now);
    checkLinkLimit(data.body, trust);
    const tagNames = resolveTags(tx, actor, trust, data.tags, now);
    checkDuplicateContent(tx, 'question', hash, actor.id, now);
    consumePostingLimit(tx, actor, 'question', trust, now);
    const status = needsPremoderation(actor, standing, now) ? 'pending' : 'published';

    const { id } = tx.insert(posts).values({ kind: 'question' }).returning({ id: posts.id }).get();
    const slug = slugify(data.title);
    tx.insert(questions)
      .values({
        id,
        title: data.title,
        slug,
        bodyMd: data.body,
        bodyHtml,
        bodyText,
        locale: data.locale,
        categoryId: category.id,
        authorId: actor.id,
        createdAt: now,
        updatedAt: now,
        lastActivityAt: now,
        contentHash: hash,
        status,
      })
      .run();
    setQuestionTags(tx, id, tagNames);
    tx.insert(postRevisions)
      .values({ postId: id, revision: 1, authorId: actor.id, title: data.title, bodyMd: data.body, tags: tagNames.join(' '), createdAt: now })
      .run();
    tx.insert(follows).values({ questionId: id, userId: actor.id, createdAt: now }).onConflictDoNothing().run();
    if (status === 'published') tx.update(users).set({ postCount: sql`${users.postCount} + 1` }).where(eq(users.id, actor.id)).run();
    enqueue(tx, 'question.changed', { questionId: id }, now);
    return { id, slug, locale: data.locale, created: true, status };
  });
}

/**
 * Canonical tag names for what a member typed: synonyms become their tag; unknown tags need the privilege to create
 * tags (trust level 1 or the createTags privilege, see canCreateTag), otherwise INVALID on the tags field.
 */
export function resolveTags(db: Db, actor: Actor, trustLevel: number, names: string[], now: number): string[] {
  if (names.length === 0) return [];
  const synonyms = new Map(
    db
      .select({ name: tagSynonyms.name, tag: tags.name })
      .from(tagSynonyms)
      .innerJoin(tags, eq(tags.id, tagSynonyms.tagId))
      .where(inArray(tagSynonyms.name, names))
      .all()
      .map((r) => [r.name, r.tag]),
  );
  const canonical = [...new Set(names.map((n) => synonyms.get(n) ?? n))];
  const known = new Set(db.select({ name: tags.name }).from(tags).where(inArray(tags.name, canonical)).all().map((t) => t.name));
  if (canonical.some((n) => !known.has(n)) && !canCreateTag(actor, trustLevel, now, reputationStanding(db, actor.id))) {
    throw new DomainError('INVALID', 'Only established members can create new tags.', { tags: 'field.newTag' });
  }
  return canonical;
}

/** Replaces the tags of a question, creating unknown tags. */
export function setQuestionTags(db: Db, questionId: number, names: string[]): void {
  const before = db.select({ id: questionTags.tagId }).from(questionTags).where(eq(questionTags.questionId, questionId)).all().map((t) => t.id);
  db.delete(questionTags).where(eq(questionTags.questionId, questionId)).run();
  let after: number[] = [];
  if (names.length > 0) {
    db.insert(tags)
      .values(names.map((name) => ({ name })))
      .onConflictDoNothing()
      .run();
    after = db.select({ id: tags.id }).from(tags).where(inArray(tags.name, names)).all().map((t) => t.id);
    db.insert(questionTags)
      .values(after.map((tagId) => ({ questionId, tagId })))
      .run();
  }
  moveTagScores(db, questionId, before.filter((t) => !after.includes(t)), after.filter((t) => !before.includes(t)));
}
