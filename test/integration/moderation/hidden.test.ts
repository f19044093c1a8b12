import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SqliteDb } from '../../../db/client';
import type { Actor } from '../../../src/lib/auth/sessions';
import { answerQuestion } from '../../../src/lib/community/answer-question';
import { askQuestion } from '../../../src/lib/community/ask-question';
import { addCategoryModerator, createCategory, moderatedCategoryIds } from '../../../src/lib/community/categories';
import { commentOnPost } from '../../../src/lib/community/comment-post';
import { listModerationActions } from '../../../src/lib/moderation/audit';
import { flagContent, resolveFlags } from '../../../src/lib/moderation/flags';
import { listHiddenContent } from '../../../src/lib/moderation/hidden';
import { moderateContent } from '../../../src/lib/moderation/moderate';
import { createMember, createTestDb } from '../../helpers/db';
import { createReputedMember } from '../../helpers/reputation';
import { expectCode } from '../../helpers/errors';
import { NOW } from '../../helpers/time';

let db: SqliteDb;
let admin: Actor;
let moderator: Actor;
let member: Actor;
let helper: Actor;

beforeEach(async () => {
  db = createTestDb();
  admin = await createMember(db, 'admin');
  moderator = await createMember(db, 'moderator');
  member = await createReputedMember(db);
  helper = await createReputedMember(db);
  createCategory(db, admin, { slug: 'internet', nameEs: 'Internet', nameEn: 'Internet' }, NOW);
  createCategory(db, admin, { slug: 'billing', nameEs: 'Facturas', nameEn: 'Billing' }, NOW);
});

function hiddenThread(category: string, n: number) {
  const q = askQuestion(db, member, { title: `Pregunta ${n} con contenido oculto`, body: `Cuerpo de la pregunta ${n} con contenido oculto.`, category, locale: 'es' }, NOW + n);
  const a = answerQuestion(db, helper, q.id, { body: `Respuesta ${n} que se va a ocultar por spam.` }, NOW + n + 100);
  const c = commentOnPost(db, helper, a.id, { body: `Comentario ${n} ofensivo que se oculta.` }, NOW + n + 200);
  moderateContent(db, moderator, { type: 'answer', id: a.id }, 'hide', { reason: 'spam' }, NOW + n + 300);
  moderateContent(db, moderator, { type: 'comment', id: c.id }, 'hide', { reason: 'ofensivo' }, NOW + n + 301);
  return { q, a, c };
}

describe('hidden content view', () => {
  it('lists hidden answers and comments (and questions), newest first; category moderators see only their categories', async () => {
    const internet = hiddenThread('internet', 1000);
    const billing = hiddenThread('billing', 2000);
    moderateContent(db, moderator, { type: 'question', id: billing.q.id }, 'hide', {}, NOW + 5000);
    expect(listHiddenContent(db, { categoryIds: null }).map((i) => [i.type, i.id])).toEqual([
      ['comment', billing.c.id],
      ['answer', billing.a.id],
      ['question', billing.q.id],
      ['comment', internet.c.id],
      ['answer', internet.a.id],
    ]);
    const catMod = await createReputedMember(db);
    addCategoryModerator(db, admin, 1, { userId: catMod.id }, NOW);
    const items = listHiddenContent(db, { categoryIds: moderatedCategoryIds(db, catMod.id) });
    expect(items.map((i) => [i.type, i.questionId, i.title])).toEqual([
      ['comment', internet.q.id, 'Pregunta 1000 con contenido oculto'],
      ['answer', internet.q.id, 'Pregunta 1000 con contenido oculto'],
    ]);
    expect(listHiddenContent(db, { categoryIds: [] })).toEqual([]);
  });

  it('restoring a hidden comment: not found, forbidden, conflict, then success in the audit log', async () => {
    const { c, a } = hiddenThread('internet', 1000);
    expectCode(() => moderateContent(db, moderator, { type: 'comment', id: 9999 }, 'restore', {}, NOW + 4000), 'NOT_FOUND');
    expectCode(() => moderateContent(db, member, { type: 'comment', id: c.id }, 'restore', {}, NOW + 4000), 'FORBIDDEN');
    const catModElsewhere = await createReputedMember(db);
    addCategoryModerator(db, admin, 2, { userId: catModElsewhere.id }, NOW);
    expectCode(() => moderateContent(db, catModElsewhere, { type: 'comment', id: c.id }, 'restore', {}, NOW + 4000), 'FORBIDDEN');
    expect(moderateContent(db, moderator, { type: 'comment', id: c.id }, 'restore', { reason: 'no era ofensivo' }, NOW + 4001)).toEqual({ status: 'published' });
    expectCode(() => moderateContent(db, moderator, { type: 'comment', id: c.id }, 'restore', {}, NOW + 4002), 'CONFLICT');
    expect(listHiddenContent(db, { categoryIds: null }).map((i) => [i.type, i.id])).toEqual([['answer', a.id]]);
    const audit = listModerationActions(db, { target: { type: 'comment', id: c.id } }).items;
    expect(audit.map((r) => [r.action, r.reason, r.actorName])).toEqual([
      ['restore', 'no era ofensivo', moderator.displayName],
      ['hide', 'ofensivo', moderator.displayName],
    ]);
  });

  it('shows plain-text excerpts and who hid each item, why and when (the latest hiding action), in a fixed number of queries', async () => {
    const q = askQuestion(db, member, { title: 'El router no enciende desde ayer', body: 'Tengo un **router** nuevo y el comando `ping` falla.', category: 'internet', locale: 'es' }, NOW);
    const a = answerQuestion(db, helper, q.id, { body: 'Compra **otro** router en [esta tienda](https://spam.example) con `ya` hoy.' }, NOW + 100);
    const c = commentOnPost(db, helper, q.id, { body: 'Esto es _spam_ puro, de verdad.' }, NOW + 200);
    moderateContent(db, moderator, { type: 'question', id: q.id }, 'hide', { reason: 'fuera de tema' }, NOW + 1000);
    flagContent(db, member, { type: 'answer', id: a.id }, { reason: 'spam' }, NOW + 1100);
    resolveFlags(db, moderator, { type: 'answer', id: a.id }, 'upheld', NOW + 1200, 'publicidad');
    moderateContent(db, admin, { type: 'comment', id: c.id }, 'hide', {}, NOW + 1300);
    const items = listHiddenContent(db, { categoryIds: null });
    expect(items.map((i) => [i.type, i.excerpt, i.hiddenBy])).toEqual([
      ['comment', 'Esto es spam puro, de verdad.', { action: 'hide', actorName: admin.displayName, reason: '', at: NOW + 1300 }],
      ['answer', 'Compra otro router en esta tienda con ya hoy.', { action: 'flags.upheld', actorName: moderator.displayName, reason: 'publicidad', at: NOW + 1200 }],
      ['question', 'Tengo un router nuevo y el comando ping falla.', { action: 'hide', actorName: moderator.displayName, reason: 'fuera de tema', at: NOW + 1000 }],
    ]);
    // restored then hidden again: the latest hiding counts
    moderateContent(db, moderator, { type: 'comment', id: c.id }, 'restore', {}, NOW + 1400);
    moderateContent(db, moderator, { type: 'comment', id: c.id }, 'hide', { reason: 'otra vez' }, NOW + 1500);
    expect(listHiddenContent(db, { categoryIds: null })[0]?.hiddenBy).toMatchObject({ actorName: moderator.displayName, reason: 'otra vez' });
    // no query per item: the same number of statements for 3 items as for 9
    const prepare = vi.spyOn(db.$client, 'prepare');
    listHiddenContent(db, { categoryIds: null });
    const few = prepare.mock.calls.length;
    for (let n = 1; n <= 3; n++) hiddenThread('internet', n * 10000);
    prepare.mockClear();
    expect(listHiddenContent(db, { categoryIds: null })).toHaveLength(9);
    expect(prepare.mock.calls.length).toBe(few);
    prepare.mockRestore();
  });
});
