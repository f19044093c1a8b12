import { beforeEach, describe, expect, it } from 'vitest';
import type { SqliteDb } from '../../../db/client';
import { categories, users } from '../../../db/schema/index';
import { eq } from 'drizzle-orm';
import type { Actor } from '../../../src/lib/auth/sessions';
import { answerQuestion } from '../../../src/lib/community/answer-question';
import { askQuestion } from '../../../src/lib/community/ask-question';
import {
  addCategoryModerator,
  categoryOptions,
  categoryTree,
  createCategory,
  listCategoryModerators,
  moderatedCategoryIds,
  removeCategoryModerator,
  updateCategory,
} from '../../../src/lib/community/categories';
import { listPinned, listQuestions } from '../../../src/lib/community/list-questions';
import { closeAsDuplicate, moderateContent, moderateThread, moveThread } from '../../../src/lib/moderation/moderate';
import { listModerationActions } from '../../../src/lib/moderation/audit';
import { createMember, createTestDb } from '../../helpers/db';
import { expectCode } from '../../helpers/errors';
import { NOW } from '../../helpers/time';

let db: SqliteDb;
let admin: Actor;
let moderator: Actor;
let member: Actor;

const category = (slug: string, extra: Record<string, unknown> = {}) => createCategory(db, admin, { slug, nameEs: `Cat ${slug}`, nameEn: `Cat ${slug}`, ...extra }, NOW);
const ask = (who: Actor, slug: string, n: number) =>
  askQuestion(db, who, { title: `Pregunta número ${n} de ${slug}`, body: `Cuerpo de la pregunta número ${n} en la categoría ${slug}.`, category: slug, locale: 'es' }, NOW + n * 1000);

beforeEach(async () => {
  db = createTestDb();
  admin = await createMember(db, 'admin');
  moderator = await createMember(db, 'moderator');
  member = await createMember(db, 'member');
});

describe('category administration', () => {
  it('creates top-level categories and subcategories, placed last among siblings, shown as a tree', () => {
    const internet = category('internet');
    const billing = category('billing', { descriptionEs: 'Facturas', locale: 'es' });
    const wifi = category('wifi', { parentId: internet.id, position: null });
    const fibra = category('fibra', { parentId: internet.id });
    expect([internet.position, billing.position, wifi.position, fibra.position]).toEqual([0, 1, 0, 1]);
    expect(billing).toMatchObject({ descriptionEs: 'Facturas', descriptionEn: '', locale: 'es', parentId: null });
    expect(categoryTree(db).map((c) => [c.slug, c.children.map((k) => k.slug)])).toEqual([
      ['internet', ['wifi', 'fibra']],
      ['billing', []],
    ]);
    // English visitors do not see the Spanish-only category; subcategories follow their parent in selects
    expect(categoryTree(db, 'en').map((c) => c.slug)).toEqual(['internet']);
    expect(categoryOptions(db, 'en').map((o) => o.label)).toEqual(['Cat internet', 'Cat internet › Cat wifi', 'Cat internet › Cat fibra']);
    expect(expectCode(() => askQuestion(db, member, { title: 'An English question here', body: 'An English body that is long enough.', category: 'billing', locale: 'en' }, NOW), 'INVALID').fields).toEqual({ category: 'field.unknownCategory' });
  });

  it('rejects: non-admins (forbidden), a taken slug (conflict), bad input and bad parents (invalid), unknown ids (not found)', () => {
    const internet = category('internet');
    const wifi = category('wifi', { parentId: internet.id });
    expectCode(() => createCategory(db, moderator, { slug: 'x', nameEs: 'X', nameEn: 'X' }, NOW), 'FORBIDDEN');
    expectCode(() => createCategory(db, null, { slug: 'x', nameEs: 'X', nameEn: 'X' }, NOW), 'UNAUTHORIZED');
    expect(expectCode(() => category('internet'), 'CONFLICT').fields).toEqual({ slug: 'category.slugTaken' });
    expect(expectCode(() => updateCategory(db, admin, wifi.id, { slug: 'internet' }, NOW), 'CONFLICT').fields).toEqual({ slug: 'category.slugTaken' });
    expect(expectCode(() => createCategory(db, admin, { slug: 'Mal slug!', nameEs: '', nameEn: 'X' }, NOW), 'INVALID').fields).toEqual({ slug: 'field.invalidSlug', nameEs: 'field.required' });
    expect(expectCode(() => category('nieta', { parentId: wifi.id }), 'INVALID').fields).toEqual({ parentId: 'category.tooDeep' });
    expect(expectCode(() => category('huerfana', { parentId: 999 }), 'INVALID').fields).toEqual({ parentId: 'field.unknownCategory' });
    expect(expectCode(() => updateCategory(db, admin, internet.id, { parentId: internet.id }, NOW), 'INVALID').fields).toEqual({ parentId: 'category.selfParent' });
    // internet → under wifi would be a cycle (and two levels): refused
    expect(expectCode(() => updateCategory(db, admin, internet.id, { parentId: wifi.id }, NOW), 'INVALID').fields).toEqual({ parentId: 'category.tooDeep' });
    const billing = category('billing');
    expect(expectCode(() => updateCategory(db, admin, internet.id, { parentId: billing.id }, NOW), 'INVALID').fields).toEqual({ parentId: 'category.hasChildren' });
    expectCode(() => updateCategory(db, admin, 999, { nameEs: 'X' }, NOW), 'NOT_FOUND');
    expectCode(() => updateCategory(db, member, internet.id, { nameEs: 'X' }, NOW), 'FORBIDDEN');
  });

  it('reports every problem of a form at once: field errors, the taken slug and a bad parent together', () => {
    const internet = category('internet');
    const wifi = category('wifi', { parentId: internet.id });
    // as the form action hands it over (formInput): numbers converted, a position that is no number left as typed
    const form = { slug: 'internet', nameEs: '', nameEn: 'Wifi', descriptionEs: '', descriptionEn: '', parentId: internet.id, locale: null, position: 'abc' };
    expect(expectCode(() => updateCategory(db, admin, wifi.id, form, NOW), 'INVALID').fields).toEqual({ slug: 'category.slugTaken', nameEs: 'field.required', position: 'field.wholeNumber' });
    const created = expectCode(() => createCategory(db, admin, { ...form, parentId: wifi.id, position: 5000 }, NOW), 'INVALID');
    expect(created.fields).toEqual({ slug: 'category.slugTaken', nameEs: 'field.required', parentId: 'category.tooDeep', position: 'field.positionRange' });
    expect(created.message).toContain('The slug internet is taken.');
    expect(expectCode(() => category('otra', { position: 1.5 }), 'INVALID').fields).toEqual({ position: 'field.wholeNumber' });
    // the taken slug alone stays a CONFLICT; non-admins learn nothing about the input
    expect(expectCode(() => updateCategory(db, admin, wifi.id, { ...form, nameEs: 'Wifi', position: null }, NOW), 'CONFLICT').fields).toEqual({ slug: 'category.slugTaken' });
    expectCode(() => updateCategory(db, member, wifi.id, form, NOW), 'FORBIDDEN');
    expect(updateCategory(db, admin, wifi.id, { ...form, slug: 'wifi', nameEs: 'Wifi', position: 3 }, NOW)).toMatchObject({ slug: 'wifi', nameEs: 'Wifi', position: 3 });
  });

  it('edits only the fields given; a subcategory can move to another parent or to the top', () => {
    const internet = category('internet', { descriptionEn: 'Connection problems' });
    const billing = category('billing');
    const wifi = category('wifi', { parentId: internet.id });
    const edited = updateCategory(db, admin, internet.id, { nameEn: 'Internet & wifi', position: 5 }, NOW);
    expect(edited).toMatchObject({ nameEn: 'Internet & wifi', nameEs: 'Cat internet', descriptionEn: 'Connection problems', position: 5 });
    expect(updateCategory(db, admin, wifi.id, { parentId: billing.id }, NOW).parentId).toBe(billing.id);
    expect(updateCategory(db, admin, wifi.id, { parentId: null }, NOW).parentId).toBeNull();
    // positions order siblings: wifi kept 0, billing 1, internet 5
    expect(categoryTree(db).map((c) => c.slug)).toEqual(['wifi', 'billing', 'internet']);
  });

  it('writes every change to the audit log (who, what, when)', () => {
    const internet = category('internet');
    updateCategory(db, admin, internet.id, { nameEn: 'Internet & wifi' }, NOW + 1000);
    const log = listModerationActions(db, { target: { type: 'category', id: internet.id } }).items;
    expect(log.map((a) => [a.action, a.actorName, a.createdAt])).toEqual([
      ['category-edit', admin.displayName, NOW + 1000],
      ['category-create', admin.displayName, NOW],
    ]);
  });
});

describe('lists by category', () => {
  it('a parent category lists its subcategories’ questions too, with keyset pagination', () => {
    const internet = category('internet');
    category('wifi', { parentId: internet.id });
    category('billing');
    const ids = [ask(member, 'internet', 1).id, ask(member, 'wifi', 2).id, ask(member, 'billing', 3).id, ask(member, 'wifi', 4).id, ask(member, 'internet', 5).id];
    const pages: number[][] = [];
    let cursor: string | undefined;
    do {
      const page = listQuestions(db, { category: 'internet', limit: 2, cursor });
      pages.push(page.items.map((i) => i.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(pages).toEqual([[ids[4], ids[3]], [ids[1], ids[0]]]);
    expect(listQuestions(db, { category: 'wifi' }).items.map((i) => i.id)).toEqual([ids[3], ids[1]]);
    expect(listQuestions(db, { category: 'nope' }).items).toEqual([]);
    moderateThread(db, moderator, ids[1]!, 'pin', {}, NOW + 10_000);
    expect(listPinned(db, { category: 'internet' }).map((p) => p.id)).toEqual([ids[1]]);
    expect(listPinned(db, { category: 'billing' })).toEqual([]);
  });
});

describe('category moderators', () => {
  it('admins add (by email or id) and remove them; outcomes: not found, forbidden, invalid, conflict, success', async () => {
    const internet = category('internet');
    const helper = await createMember(db, 'member', { email: 'helper@example.test' });
    expectCode(() => addCategoryModerator(db, admin, 999, { email: 'helper@example.test' }, NOW), 'NOT_FOUND');
    expectCode(() => addCategoryModerator(db, moderator, internet.id, { email: 'helper@example.test' }, NOW), 'FORBIDDEN');
    expect(expectCode(() => addCategoryModerator(db, admin, internet.id, { email: 'nobody@example.test' }, NOW), 'INVALID').fields).toEqual({ email: 'category.unknownMember' });
    expect(expectCode(() => addCategoryModerator(db, admin, internet.id, {}, NOW), 'INVALID').fields).toEqual({ email: 'field.required' });
    db.update(users).set({ suspendedUntil: NOW + 1000 }).where(eq(users.id, member.id)).run();
    expectCode(() => addCategoryModerator(db, admin, internet.id, { userId: member.id }, NOW), 'CONFLICT');
    expect(addCategoryModerator(db, admin, internet.id, { email: ' Helper@Example.test ' }, NOW)).toEqual({ categoryId: internet.id, userId: helper.id, added: true });
    expect(addCategoryModerator(db, admin, internet.id, { userId: helper.id }, NOW).added).toBe(false);
    expect(listCategoryModerators(db, internet.id).map((m) => m.id)).toEqual([helper.id]);
    expectCode(() => removeCategoryModerator(db, admin, internet.id, moderator.id, NOW), 'NOT_FOUND');
    expectCode(() => removeCategoryModerator(db, member, internet.id, helper.id, NOW), 'FORBIDDEN');
    removeCategoryModerator(db, admin, internet.id, helper.id, NOW);
    expect(listCategoryModerators(db, internet.id)).toEqual([]);
  });

  it('moderate their category and its subcategories, and nothing else', async () => {
    const internet = category('internet');
    const wifi = category('wifi', { parentId: internet.id });
    const billing = category('billing');
    const catMod = await createMember(db);
    addCategoryModerator(db, admin, internet.id, { userId: catMod.id }, NOW);
    expect(moderatedCategoryIds(db, catMod.id).sort()).toEqual([internet.id, wifi.id].sort());
    const inWifi = ask(member, 'wifi', 1);
    const original = ask(member, 'internet', 2);
    const inBilling = ask(member, 'billing', 3);
    const answer = answerQuestion(db, moderator, inWifi.id, { body: 'Una respuesta que el moderador de categoría oculta.' }, NOW + 5000);
    expect(moderateContent(db, catMod, { type: 'answer', id: answer.id }, 'hide', { reason: 'spam' }, NOW + 6000)).toEqual({ status: 'hidden' });
    expect(moderateContent(db, catMod, { type: 'answer', id: answer.id }, 'restore', {}, NOW + 6001)).toEqual({ status: 'published' });
    moderateThread(db, catMod, inWifi.id, 'lock', {}, NOW + 6002);
    moderateThread(db, catMod, inWifi.id, 'pin', {}, NOW + 6003);
    expect(moveThread(db, catMod, inWifi.id, { category: 'internet' }, NOW + 6004)).toEqual({ questionId: inWifi.id });
    expect(closeAsDuplicate(db, catMod, inWifi.id, original.id, NOW + 6005)).toMatchObject({ closed: true });
    expect(expectCode(() => moveThread(db, catMod, original.id, { category: 'billing' }, NOW + 6006), 'FORBIDDEN').fields).toEqual({ category: 'category.notModerated' });
    expectCode(() => moderateThread(db, catMod, inBilling.id, 'lock', {}, NOW + 6007), 'FORBIDDEN');
    expectCode(() => moderateContent(db, catMod, { type: 'question', id: inBilling.id }, 'hide', {}, NOW + 6008), 'FORBIDDEN');
    expect(db.select({ id: categories.id }).from(categories).all()).toHaveLength(3);
    expect(billing.id).toBeGreaterThan(0);
  });
});
