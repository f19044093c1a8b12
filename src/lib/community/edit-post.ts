import { diffWords } from 'diff';
import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { answers, postRevisions, questions, users } from '../../../db/schema/index';
import { canEditPost } from '../auth/permissions';
import type { Actor } from '../auth/sessions';
import { DomainError } from '../errors';
import { enqueue } from '../jobs/outbox';
import { markdownToText, renderMarkdown } from '../markdown';
import { lineText, parseInput } from '../validation';
import { resolveTags, setQuestionTags } from './ask-question';
import { contentHash } from './content-hash';
import { loadPost } from './load-post';
import { answerSchema, askQuestionSchema } from './schemas';
import { slugify } from './slug';
import { checkLinkLimit, loadStanding, trustLevelOf } from './standing';
import { reputationStanding } from '../reputation/ledger';

const editMeta = {
  note: lineText().trim().max(300, { error: 'field.tooLong' }).optional().default(''),
  /** The revision the editor started from; a newer one means someone else edited meanwhile. */
  revision: z.int({ error: 'field.invalid' }).positive({ error: 'field.invalid' }),
};
export const editQuestionSchema = askQuestionSchema.pick({ title: true, body: true, tags: true }).extend(editMeta);
export const editAnswerSchema = answerSchema.extend(editMeta);

function currentRevision(db: Db, postId: number): number {
  return db.select({ n: sql<number>`coalesce(max(${postRevisions.revision}), 0)` }).from(postRevisions).where(eq(postRevisions.postId, postId)).get()?.n ?? 0;
}

/**
 * Edits a question or an answer, keeping every version in post_revisions. Two edits racing from the same revision:
 * the second gets CONFLICT instead of silently overwriting the first.
 */
export function editPost(db: Db, actor: Actor | null, postId: number, input: unknown, now: number): { postId: number; questionId: number; revision: number; changed: boolean } {
  return db.transaction((tx) => {
    const post = loadPost(tx, postId);
    if (!post || post.deletedAt !== null) throw new DomainError('NOT_FOUND', 'No such post.');
    const data = parseInput(post.kind === 'question' ? editQuestionSchema : editAnswerSchema, input) as z.infer<typeof editQuestionSchema> | z.infer<typeof editAnswerSchema>;
    if (!actor) throw new DomainError('UNAUTHORIZED', 'Sign in to edit.');
    if (!canEditPost(actor, post, now, reputationStanding(tx, actor.id))) throw new DomainError('FORBIDDEN', 'You cannot edit this post.');
    const latest = currentRevision(tx, postId);
    if (data.revision !== latest) throw new DomainError('CONFLICT', 'Someone edited this post meanwhile.', { _: 'edit.conflict' });
    const trust = trustLevelOf(actor, loadStanding(tx, actor.id), now);
    checkLinkLimit(data.body, trust);

    const bodyHtml = renderMarkdown(data.body, { ugc: true });
    let changed: boolean;
    if (post.kind === 'question' && 'title' in data) {
      const tagNames = resolveTags(tx, actor, trust, data.tags, now);
      const before = tx.select({ title: questions.title, bodyMd: questions.bodyMd }).from(questions).where(eq(questions.id, postId)).get()!;
      const beforeTags = tx.select({ tags: postRevisions.tags }).from(postRevisions).where(eq(postRevisions.postId, postId)).orderBy(sql`${postRevisions.revision} desc`).get()?.tags ?? '';
      changed = before.title !== data.title || before.bodyMd !== data.body || beforeTags !== tagNames.join(' ');
      if (!changed) return { postId, questionId: post.questionId, revision: latest, changed };
      tx.update(questions)
        .set({
          title: data.title,
          slug: slugify(data.title),
          bodyMd: data.body,
          bodyHtml,
          bodyText: markdownToText(data.body),
          contentHash: contentHash(data.title, data.body),
          updatedAt: now,
          lastActivityAt: now,
        })
        .where(eq(questions.id, postId))
        .run();
      setQuestionTags(tx, postId, tagNames);
      tx.insert(postRevisions).values({ postId, revision: latest + 1, authorId: actor.id, title: data.title, bodyMd: data.body, tags: tagNames.join(' '), note: data.note, createdAt: now }).run();
    } else {
      const before = tx.select({ bodyMd: answers.bodyMd }).from(answers).where(eq(answers.id, postId)).get()!;
      changed = before.bodyMd !== data.body;
      if (!changed) return { postId, questionId: post.questionId, revision: latest, changed };
      tx.update(answers).set({ bodyMd: data.body, bodyHtml, contentHash: contentHash(data.body), updatedAt: now }).where(eq(answers.id, postId)).run();
      tx.update(questions).set({ lastActivityAt: now }).where(eq(questions.id, post.questionId)).run();
      tx.insert(postRevisions).values({ postId, revision: latest + 1, authorId: actor.id, bodyMd: data.body, note: data.note, createdAt: now }).run();
    }
    enqueue(tx, 'question.changed', { questionId: post.questionId }, now);
    return { postId, questionId: post.questionId, revision: latest + 1, changed };
  });
}

export interface Revision {
  revision: number;
  title: string | null;
  bodyMd: string;
  tags: string | null;
  note: string;
  createdAt: number;
  authorName: string;
}

export function listRevisions(db: Db, postId: number): Revision[] {
  return db
    .select({
      revision: postRevisions.revision,
      title: postRevisions.title,
      bodyMd: postRevisions.bodyMd,
      tags: postRevisions.tags,
      note: postRevisions.note,
      createdAt: postRevisions.createdAt,
      authorName: users.displayName,
    })
    .from(postRevisions)
    .innerJoin(users, eq(users.id, postRevisions.authorId))
    .where(eq(postRevisions.postId, postId))
    .orderBy(asc(postRevisions.revision))
    .all();
}

export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** Word-level difference between two texts, for the revision history. */
export function diffText(before: string, after: string): DiffPart[] {
  return diffWords(before, after).map((p) => ({ kind: p.added ? 'added' : p.removed ? 'removed' : 'same', text: p.value }));
}

/** Each revision with its differences from the previous one (title, body, tags). */
export function revisionDiffs(revisions: Revision[]) {
  return revisions.map((r, i) => {
    const prev = revisions[i - 1];
    return {
      ...r,
      titleDiff: r.title !== null && prev ? diffText(prev.title ?? '', r.title) : null,
      bodyDiff: diffText(prev?.bodyMd ?? '', r.bodyMd),
      tagsDiff: r.tags !== null && prev ? diffText(prev.tags ?? '', r.tags) : null,
    };
  });
}
