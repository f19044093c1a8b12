import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SqliteDb } from '../../../db/client';
import { answers, comments, follows, notifications, questions, tags, users, votes } from '../../../db/schema/index';
import { acceptAnswer, unacceptAnswer } from '../../../src/lib/community/accept-answer';
import { answerQuestion } from '../../../src/lib/community/answer-question';
import { askQuestion } from '../../../src/lib/community/ask-question';
import { commentOnPost, commentsOfThread, deleteComment } from '../../../src/lib/community/comment-post';
import { deletePost, undeletePost } from '../../../src/lib/community/delete-post';
import { editPost, listRevisions, revisionDiffs } from '../../../src/lib/community/edit-post';
import { setFollowing, setMeToo } from '../../../src/lib/community/follow-question';
import { getThread } from '../../../src/lib/community/get-thread';
import { listQuestions } from '../../../src/lib/community/list-questions';
import { isBot } from '../../../src/lib/bots';
import { ViewCounter } from '../../../src/lib/community/record-view';
import { votePost } from '../../../src/lib/community/vote-post';
import type { Actor } from '../../../src/lib/auth/sessions';
import { createCategory, createMember, createTestDb } from '../../helpers/db';
import { createReputedMember } from '../../helpers/reputation';
import { expectCode } from '../../helpers/errors';
import { DAY, NOW } from '../../helpers/time';
import { grantReputation } from '../../helpers/reputation';

let db: SqliteDb;
let asker: Actor;
let helper: Actor;
let other: Actor;
const Q = { title: 'Router pierde la conexión cada noche', body: 'Desde hace una semana se desconecta a las 3 de la mañana.', category: 'internet', tags: 'router', locale: 'es' };
const A = { body: 'Desactiva el reinicio programado en Ajustes > Sistema.' };

function setup() {
  const q = askQuestion(db, asker, Q, NOW);
  const a = answerQuestion(db, helper, q.id, A, NOW + 1000);
  return { q, a };
}

beforeEach(async () => {
  db = createTestDb();
  createCategory(db, 'internet');
  db.insert(tags).values([{ name: 'router' }, { name: 'wifi' }]).run();
  asker = await createReputedMember(db);
  helper = await createReputedMember(db);
  other = await createReputedMember(db);
  // Downvoting is a reputation privilege.
  for (const m of [asker, other]) grantReputation(db, m.id, 1000);
});

describe('votePost', () => {
  it('counts one vote per member, changes and retracts it, keeping the score equal to the sum of votes', () => {
    const { a } = setup();
    expect(votePost(db, asker, a.id, { value: 1 }, NOW)).toEqual({ postId: a.id, score: 1, vote: 1 });
    expect(votePost(db, asker, a.id, { value: 1 }, NOW)).toEqual({ postId: a.id, score: 1, vote: 1 });
    expect(votePost(db, other, a.id, { value: -1 }, NOW).score).toBe(0);
    expect(votePost(db, asker, a.id, { value: -1 }, NOW).score).toBe(-2);
    expect(votePost(db, asker, a.id, { value: 0 }, NOW).score).toBe(-1);
    const sum = db.select().from(votes).all().reduce((s, v) => s + v.value, 0);
    expect(db.select().from(answers).where(eq(answers.id, a.id)).get()!.score).toBe(sum);
  });
  it('refuses your own post, anonymous voters, unknown posts, bad values, deleted posts', () => {
    const { q, a } = setup();
    expect(expectCode(() => votePost(db, helper, a.id, { value: 1 }, NOW), 'FORBIDDEN').fields).toEqual({ _: 'vote.own' });
    expectCode(() => votePost(db, null, a.id, { value: 1 }, NOW), 'UNAUTHORIZED');
    expectCode(() => votePost(db, asker, 9999, { value: 1 }, NOW), 'NOT_FOUND');
    expectCode(() => votePost(db, asker, a.id, { value: 2 }, NOW), 'INVALID');
    // JSON types strictly: no true, "1" or [1] for 1, and null is not 0 (a vote is retracted with 0)
    votePost(db, asker, a.id, { value: -1 }, NOW);
    for (const value of [true, '1', [1], null, '', 1.5, {}]) {
      expect(expectCode(() => votePost(db, asker, a.id, { value }, NOW), 'INVALID').fields, JSON.stringify(value)).toEqual({ value: 'field.invalid' });
    }
    expect(votePost(db, asker, a.id, { value: 0 }, NOW)).toMatchObject({ score: 0, vote: 0 });
    deletePost(db, asker, q.id, NOW);
    expectCode(() => votePost(db, other, q.id, { value: 1 }, NOW), 'NOT_FOUND');
  });
});

describe('comments', () => {
  it('comments on questions and answers, notifies the author and @mentioned members, returns the first on a double submit', () => {
    const { q, a } = setup();
    const db2 = db;
    db2.update(users).set({ displayName: 'Marta_Ruiz' }).where(eq(users.id, other.id)).run();
    const c = commentOnPost(db, asker, a.id, { body: 'Gracias, @Marta_Ruiz mira esto.' }, NOW + 5000);
    expect(c.created).toBe(true);
    expect(commentOnPost(db, asker, a.id, { body: 'Gracias, @Marta_Ruiz mira esto.' }, NOW + 6000)).toEqual({ ...c, created: false });
    commentOnPost(db, helper, q.id, { body: '¿Qué modelo de router es?' }, NOW + 7000);
    const byPost = commentsOfThread(db, q.id);
    expect(byPost.get(a.id)!.map((x) => x.id)).toEqual([c.id]);
    expect(byPost.get(q.id)).toHaveLength(1);
    const notes = db.select().from(notifications).all().map((n) => [n.userId, n.type]);
    expect(notes).toEqual(expect.arrayContaining([[helper.id, 'comment.created'], [other.id, 'mention'], [asker.id, 'comment.created']]));
  });
  it('refuses empty, too long, anonymous; deletes own comments only', () => {
    const { a } = setup();
    expectCode(() => commentOnPost(db, asker, a.id, { body: '   ' }, NOW), 'INVALID');
    expectCode(() => commentOnPost(db, asker, a.id, { body: 'x'.repeat(1001) }, NOW), 'INVALID');
    expectCode(() => commentOnPost(db, null, a.id, { body: 'hola hola' }, NOW), 'UNAUTHORIZED');
    const c = commentOnPost(db, asker, a.id, { body: 'hola hola' }, NOW);
    expectCode(() => deleteComment(db, other, c.id, NOW), 'FORBIDDEN');
    deleteComment(db, asker, c.id, NOW);
    expect(db.select().from(comments).get()!.deletedAt).toBe(NOW);
    expectCode(() => deleteComment(db, asker, c.id, NOW), 'NOT_FOUND');
  });
});

describe('follow and me too', () => {
  it('follows and unfollows; the asker follows on asking and hears about answers', () => {
    const q = askQuestion(db, asker, Q, NOW);
    expect(db.select().from(follows).all().map((f) => f.userId)).toEqual([asker.id]);
    setFollowing(db, other, q.id, true, NOW);
    answerQuestion(db, helper, q.id, A, NOW + 1);
    const told = db.select().from(notifications).where(eq(notifications.type, 'answer.created')).all().map((n) => n.userId).sort();
    expect(told).toEqual([asker.id, other.id].sort());
    setFollowing(db, other, q.id, false, NOW);
    expect(db.select().from(follows).all().map((f) => f.userId).sort()).toEqual([asker.id, helper.id].sort());
    expectCode(() => setFollowing(db, null, q.id, true, NOW), 'UNAUTHORIZED');
  });
  it('counts "me too" once per member and not for the asker', () => {
    const { q } = setup();
    expect(setMeToo(db, other, q.id, true, NOW).meTooCount).toBe(1);
    expect(setMeToo(db, other, q.id, true, NOW).meTooCount).toBe(1);
    expect(setMeToo(db, helper, q.id, true, NOW).meTooCount).toBe(2);
    expect(setMeToo(db, other, q.id, false, NOW).meTooCount).toBe(1);
    expectCode(() => setMeToo(db, asker, q.id, true, NOW), 'FORBIDDEN');
  });
});

describe('editPost', () => {
  it('keeps revisions with a word diff and refuses a stale revision (racing edits)', () => {
    const { q } = setup();
    const e = editPost(db, asker, q.id, { title: 'Router pierde la conexión cada madrugada', body: Q.body, tags: 'router, wifi', revision: 1, note: 'más preciso' }, NOW + 10);
    expect(e).toMatchObject({ revision: 2, changed: true });
    expect(getThread(db, q.id)!.question).toMatchObject({ title: 'Router pierde la conexión cada madrugada', slug: 'router-pierde-la-conexion-cada-madrugada', tags: ['router', 'wifi'] });
    const err = expectCode(() => editPost(db, asker, q.id, { title: 'Otro título distinto aquí', body: Q.body, tags: 'router', revision: 1 }, NOW + 20), 'CONFLICT');
    expect(err.fields).toEqual({ _: 'edit.conflict' });
    const diffs = revisionDiffs(listRevisions(db, q.id));
    expect(diffs).toHaveLength(2);
    expect(diffs[1]!.titleDiff!.filter((p) => p.kind !== 'same').map((p) => [p.kind, p.text])).toEqual([
      ['removed', 'noche'],
      ['added', 'madrugada'],
    ]);
    expect(diffs[1]!.note).toBe('más preciso');
  });
  it('lets authors and curators edit, not other members; an unchanged edit writes nothing', async () => {
    const { a } = setup();
    expectCode(() => editPost(db, other, a.id, { body: 'Otra respuesta completamente distinta.', revision: 1 }, NOW), 'FORBIDDEN');
    const superuser = await createMember(db, 'superuser');
    expect(editPost(db, superuser, a.id, { body: 'Desactiva el reinicio programado en Ajustes > Sistema > Energía.', revision: 1 }, NOW).revision).toBe(2);
    expect(editPost(db, helper, a.id, { body: 'Desactiva el reinicio programado en Ajustes > Sistema > Energía.', revision: 2 }, NOW)).toMatchObject({ changed: false, revision: 2 });
    expectCode(() => editPost(db, helper, a.id, { body: '', revision: 2 }, NOW), 'INVALID');
  });
});

describe('delete and undelete', () => {
  it('soft-deletes an accepted answer (acceptance and count go) and lets the author undelete it', () => {
    const { q, a } = setup();
    acceptAnswer(db, asker, a.id, NOW + 5);
    deletePost(db, helper, a.id, NOW + 6);
    let thread = getThread(db, q.id)!;
    expect(thread.answers).toHaveLength(0);
    expect(thread.acceptedAnswerId).toBeNull();
    expect(thread.question.answerCount).toBe(0);
    expectCode(() => undeletePost(db, other, a.id, NOW), 'FORBIDDEN');
    undeletePost(db, helper, a.id, NOW + 7);
    thread = getThread(db, q.id)!;
    expect(thread.question.answerCount).toBe(1);
  });
  it('deleted questions leave the lists; others cannot delete; moderators undelete and it is audited', async () => {
    const { q } = setup();
    expectCode(() => deletePost(db, other, q.id, NOW), 'FORBIDDEN');
    deletePost(db, asker, q.id, NOW);
    expect(listQuestions(db, {}).items).toHaveLength(0);
    const moderator = await createMember(db, 'moderator');
    undeletePost(db, moderator, q.id, NOW);
    expect(listQuestions(db, {}).items).toHaveLength(1);
  });
});

describe('unacceptAnswer', () => {
  it('removes the accepted answer; only the asker (yet)', () => {
    const { q, a } = setup();
    acceptAnswer(db, asker, a.id, NOW + 5);
    expectCode(() => unacceptAnswer(db, other, a.id, NOW), 'FORBIDDEN');
    unacceptAnswer(db, asker, a.id, NOW + 6);
    expect(getThread(db, q.id)!.acceptedAnswerId).toBeNull();
    expect(unacceptAnswer(db, asker, a.id, NOW + 7)).toEqual({ questionId: q.id, acceptedAnswerId: null });
    expect(db.select().from(notifications).where(eq(notifications.type, 'answer.accepted')).all().map((n) => n.userId)).toEqual([helper.id]);
  });
});

describe('anti-abuse', () => {
  it('new members: one question per 2 minutes and 3 on day one, with Retry-After', async () => {
    const fresh = await createMember(db, 'member', { createdAt: NOW - 1000 });
    db.update(users).set({ postCount: 5 }).where(eq(users.id, fresh.id)).run();
    askQuestion(db, fresh, { ...Q, title: 'Primera pregunta del miembro nuevo' }, NOW);
    const e = expectCode(() => askQuestion(db, fresh, { ...Q, title: 'Segunda pregunta del miembro nuevo' }, NOW + 30_000), 'RATE_LIMITED');
    expect(e.retryAfterS).toBe(90);
    askQuestion(db, fresh, { ...Q, title: 'Segunda pregunta del miembro nuevo' }, NOW + 120_000);
    askQuestion(db, fresh, { ...Q, title: 'Tercera pregunta del miembro nuevo' }, NOW + 240_000);
    const day = expectCode(() => askQuestion(db, fresh, { ...Q, title: 'Cuarta pregunta del miembro nuevo' }, NOW + 360_000), 'RATE_LIMITED');
    expect(day.retryAfterS).toBe(Math.ceil((DAY - 360_000) / 1000));
  });
  it('pre-moderates the first posts of a new account; they are hidden from lists and others', async () => {
    const fresh = await createMember(db, 'member', { createdAt: NOW - 1000 });
    const q = askQuestion(db, fresh, { ...Q, body: 'Mi primera pregunta en el foro, con un cuerpo propio.' }, NOW);
    expect(q.status).toBe('pending');
    expect(listQuestions(db, {}).items).toHaveLength(0);
    const base = setup();
    const a = answerQuestion(db, fresh, base.q.id, { body: 'Respuesta de un miembro recién llegado.' }, NOW + 200_000);
    expect(a.status).toBe('pending');
    expect(getThread(db, base.q.id)!.answers.map((x) => x.id)).toEqual([base.a.id]);
    expect(getThread(db, base.q.id, { id: fresh.id, moderator: false })!.answers.map((x) => x.id).sort()).toEqual([base.a.id, a.id].sort());
    expect(db.select().from(questions).where(eq(questions.id, base.q.id)).get()!.answerCount).toBe(1);
  });
  it('limits links for new members and refuses text another member posted today', async () => {
    const fresh = await createMember(db, 'member', { createdAt: NOW - 1000 });
    const e = expectCode(() => askQuestion(db, fresh, { ...Q, body: 'Mira https://a.example y https://b.example por favor.' }, NOW), 'INVALID');
    expect(e.fields).toEqual({ body: 'field.tooManyLinks' });
    // protocol-relative links lead to other sites as well
    const relative = expectCode(() => askQuestion(db, fresh, { ...Q, body: 'Mira [esto](//a.example/x) y [esto otro](//b.example/y) por favor.' }, NOW), 'INVALID');
    expect(relative.fields).toEqual({ body: 'field.tooManyLinks' });
    askQuestion(db, asker, Q, NOW);
    const dup = expectCode(() => askQuestion(db, other, Q, NOW + 5000), 'CONFLICT');
    expect(dup.fields).toEqual({ body: 'field.duplicateContent' });
    expect(expectCode(() => askQuestion(db, fresh, { ...Q, title: 'Pregunta con etiqueta nueva', tags: 'nueva-etiqueta' }, NOW), 'INVALID').fields).toEqual({ tags: 'field.newTag' });
  });
});

describe('lists', () => {
  it('filters newest, active, unanswered, unsolved, solved, by tag, keyset paged', () => {
    db.update(users).set({ trustLevel: 4 }).where(eq(users.id, asker.id)).run();
    const q1 = askQuestion(db, asker, { ...Q, title: 'Primera pregunta de la lista', tags: 'router' }, NOW);
    const q2 = askQuestion(db, asker, { ...Q, title: 'Segunda pregunta de la lista', body: 'Otro cuerpo distinto para la segunda.', tags: 'wifi' }, NOW + 1000);
    const q3 = askQuestion(db, asker, { ...Q, title: 'Tercera pregunta de la lista', body: 'Otro cuerpo distinto para la tercera.', tags: 'wifi' }, NOW + 2000);
    const a1 = answerQuestion(db, helper, q1.id, A, NOW + 3000);
    answerQuestion(db, helper, q2.id, { body: 'Una respuesta sin aceptar todavía.' }, NOW + 4000);
    acceptAnswer(db, asker, a1.id, NOW + 5000);
    const ids = (filter: string, extra = {}) => listQuestions(db, { filter, ...extra }).items.map((i) => i.id);
    expect(ids('newest')).toEqual([q3.id, q2.id, q1.id]);
    expect(ids('active')).toEqual([q1.id, q2.id, q3.id]);
    expect(ids('unanswered')).toEqual([q3.id]);
    expect(ids('unsolved')).toEqual([q3.id, q2.id]);
    expect(ids('solved')).toEqual([q1.id]);
    expect(ids('newest', { tag: 'wifi' })).toEqual([q3.id, q2.id]);
    const p1 = listQuestions(db, { filter: 'active', limit: 2 });
    expect(p1.items.map((i) => i.id)).toEqual([q1.id, q2.id]);
    expect(listQuestions(db, { filter: 'active', limit: 2, cursor: p1.nextCursor }).items.map((i) => i.id)).toEqual([q3.id]);
  });
});

describe('views', () => {
  it('counts people, not bots, once per visitor and day, and writes in batches', () => {
    const { q } = setup();
    const counter = new ViewCounter({ flushMs: 5000 });
    const firefox = { memberId: null, visitorId: null, ip: '203.0.113.5', userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0' };
    const safari = { memberId: null, visitorId: null, ip: '203.0.113.6', userAgent: 'Mozilla/5.0 Safari/605' };
    expect(counter.recordView(db, q.id, firefox, NOW)).toBe(true);
    expect(counter.recordView(db, q.id, { ...firefox, userAgent: 'Mozilla/5.0 (compatible; Googlebot/2.1)' }, NOW + 1)).toBe(false);
    expect(counter.recordView(db, q.id, safari, NOW + 2)).toBe(true);
    expect(counter.recordView(db, q.id, safari, NOW + 3)).toBe(false);
    expect(getThread(db, q.id)!.question.viewCount).toBe(1);
    counter.recordView(db, q.id, { ...safari, memberId: helper.id }, NOW + 6000);
    expect(getThread(db, q.id)!.question.viewCount).toBe(3);
    expect(isBot('curl/8.0')).toBe(true);
    expect(isBot('')).toBe(true);
  });
});

describe('nudges and sitemap', () => {
  it('nudges the asker once when answers wait unaccepted for 3 days', async () => {
    const { nudgeAskersToAccept, ACCEPT_NUDGE_AFTER_MS } = await import('../../../src/lib/community/nudge-askers');
    const { q } = setup();
    expect(nudgeAskersToAccept(db, NOW + ACCEPT_NUDGE_AFTER_MS)).toBe(0);
    expect(nudgeAskersToAccept(db, NOW + ACCEPT_NUDGE_AFTER_MS + 2000)).toBe(1);
    expect(nudgeAskersToAccept(db, NOW + 2 * ACCEPT_NUDGE_AFTER_MS)).toBe(0);
    expect(db.select().from(notifications).where(eq(notifications.type, 'accept.nudge')).all().map((n) => [n.userId, n.questionId])).toEqual([[asker.id, q.id]]);
  });
  it('lists indexable threads with lastmod; old unanswered and deleted ones are left out', async () => {
    const { sitemapThreads, threadsSitemap } = await import('../../../src/lib/community/sitemap');
    const { q } = setup();
    const lonely = askQuestion(db, other, { ...Q, title: 'Pregunta sin respuestas todavía', body: 'Nadie me responde en este foro.' }, NOW);
    const gone = askQuestion(db, other, { ...Q, title: 'Pregunta que se va a borrar', body: 'Esta pregunta se elimina enseguida.' }, NOW);
    deletePost(db, other, gone.id, NOW);
    expect(sitemapThreads(db, NOW + 1000).map((r) => r.id)).toEqual([q.id, lonely.id]);
    expect(sitemapThreads(db, NOW + 31 * DAY).map((r) => r.id)).toEqual([q.id]);
    expect(threadsSitemap(db, 'https://x.test', NOW)).toContain(`<loc>https://x.test/es/questions/${q.id}/router-pierde-la-conexion-cada-noche</loc><lastmod>${new Date(NOW + 1000).toISOString()}</lastmod>`);
  });
});
