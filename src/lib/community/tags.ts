import { and, asc, eq, gt, inArray, like, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { questionTags, tags, tagSynonyms } from '../../../db/schema/index';
import { canManageTags } from '../auth/permissions';
import type { Actor } from '../auth/sessions';
import { DomainError } from '../errors';
import { enqueue } from '../jobs/outbox';
import { recordModeration } from '../moderation/audit';
import { moveTagScores } from '../reputation/ledger';
import { lineText, parseInput, validateInput } from '../validation';
import { TAG_PATTERN } from './schemas';

export interface TagSummary {
  name: string;
  description: string;
  questionCount: number;
  synonyms: string[];
}

export const listTagsSchema = z.object({
  /** Tags whose name starts with this. */
  prefix: z.string().trim().toLowerCase().max(30, { error: 'field.tooLong' }).regex(/^[a-z0-9-]*$/, { error: 'field.invalidTag' }).optional(),
  /** The last name of the previous page (names are unique, so they make the keyset). */
  after: z.string().max(30).regex(/^[a-z0-9-]*$/, { error: 'field.invalid' }).optional(),
  limit: z.coerce.number({ error: 'field.invalid' }).int().min(1).max(200).default(60),
});

// Written out with aliases: drizzle leaves columns unqualified in a one-table select, which would make this ambiguous.
const publishedCount = sql<number>`(select count(*) from question_tags qt join questions q on q.id = qt.question_id
  where qt.tag_id = "tags"."id" and q.deleted_at is null and q.status = 'published')`;

function synonymsOf(db: Db, tagIds: number[]): Map<number, string[]> {
  const map = new Map<number, string[]>();
  if (tagIds.length === 0) return map;
  for (const s of db.select().from(tagSynonyms).where(inArray(tagSynonyms.tagId, tagIds)).orderBy(asc(tagSynonyms.name)).all()) {
    map.set(s.tagId, [...(map.get(s.tagId) ?? []), s.name]);
  }
  return map;
}

/** Tags in name order with their published question count and synonyms; keyset-paged on the name. */
export function listTags(db: Db, input: unknown): { items: TagSummary[]; nextCursor: string | null } {
  const q = parseInput(listTagsSchema, input);
  const rows = db
    .select({ id: tags.id, name: tags.name, description: tags.description, questionCount: publishedCount })
    .from(tags)
    .where(and(q.prefix ? like(tags.name, `${q.prefix}%`) : undefined, q.after ? gt(tags.name, q.after) : undefined))
    .orderBy(asc(tags.name))
    .limit(q.limit + 1)
    .all();
  const more = rows.length > q.limit;
  if (more) rows.pop();
  const synonyms = synonymsOf(
    db,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) => ({ name: r.name, description: r.description, questionCount: r.questionCount, synonyms: synonyms.get(r.id) ?? [] })),
    nextCursor: more ? (rows.at(-1)?.name ?? null) : null,
  };
}

/** One tag by its name or one of its synonyms; null when neither exists. */
export function getTag(db: Db, name: string): TagSummary | null {
  const key = name.trim().toLowerCase();
  const row =
    db.select({ id: tags.id, name: tags.name, description: tags.description, questionCount: publishedCount }).from(tags).where(eq(tags.name, key)).get() ??
    db
      .select({ id: tags.id, name: tags.name, description: tags.description, questionCount: publishedCount })
      .from(tagSynonyms)
      .innerJoin(tags, eq(tags.id, tagSynonyms.tagId))
      .where(eq(tagSynonyms.name, key))
      .get();
  if (!row) return null;
  return { name: row.name, description: row.description, questionCount: row.questionCount, synonyms: synonymsOf(db, [row.id]).get(row.id) ?? [] };
}

const synonymList = z
  .union([z.string(), z.array(z.string())])
  .transform((value) => {
    const raw = Array.isArray(value) ? value : value.split(/[,\s]+/);
    return [...new Set(raw.map((t) => t.trim().toLowerCase()).filter(Boolean))];
  })
  .pipe(z.array(z.string().max(100, { error: 'field.tooLong' })).max(20, { error: 'field.invalid' }));

export const updateTagSchema = z.object({
  description: lineText().trim().max(300, { error: 'field.tooLong' }).optional(),
  /** The complete list of synonyms: names left out stop being synonyms. */
  synonyms: synonymList.optional(),
  /** Required to turn existing tags into synonyms (merging them into this tag). */
  confirmMerge: z.boolean({ error: 'field.invalid' }).default(false),
});

/**
 * Moves every question tagged `fromId` to `toId`, and the old tag's synonyms too, then deletes the `fromId` tag (a
 * tag that became a synonym).
 * Returns how many questions moved.
 */
export function mergeTagInto(db: Db, fromId: number, toId: number, now: number): number {
  const affected = db.select({ questionId: questionTags.questionId }).from(questionTags).where(eq(questionTags.tagId, fromId)).all();
  for (const { questionId } of affected) {
    const moved = db.insert(questionTags).values({ questionId, tagId: toId }).onConflictDoNothing().run().changes;
    moveTagScores(db, questionId, [fromId], moved ? [toId] : []);
    enqueue(db, 'question.changed', { questionId }, now);
  }
  db.delete(questionTags).where(eq(questionTags.tagId, fromId)).run();
  db.update(tagSynonyms).set({ tagId: toId }).where(eq(tagSynonyms.tagId, fromId)).run();
  db.delete(tags).where(eq(tags.id, fromId)).run();
  return affected.length;
}

/**
 * Edits a tag's description and synonyms (moderators). A new synonym that is an existing tag is merged into this one
 * (its questions move here), but only with `confirmMerge`: without it that is a CONFLICT naming the tags and their
 * question counts. A synonym already standing for another tag is a CONFLICT too.
 */
export function updateTag(db: Db, actor: Actor | null, name: string, input: unknown, now: number): TagSummary & { moved: number } {
  const parsed = validateInput(updateTagSchema, input);
  // Checked apart from the schema so that the message can name the synonym, even when other fields are invalid too.
  const synonyms = synonymList.safeParse((input as { synonyms?: unknown } | null)?.synonyms ?? []);
  const badSynonym = synonyms.success ? synonyms.data.find((s) => !TAG_PATTERN.test(s)) : undefined;
  if (!parsed.ok || badSynonym !== undefined) {
    const fields = parsed.ok ? {} : parsed.fields;
    if (badSynonym === undefined) throw new DomainError('INVALID', 'The input is not valid.', fields);
    throw new DomainError('INVALID', `${badSynonym} is not a valid tag name.`, { ...fields, synonyms: 'tag.invalidSynonym' }, undefined, { synonyms: { name: badSynonym } });
  }
  const data = parsed.data;
  return db.transaction((tx) => {
    const tag = tx.select().from(tags).where(eq(tags.name, name.trim().toLowerCase())).get();
    if (!tag) throw new DomainError('NOT_FOUND', `No tag named ${name}.`);
    if (!actor) throw new DomainError('UNAUTHORIZED', 'Sign in first.');
    if (!canManageTags(actor, now)) throw new DomainError('FORBIDDEN', 'Only moderators edit tags.');
    let moved = 0;
    if (data.synonyms) {
      if (data.synonyms.includes(tag.name)) throw new DomainError('INVALID', 'A tag cannot be its own synonym.', { synonyms: 'tag.ownName' });
      const taken = data.synonyms.length
        ? tx.select({ name: tagSynonyms.name, tagId: tagSynonyms.tagId }).from(tagSynonyms).where(inArray(tagSynonyms.name, data.synonyms)).all().find((s) => s.tagId !== tag.id)
        : undefined;
      if (taken) throw new DomainError('CONFLICT', `${taken.name} is a synonym of another tag.`, { synonyms: 'tag.synonymTaken' });
      const merging = data.synonyms.length
        ? tx.select({ name: tags.name, questionCount: publishedCount }).from(tags).where(inArray(tags.name, data.synonyms)).orderBy(asc(tags.name)).all()
        : [];
      if (merging.length && !data.confirmMerge) {
        const list = merging.map((m) => `${m.name} (${m.questionCount})`).join(', ');
        throw new DomainError('CONFLICT', `Existing tags would be merged into ${tag.name}: ${list}. Send confirmMerge: true to merge them.`, { synonyms: 'tag.confirmMerge' }, undefined, { synonyms: { tags: list } });
      }
      tx.delete(tagSynonyms).where(eq(tagSynonyms.tagId, tag.id)).run();
      for (const synonym of data.synonyms) {
        const existing = tx.select({ id: tags.id }).from(tags).where(eq(tags.name, synonym)).get();
        if (existing) moved += mergeTagInto(tx, existing.id, tag.id, now);
        tx.insert(tagSynonyms).values({ name: synonym, tagId: tag.id }).onConflictDoNothing().run();
      }
    }
    if (data.description !== undefined) tx.update(tags).set({ description: data.description }).where(eq(tags.id, tag.id)).run();
    enqueue(tx, 'tag.changed', { tagId: tag.id }, now);
    recordModeration(tx, { actorId: actor.id, action: 'tag-edit', targetType: 'tag', targetId: tag.id, data: { tag: tag.name, synonyms: data.synonyms ?? null, moved } }, now);
    return { ...getTag(tx, tag.name)!, moved };
  });
}
