import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { preparedPerConnection } from '../../../db/prepared';
import { LOCALES } from '../../../db/schema/accounts';
import { categories, categoryModerators, questions, users } from '../../../db/schema/index';
import { canManageCategories } from '../auth/permissions';
import type { Actor } from '../auth/sessions';
import { enqueue } from '../jobs/outbox';
import { DomainError } from '../errors';
import { recordModeration } from '../moderation/audit';
import { lineText, parseInput, validateInput } from '../validation';

export type Category = typeof categories.$inferSelect;

const categoryQueries = preparedPerConnection((db: Db) => ({
  all: db.select().from(categories).orderBy(asc(categories.position), asc(categories.id)).prepare(),
}));

/** Every category, by position (the query built once per connection: building it cost more than running it). */
export function listCategories(db: Db): Category[] {
  return categoryQueries(db).all.all();
}

export function categoryName(category: { nameEs: string; nameEn: string }, locale: 'es' | 'en'): string {
  return locale === 'es' ? category.nameEs : category.nameEn;
}

export function categoryDescription(category: { descriptionEs: string; descriptionEn: string }, locale: 'es' | 'en'): string {
  return locale === 'es' ? category.descriptionEs : category.descriptionEn;
}

export interface CategoryNode extends Category {
  children: Category[];
}

/**
 * The categories as a tree (top-level categories with their subcategories), both ordered by position. With a
 * locale, categories reserved for the other language are left out.
 */
export function categoryTree(db: Db, locale?: 'es' | 'en'): CategoryNode[] {
  const all = listCategories(db).filter((c) => !locale || c.locale === null || c.locale === locale);
  const ids = new Set(all.map((c) => c.id));
  const roots: CategoryNode[] = all.filter((c) => c.parentId === null || !ids.has(c.parentId)).map((c) => ({ ...c, children: [] }));
  const byId = new Map(roots.map((r) => [r.id, r]));
  for (const c of all) if (c.parentId !== null) byId.get(c.parentId)?.children.push(c);
  return roots;
}

/** Options for a category select: subcategories follow their parent, their label prefixed with it. */
export function categoryOptions(db: Db, locale: 'es' | 'en'): { value: string; label: string }[] {
  return categoryTree(db, locale).flatMap((root) => [
    { value: root.slug, label: categoryName(root, locale) },
    ...root.children.map((c) => ({ value: c.slug, label: `${categoryName(root, locale)} › ${categoryName(c, locale)}` })),
  ]);
}

/** The ids a list of `slug` covers: the category and its subcategories. Empty when the slug is unknown. */
export function categoryScope(db: Db, slug: string): number[] {
  const category = db.select({ id: categories.id }).from(categories).where(eq(categories.slug, slug)).get();
  if (!category) return [];
  const children = db.select({ id: categories.id }).from(categories).where(eq(categories.parentId, category.id)).all();
  return [category.id, ...children.map((c) => c.id)];
}

const text = (max: number) => lineText().trim().max(max, { error: 'field.tooLong' });

const categoryFields = {
  slug: z
    .string({ error: 'field.required' })
    .trim()
    .toLowerCase()
    .min(1, { error: 'field.required' })
    .max(64, { error: 'field.tooLong' })
    .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, { error: 'field.invalidSlug' }),
  nameEs: text(80).min(1, { error: 'field.required' }),
  nameEn: text(80).min(1, { error: 'field.required' }),
  descriptionEs: text(500),
  descriptionEn: text(500),
  /** Null (a form's empty "no parent") means a top-level category. */
  parentId: z.int({ error: 'field.invalid' }).positive({ error: 'field.invalid' }).nullable(),
  /** Null (a form's empty choice) means both languages. */
  locale: z.enum(LOCALES, { error: 'field.invalid' }).nullable(),
  position: z.int({ error: 'field.wholeNumber' }).min(-1000, { error: 'field.positionRange' }).max(1000, { error: 'field.positionRange' }).nullable(),
};

export const categorySchema = z.object({
  ...categoryFields,
  descriptionEs: categoryFields.descriptionEs.default(''),
  descriptionEn: categoryFields.descriptionEn.default(''),
  parentId: categoryFields.parentId.default(null),
  locale: categoryFields.locale.default(null),
  position: categoryFields.position.default(null),
});
export type CategoryInput = z.input<typeof categorySchema>;
/** Editing (the API's PATCH): fields left out stay as they are. */
export const categoryPatchSchema = z.object(categoryFields).partial();

function requireAdmin(actor: Actor | null, now: number): Actor {
  if (!actor) throw new DomainError('UNAUTHORIZED', 'Sign in first.');
  if (!canManageCategories(actor, now)) throw new DomainError('FORBIDDEN', 'Only admins manage categories.');
  return actor;
}

/** A parent must exist, be top-level (one level of subcategories), and not be the category itself. */
function parentProblem(db: Db, parentId: number | null, selfId: number | null): [key: string, detail: string] | null {
  if (parentId === null) return null;
  if (parentId === selfId) return ['category.selfParent', 'A category cannot be its own parent.'];
  const parent = db.select({ id: categories.id, parentId: categories.parentId }).from(categories).where(eq(categories.id, parentId)).get();
  if (!parent) return ['field.unknownCategory', 'The parent category does not exist.'];
  if (parent.parentId !== null) return ['category.tooDeep', 'Subcategories cannot have subcategories.'];
  const hasChildren = selfId !== null && db.select({ id: categories.id }).from(categories).where(eq(categories.parentId, selfId)).limit(1).get() !== undefined;
  if (hasChildren) return ['category.hasChildren', 'A category with subcategories stays at the top level.'];
  return null;
}

/**
 * Validates a category's fields, its slug's uniqueness and its parent all at once, so a form shows every problem in
 * one round: CONFLICT when the taken slug is the only problem, INVALID otherwise. Returns the parsed input.
 * `input` is the raw input, for checking the slug and the parent when other fields fail the schema.
 */
function checkCategory<T>(db: Db, parsed: { ok: true; data: T } | { ok: false; fields: Record<string, string> }, input: unknown, current: Category | null): T {
  const fields: Record<string, string> = parsed.ok ? {} : { ...parsed.fields };
  const details: string[] = parsed.ok ? [] : ['The input is not valid.'];
  const raw: Record<string, unknown> = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
  const slug = raw.slug === undefined ? null : categoryFields.slug.safeParse(raw.slug);
  if (slug?.success && !fields.slug) {
    const taken = db.select({ id: categories.id }).from(categories).where(eq(categories.slug, slug.data)).get();
    if (taken && taken.id !== current?.id) {
      fields.slug = 'category.slugTaken';
      details.push(`The slug ${slug.data} is taken.`);
    }
  }
  const parentId = categoryFields.parentId.safeParse(raw.parentId);
  if (parentId.success && !fields.parentId && (current === null || (raw.parentId !== undefined && parentId.data !== current.parentId))) {
    const problem = parentProblem(db, parentId.data, current?.id ?? null);
    if (problem) {
      fields.parentId = problem[0];
      details.push(problem[1]);
    }
  }
  if (!parsed.ok || Object.keys(fields).length > 0) {
    const onlyConflict = Object.keys(fields).length === 1 && fields.slug === 'category.slugTaken';
    throw new DomainError(onlyConflict ? 'CONFLICT' : 'INVALID', details.join(' '), fields);
  }
  return parsed.data;
}

/** Creates a category (admins). Without a position it goes last among its siblings. */
export function createCategory(db: Db, actor: Actor | null, input: unknown, now: number): Category {
  return db.transaction((tx) => {
    const admin = requireAdmin(actor, now);
    const data = checkCategory(tx, validateInput(categorySchema, input), input, null);
    const position =
      data.position ??
      (tx
        .select({ max: sql<number | null>`max(${categories.position})` })
        .from(categories)
        .where(data.parentId === null ? isNull(categories.parentId) : eq(categories.parentId, data.parentId))
        .get()?.max ?? -1) + 1;
    const created = tx.insert(categories).values({ ...data, position }).returning().get();
    enqueue(tx, 'category.changed', { categoryId: created.id }, now);
    recordModeration(tx, { actorId: admin.id, action: 'category-create', targetType: 'category', targetId: created.id, data: { slug: created.slug, parentId: created.parentId } }, now);
    return created;
  });
}

/** Edits a category (admins): any of its fields; a parent change must keep the tree one level deep. */
export function updateCategory(db: Db, actor: Actor | null, categoryId: number, input: unknown, now: number): Category {
  return db.transaction((tx) => {
    const current = tx.select().from(categories).where(eq(categories.id, categoryId)).get();
    if (!current) throw new DomainError('NOT_FOUND', 'No such category.');
    const admin = requireAdmin(actor, now);
    const data = checkCategory(tx, validateInput(categoryPatchSchema, input), input, current);
    const set = Object.fromEntries(Object.entries({ ...data, position: data.position ?? undefined }).filter(([, v]) => v !== undefined));
    if (Object.keys(set).length === 0) return current;
    recordModeration(tx, { actorId: admin.id, action: 'category-edit', targetType: 'category', targetId: categoryId, data: set }, now);
    enqueue(tx, 'category.changed', { categoryId }, now);
    return tx.update(categories).set(set).where(eq(categories.id, categoryId)).returning().get()!;
  });
}

/** Question counts per category (published, not deleted), for the admin list. */
export function questionCountsByCategory(db: Db): Map<number, number> {
  const rows = db
    .select({ id: questions.categoryId, n: sql<number>`count(*)` })
    .from(questions)
    .where(and(isNull(questions.deletedAt), eq(questions.status, 'published')))
    .groupBy(questions.categoryId)
    .all();
  return new Map(rows.map((r) => [r.id, r.n]));
}

// category moderators

export function listCategoryModerators(db: Db, categoryId: number): { id: number; displayName: string; email: string }[] {
  return db
    .select({ id: users.id, displayName: users.displayName, email: users.email })
    .from(categoryModerators)
    .innerJoin(users, eq(users.id, categoryModerators.userId))
    .where(eq(categoryModerators.categoryId, categoryId))
    .orderBy(asc(users.displayName))
    .all();
}

/** Members who moderate a category: its own moderators and those of its parent category. */
export function categoryModeratorIds(db: Db, categoryId: number): number[] {
  const parent = db.select({ parentId: categories.parentId }).from(categories).where(eq(categories.id, categoryId)).get()?.parentId ?? null;
  const scope = parent === null ? [categoryId] : [categoryId, parent];
  return db.select({ userId: categoryModerators.userId }).from(categoryModerators).where(inArray(categoryModerators.categoryId, scope)).all().map((r) => r.userId);
}

const moderatorQueries = preparedPerConnection((db) => ({
  own: db.select({ id: categoryModerators.categoryId }).from(categoryModerators).where(eq(categoryModerators.userId, sql.placeholder('userId'))).prepare(),
}));

/** The categories a member moderates, subcategories of moderated categories included. */
export function moderatedCategoryIds(db: Db, userId: number): number[] {
  const own = moderatorQueries(db).own.all({ userId }).map((r) => r.id);
  if (own.length === 0) return [];
  const children = db.select({ id: categories.id }).from(categories).where(inArray(categories.parentId, own)).all().map((r) => r.id);
  return [...new Set([...own, ...children])];
}

export const categoryModeratorSchema = z
  .object({
    userId: z.int({ error: 'field.invalid' }).positive({ error: 'field.invalid' }).nullable().default(null),
    email: z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() || null : (v ?? null)), z.email({ error: 'field.email' }).nullable()),
  })
  .refine((v) => v.userId !== null || v.email !== null, { error: 'field.required', path: ['email'] });

/** Makes a member a moderator of the category (admins). Idempotent; unknown members are INVALID, suspended ones too. */
export function addCategoryModerator(db: Db, actor: Actor | null, categoryId: number, input: unknown, now: number): { categoryId: number; userId: number; added: boolean } {
  const data = parseInput(categoryModeratorSchema, input);
  return db.transaction((tx) => {
    if (!tx.select({ id: categories.id }).from(categories).where(eq(categories.id, categoryId)).get()) throw new DomainError('NOT_FOUND', 'No such category.');
    const admin = requireAdmin(actor, now);
    const member = tx
      .select({ id: users.id, suspendedUntil: users.suspendedUntil })
      .from(users)
      .where(or(data.userId !== null ? eq(users.id, data.userId) : undefined, data.email !== null ? eq(users.email, data.email) : undefined))
      .get();
    if (!member) throw new DomainError('INVALID', 'No member with that email or id.', { email: 'category.unknownMember' });
    if (member.suspendedUntil !== null && member.suspendedUntil > now) throw new DomainError('CONFLICT', 'That member is suspended.', { email: 'category.memberSuspended' });
    const added = tx.insert(categoryModerators).values({ categoryId, userId: member.id }).onConflictDoNothing().run().changes > 0;
    if (added) recordModeration(tx, { actorId: admin.id, action: 'category-moderator-add', targetType: 'category', targetId: categoryId, data: { userId: member.id } }, now);
    return { categoryId, userId: member.id, added };
  });
}

/** Removes a category moderator (admins). NOT_FOUND when the member does not moderate the category. */
export function removeCategoryModerator(db: Db, actor: Actor | null, categoryId: number, userId: number, now: number): { categoryId: number; userId: number } {
  return db.transaction((tx) => {
    if (!tx.select({ id: categories.id }).from(categories).where(eq(categories.id, categoryId)).get()) throw new DomainError('NOT_FOUND', 'No such category.');
    const admin = requireAdmin(actor, now);
    const removed = tx.delete(categoryModerators).where(and(eq(categoryModerators.categoryId, categoryId), eq(categoryModerators.userId, userId))).run().changes;
    if (!removed) throw new DomainError('NOT_FOUND', 'That member does not moderate this category.');
    recordModeration(tx, { actorId: admin.id, action: 'category-moderator-remove', targetType: 'category', targetId: categoryId, data: { userId } }, now);
    return { categoryId, userId };
  });
}

export const categoriesQuerySchema = z.object({ locale: z.enum(LOCALES, { error: 'field.invalid' }).optional() });
