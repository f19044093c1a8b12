import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SqliteDb } from '../../../db/client';
import { flags, mails, moderationActions, notifications, questions, sessions, tags, users } from '../../../db/schema/index';
import { answerQuestion } from '../../../src/lib/community/answer-question';
import { askQuestion } from '../../../src/lib/community/ask-question';
import { commentOnPost } from '../../../src/lib/community/comment-post';
import { getThread } from '../../../src/lib/community/get-thread';
import { listQuestions } from '../../../src/lib/community/list-questions';
import { votePost } from '../../../src/lib/community/vote-post';
import type { Actor } from '../../../src/lib/auth/sessions';
import { createSession } from '../../../src/lib/auth/sessions';
import { listModerationActions } from '../../../src/lib/moderation/audit';
import { flagQueueAccess } from '../../../src/lib/moderation/commands';
import { AUTO_HIDE_FLAGS, flagContent, moderationQueue, pendingPosts, resolveFlags } from '../../../src/lib/moderation/flags';
import { addTagSynonym, CLOSE_VOTES_NEEDED, closeAsDuplicate, moderateContent, moderateThread, moveThread, retagThread, suspendMember, unsuspendMember } from '../../../src/lib/moderation/moderate';
import { runNotificationJobs } from '../../../src/lib/jobs/notification-jobs';
import { savePreferences, sendNotificationMails, unreadCount, markNotificationsRead } from '../../../src/lib/notifications/notify';
import { createCategory, createMember, createTestDb } from '../../helpers/db';
import { createReputedMember, grantReputation } from '../../helpers/reputation';
import { expectCode } from '../../helpers/errors';
import { DAY, NOW } from '../../helpers/time';

let db: SqliteDb;
let asker: Actor;
let helper: Actor;
let moderator: Actor;
const Q = { title: 'Router pierde la conexión cada noche', body: 'Desde hace una semana se desconecta a las 3 de la mañana.', category: 'internet', tags: 'router', locale: 'es' };

async function trusted(n: number): Promise<Actor[]> {
  const list: Actor[] = [];
  for (let i = 0; i < n; i++) {
    const m = await createReputedMember(db);
    db.update(users).set({ trustLevel: 2 }).where(eq(users.id, m.id)).run();
    list.push(m);
  }
  return list;
}

beforeEach(async () => {
  db = createTestDb();
  createCategory(db, 'internet');
  createCategory(db, 'billing');
  db.insert(tags).values([{ name: 'router' }]).run();
  asker = await createReputedMember(db);
  helper = await createReputedMember(db);
  moderator = await createMember(db, 'moderator');
});

describe('flags', () => {
  it('hides a post automatically at N flags from trusted members, audits it and tells the author', async () => {
    const q = askQuestion(db, asker, Q, NOW);
    const a = answerQuestion(db, helper, q.id, { body: 'Compra mis pastillas baratas en la web.' }, NOW + 1);
    const untrusted = await createReputedMember(db);
    expect(flagContent(db, untrusted, { type: 'answer', id: a.id }, { reason: 'spam' }, NOW).hidden).toBe(false);
    const flaggers = await trusted(AUTO_HIDE_FLAGS);
    const results = flaggers.map((f) => flagContent(db, f, { type: 'answer', id: a.id }, { reason: 'spam', note: 'publicidad' }, NOW + 2));
    expect(results.map((r) => r.hidden)).toEqual([false, false, true]);
    expect(getThread(db, q.id)!.answers).toHaveLength(0);
    expect(getThread(db, q.id)!.question.answerCount).toBe(1);
    expect(db.select().from(moderationActions).all().map((m) => [m.actorId, m.action])).toEqual([[null, 'auto-hide']]);
    expect(db.select().from(notifications).where(eq(notifications.type, 'moderation.outcome')).all().map((n) => n.userId)).toEqual([helper.id]);
  });
  it('one flag per member; not on your own post; reasons validated', async () => {
    const q = askQuestion(db, asker, Q, NOW);
    const first = flagContent(db, helper, { type: 'question', id: q.id }, { reason: 'off-topic' }, NOW);
    expect(flagContent(db, helper, { type: 'question', id: q.id }, { reason: 'spam' }, NOW)).toEqual({ ...first, created: false });
    expect(expectCode(() => flagContent(db, asker, { type: 'question', id: q.id }, { reason: 'spam' }, NOW), 'FORBIDDEN').fields).toEqual({ _: 'flag.own' });
    expectCode(() => flagContent(db, helper, { type: 'question', id: q.id }, { reason: 'boring' }, NOW), 'INVALID');
    expectCode(() => flagContent(db, null, { type: 'question', id: q.id }, { reason: 'spam' }, NOW), 'UNAUTHORIZED');
    expectCode(() => flagContent(db, helper, { type: 'answer', id: q.id }, { reason: 'spam' }, NOW), 'NOT_FOUND');
    expect(db.select().from(flags).all()).toHaveLength(1);
  });
  it('queues flagged content with counts per reason; moderators uphold or dismiss, members cannot', async () => {
    const q = askQuestion(db, asker, Q, NOW);
    const c = commentOnPost(db, asker, q.id, { body: 'Comentario grosero aquí' }, NOW);
    const [f1, f2] = await trusted(2);
    flagContent(db, f1!, { type: 'comment', id: c.id }, { reason: 'offensive' }, NOW);
    flagContent(db, f2!, { type: 'comment', id: c.id }, { reason: 'offensive' }, NOW);
    flagContent(db, f1!, { type: 'question', id: q.id }, { reason: 'urgent' }, NOW);
    const queue = moderationQueue(db);
    expect(queue.items.map((i) => [i.targetType, i.flagCount])).toEqual([
      ['comment', 2],
      ['question', 1],
    ]);
    expect(queue.counts).toMatchObject({ offensive: 2, urgent: 1, spam: 0 });
    // a category moderator's queue holds the threads of their categories only
    const categoryId = db.select({ id: questions.categoryId }).from(questions).where(eq(questions.id, q.id)).get()!.id;
    expect(moderationQueue(db, { categoryIds: [categoryId] }).items).toHaveLength(2);
    const elsewhere = moderationQueue(db, { categoryIds: [categoryId + 1000] });
    expect([elsewhere.items.length, elsewhere.counts.offensive, elsewhere.counts.urgent]).toEqual([0, 0, 0]);
    expectCode(() => resolveFlags(db, helper, { type: 'comment', id: c.id }, 'upheld', NOW), 'FORBIDDEN');
    expect(resolveFlags(db, moderator, { type: 'comment', id: c.id }, 'upheld', NOW, 'insulto')).toEqual({ resolved: 2, status: 'hidden' });
    expect(resolveFlags(db, moderator, { type: 'question', id: q.id }, 'dismissed', NOW)).toEqual({ resolved: 1, status: 'published' });
    expect(moderationQueue(db).items).toHaveLength(0);
    expect(listModerationActions(db).items.map((a) => a.action)).toEqual(['flags.dismissed', 'flags.upheld']);
  });
});

describe('privileges earned by reputation in moderation', () => {
  it('flagging takes the flag privilege: refused below it with the threshold and what is missing', async () => {
    const q = askQuestion(db, asker, Q, NOW);
    const newcomer = await createMember(db);
    const error = expectCode(() => flagContent(db, newcomer, { type: 'question', id: q.id }, { reason: 'spam' }, NOW), 'FORBIDDEN');
    expect(error.fields).toEqual({ _: 'privilege.needs.flag' });
    expect(error.fieldVars).toEqual({ _: { threshold: 15, missing: 15 } });
    expect(db.select().from(flags).all()).toHaveLength(0);
    grantReputation(db, newcomer.id, 15);
    expect(flagContent(db, newcomer, { type: 'question', id: q.id }, { reason: 'spam' }, NOW).created).toBe(true);
  });

  it('the flag queue: moderators with tools; members from seeFlagQueue read-only; others refused with the privilege', async () => {
    const q = askQuestion(db, asker, Q, NOW);
    flagContent(db, helper, { type: 'question', id: q.id }, { reason: 'spam' }, NOW);
    expect(flagQueueAccess(db, moderator, NOW)).toEqual({ scope: null, readOnly: false });
    expect(expectCode(() => flagQueueAccess(db, helper, NOW), 'FORBIDDEN').fields).toEqual({ _: 'privilege.needs.seeFlagQueue' });
    grantReputation(db, helper.id, 5000);
    expect(flagQueueAccess(db, helper, NOW)).toEqual({ scope: null, readOnly: true });
    expectCode(() => resolveFlags(db, helper, { type: 'question', id: q.id }, 'dismissed', NOW), 'FORBIDDEN');
    expectCode(() => flagQueueAccess(db, null, NOW), 'UNAUTHORIZED');
  });
});

describe('moderating content and threads', () => {
  it('approves and rejects pre-moderated posts; approving publishes and notifies followers', async () => {
    const fresh = await createMember(db, 'member', { createdAt: NOW - 1000 });
    const q = askQuestion(db, asker, Q, NOW);
    const a = answerQuestion(db, fresh, q.id, { body: 'Respuesta de un miembro recién llegado.' }, NOW + 1);
    expect(pendingPosts(db).map((p) => p.id)).toEqual([a.id]);
    const categoryId = db.select({ id: questions.categoryId }).from(questions).where(eq(questions.id, q.id)).get()!.id;
    expect(pendingPosts(db, { categoryIds: [categoryId] }).map((p) => p.id)).toEqual([a.id]);
    expect(pendingPosts(db, { categoryIds: [categoryId + 1000] })).toEqual([]);
    expect(moderationQueue(db, { categoryIds: [categoryId] }).pending).toBe(1);
    expect(moderationQueue(db, { categoryIds: [categoryId + 1000] }).pending).toBe(0);
    expect(db.select().from(notifications).where(eq(notifications.type, 'answer.created')).all()).toHaveLength(0);
    expectCode(() => moderateContent(db, helper, { type: 'answer', id: a.id }, 'approve', {}, NOW), 'FORBIDDEN');
    moderateContent(db, moderator, { type: 'answer', id: a.id }, 'approve', { reason: 'ok' }, NOW + 2);
    expect(getThread(db, q.id)!.answers.map((x) => x.id)).toEqual([a.id]);
    expect(getThread(db, q.id)!.question.answerCount).toBe(1);
    expect(db.select().from(notifications).where(eq(notifications.type, 'answer.created')).all().map((n) => n.userId)).toEqual([asker.id]);
    expectCode(() => moderateContent(db, moderator, { type: 'answer', id: a.id }, 'approve', {}, NOW), 'CONFLICT');
    moderateContent(db, moderator, { type: 'answer', id: a.id }, 'hide', {}, NOW + 3);
    expect(getThread(db, q.id)!.question.answerCount).toBe(0);
    moderateContent(db, moderator, { type: 'answer', id: a.id }, 'restore', {}, NOW + 4);
    expect(getThread(db, q.id)!.question.answerCount).toBe(1);
  });
  it('locks (no answers, comments, votes), pins, moves and retags, all audited', () => {
    const q = askQuestion(db, asker, Q, NOW);
    expectCode(() => moderateThread(db, helper, q.id, 'lock', {}, NOW), 'FORBIDDEN');
    moderateThread(db, moderator, q.id, 'lock', { reason: 'resuelto por soporte' }, NOW);
    expectCode(() => answerQuestion(db, helper, q.id, { body: 'Una respuesta a un hilo cerrado.' }, NOW), 'FORBIDDEN');
    expectCode(() => commentOnPost(db, helper, q.id, { body: 'comentario' }, NOW), 'FORBIDDEN');
    expectCode(() => votePost(db, helper, q.id, { value: 1 }, NOW), 'FORBIDDEN');
    moderateThread(db, moderator, q.id, 'unlock', {}, NOW);
    moderateThread(db, moderator, q.id, 'pin', {}, NOW);
    moveThread(db, moderator, q.id, { category: 'billing' }, NOW);
    expect(retagThread(db, moderator, q.id, ['Facturas', 'router'].map((x) => x.toLowerCase()), NOW).tags).toEqual(['facturas', 'router']);
    const thread = getThread(db, q.id)!;
    expect(thread.question).toMatchObject({ pinnedAt: NOW, lockedAt: null, category: { slug: 'billing' }, tags: ['facturas', 'router'] });
    expectCode(() => moveThread(db, moderator, q.id, { category: 'nope' }, NOW), 'INVALID');
    expect(listModerationActions(db).items.map((a) => a.action)).toEqual(['retag', 'move', 'pin', 'unlock', 'lock']);
  });
  it('closes as duplicate directly (moderator) or by trusted members’ votes', async () => {
    const original = askQuestion(db, asker, Q, NOW);
    const dup = askQuestion(db, helper, { ...Q, title: 'El router se desconecta por la noche', body: 'Se me corta la fibra de madrugada, ¿qué hago?' }, NOW + 1);
    const voters = await trusted(CLOSE_VOTES_NEEDED);
    expectCode(() => closeAsDuplicate(db, asker, dup.id, original.id, NOW), 'FORBIDDEN');
    expectCode(() => closeAsDuplicate(db, moderator, dup.id, dup.id, NOW), 'INVALID');
    const r = voters.map((v) => closeAsDuplicate(db, v, dup.id, original.id, NOW + 2));
    expect(r.map((x) => x.closed)).toEqual([false, false, true]);
    expect(getThread(db, dup.id)!.question).toMatchObject({ duplicateOfId: original.id, closedAt: NOW + 2 });
    expect(listQuestions(db, { filter: 'unsolved' }).items.map((i) => i.id)).toEqual([original.id]);
    moderateThread(db, moderator, dup.id, 'reopen', {}, NOW + 3);
    expect(getThread(db, dup.id)!.question.closedAt).toBeNull();
    answerQuestion(db, moderator, dup.id, { body: 'Una respuesta en el duplicado que se fusiona.' }, NOW + 4);
    expect(closeAsDuplicate(db, moderator, dup.id, original.id, NOW + 5, { merge: true })).toMatchObject({ closed: true, merged: 1 });
    expect(getThread(db, original.id)!.question.answerCount).toBe(1);
    expect(getThread(db, dup.id)!.question.answerCount).toBe(0);
  });
  it('suspends with a reason and duration (signing the member out), and lifts it; roles protect moderators and admins', async () => {
    createSession(db, helper.id, NOW);
    const r = suspendMember(db, moderator, helper.id, { reason: 'spam repetido', days: 3 }, NOW);
    expect(r.suspendedUntil).toBe(NOW + 3 * DAY);
    expect(db.select().from(users).where(eq(users.id, helper.id)).get()).toMatchObject({ suspendedUntil: NOW + 3 * DAY, suspendedReason: 'spam repetido' });
    expect(db.select().from(sessions).where(eq(sessions.userId, helper.id)).all()).toHaveLength(0);
    expectCode(() => askQuestion(db, { ...helper, suspendedUntil: NOW + 3 * DAY }, { ...Q, title: 'Pregunta de un suspendido' }, NOW + 1), 'FORBIDDEN');
    expectCode(() => suspendMember(db, moderator, helper.id, { reason: '', days: 3 }, NOW), 'INVALID');
    for (const days of [true, '1', [1], null, 1.5]) {
      expect(expectCode(() => suspendMember(db, moderator, helper.id, { reason: 'spam', days }, NOW), 'INVALID').fields, JSON.stringify(days)).toEqual({ days: 'field.invalid' });
    }
    const otherMod = await createMember(db, 'moderator');
    const admin = await createMember(db, 'admin');
    expectCode(() => suspendMember(db, moderator, otherMod.id, { reason: 'x', days: 1 }, NOW), 'FORBIDDEN');
    expectCode(() => suspendMember(db, otherMod, admin.id, { reason: 'x', days: 1 }, NOW), 'FORBIDDEN');
    expectCode(() => suspendMember(db, asker, helper.id, { reason: 'x', days: 1 }, NOW), 'FORBIDDEN');
    unsuspendMember(db, moderator, helper.id, NOW + 10);
    expect(db.select().from(users).where(eq(users.id, helper.id)).get()!.suspendedUntil).toBeNull();
    expect(listModerationActions(db, { target: { type: 'user', id: helper.id } }).items.map((a) => a.action)).toEqual(['unsuspend', 'suspend']);
  });
});

describe('tag synonyms', () => {
  it('moves threads from the synonym to the tag; asking and filtering with the synonym use the tag', async () => {
    const q = askQuestion(db, asker, { ...Q, tags: 'wlan' }, NOW);
    expectCode(() => addTagSynonym(db, helper, { synonym: 'wlan', tag: 'wifi' }, NOW), 'FORBIDDEN');
    expectCode(() => addTagSynonym(db, moderator, { synonym: 'wifi', tag: 'wifi' }, NOW), 'INVALID');
    expect(addTagSynonym(db, moderator, { synonym: 'wlan', tag: 'wifi', description: 'Redes inalámbricas' }, NOW)).toEqual({ synonym: 'wlan', tag: 'wifi', moved: 1 });
    expect(getThread(db, q.id)!.question.tags).toEqual(['wifi']);
    expect(listQuestions(db, { tag: 'wlan' }).items.map((i) => i.id)).toEqual([q.id]);
    const q2 = askQuestion(db, asker, { ...Q, title: 'Otra pregunta sobre la red inalámbrica', body: 'Un cuerpo distinto para esta.', tags: 'wlan' }, NOW + 1);
    expect(getThread(db, q2.id)!.question.tags).toEqual(['wifi']);
  });
});

describe('notification mail', () => {
  it('mails instantly by default, as a digest for daily members, never for "never"; unread count and mark read', async () => {
    const q = askQuestion(db, asker, Q, NOW);
    const daily = await createReputedMember(db);
    const never = await createReputedMember(db);
    savePreferences(db, daily.id, { emailFrequency: 'daily', mutedTypes: [] });
    savePreferences(db, never.id, { emailFrequency: 'never', mutedTypes: [] });
    for (const m of [daily, never]) db.insert((await import('../../../db/schema/index')).follows).values({ questionId: q.id, userId: m.id, createdAt: NOW }).run();
    answerQuestion(db, helper, q.id, { body: 'Primera respuesta con bastante texto.' }, NOW + 1);
    answerQuestion(db, moderator, q.id, { body: 'Segunda respuesta con bastante texto.' }, NOW + 2);
    expect(unreadCount(db, daily.id)).toBe(2);
    // asker ×2, helper ×1 (answerers follow the thread), one digest for the daily member
    expect(sendNotificationMails(db, { siteUrl: 'https://x.test', now: NOW + 3 })).toBe(4);
    const sent = db.select().from(mails).all();
    expect(sent.filter((m) => m.to === asker.email)).toHaveLength(2);
    expect(sent.filter((m) => m.to === daily.email).map((m) => m.subject)).toEqual(['Tu resumen diario de Resuelve: 2 novedades']);
    expect(sent.filter((m) => m.to === never.email)).toHaveLength(0);
    expect(sent[0]!.text).toContain(`https://x.test/es/questions/${q.id}/`);
    expect(sendNotificationMails(db, { siteUrl: 'https://x.test', now: NOW + 4 })).toBe(0);
    expect(markNotificationsRead(db, daily.id, NOW + 5)).toBe(2);
    expect(unreadCount(db, daily.id)).toBe(0);
  });
  it('runs the periodic jobs: accept reminders, then their mail', () => {
    const q = askQuestion(db, asker, Q, NOW);
    answerQuestion(db, helper, q.id, { body: 'Una respuesta que nadie acepta.' }, NOW + 1);
    expect(runNotificationJobs(db, { siteUrl: 'https://x.test', now: NOW + 2 })).toEqual({ nudged: 0, mails: 1 });
    expect(runNotificationJobs(db, { siteUrl: 'https://x.test', now: NOW + 4 * DAY })).toEqual({ nudged: 1, mails: 1 });
    expect(db.select().from(mails).all().map((m) => m.subject).at(-1)).toMatch(/^¿Alguna respuesta resolvió/);
  });
  it('respects muted types', async () => {
    const q = askQuestion(db, asker, Q, NOW);
    savePreferences(db, asker.id, { emailFrequency: 'instant', mutedTypes: ['answer.created'] });
    answerQuestion(db, helper, q.id, { body: 'Una respuesta que no se notifica.' }, NOW + 1);
    expect(unreadCount(db, asker.id)).toBe(0);
  });
});
