import { beforeEach, describe, expect, it } from 'vitest';
import type { SqliteDb } from '../../../db/client';
import { eq } from 'drizzle-orm';
import { acceptedAnswers, outbox, questions, users } from '../../../db/schema/index';
import { acceptAnswer } from '../../../src/lib/community/accept-answer';
import { answerQuestion } from '../../../src/lib/community/answer-question';
import { askQuestion, DOUBLE_SUBMIT_WINDOW_MS } from '../../../src/lib/community/ask-question';
import { getThread } from '../../../src/lib/community/get-thread';
import { listQuestions } from '../../../src/lib/community/list-questions';
import { ACCEPT_ON_BEHALF_DELAY_MS } from '../../../src/lib/auth/permissions';
import type { Actor } from '../../../src/lib/auth/sessions';
import { createCategory, createMember, createTestDb } from '../../helpers/db';
import { expectCode } from '../../helpers/errors';
import { NOW } from '../../helpers/time';

let db: SqliteDb;
let asker: Actor;
let helper: Actor;
const QUESTION = {
  title: '¿Cómo cambio la contraseña del wifi?',
  body: 'Tengo el router de fibra y no encuentro dónde cambiar la clave. <script>alert(1)</script>',
  category: 'internet',
  tags: 'wifi, router',
  locale: 'es',
};
const ANSWER = { body: 'Entra en http://192.168.1.1 con el usuario admin y ve a **Wi-Fi → Seguridad**.' };

beforeEach(async () => {
  db = createTestDb();
  createCategory(db, 'internet');
  asker = await createMember(db);
  helper = await createMember(db);
});

describe('askQuestion', () => {
  it('stores the question with rendered, safe HTML, tags, a first revision and an outbox message', () => {
    const q = askQuestion(db, asker, QUESTION, NOW);
    expect(q).toMatchObject({ slug: 'como-cambio-la-contrasena-del-wifi', locale: 'es', created: true });
    const thread = getThread(db, q.id)!;
    expect(thread.question.bodyHtml).toContain('&lt;script&gt;');
    expect(thread.question.bodyHtml).not.toContain('<script');
    expect(thread.question.tags).toEqual(['router', 'wifi']);
    expect(db.select().from(outbox).all().map((o) => [o.topic, o.payload])).toEqual([['question.changed', { questionId: q.id }]]);
  });
  it('returns the first question on an identical double submit, and creates a new one after the window', () => {
    const a = askQuestion(db, asker, QUESTION, NOW);
    const b = askQuestion(db, asker, { ...QUESTION, title: `  ${QUESTION.title}  ` }, NOW + 2000);
    expect(b).toEqual({ ...a, created: false });
    const c = askQuestion(db, asker, QUESTION, NOW + DOUBLE_SUBMIT_WINDOW_MS + 1);
    expect(c.id).not.toBe(a.id);
    expect(db.select().from(questions).all()).toHaveLength(2);
  });
  it('rejects anonymous askers, unknown categories and invalid fields without writing', () => {
    expectCode(() => askQuestion(db, null, QUESTION, NOW), 'UNAUTHORIZED');
    const e = expectCode(() => askQuestion(db, asker, { ...QUESTION, category: 'nope' }, NOW), 'INVALID');
    expect(e.fields).toEqual({ category: 'field.unknownCategory' });
    expectCode(() => askQuestion(db, asker, { ...QUESTION, body: 'x'.repeat(30001) }, NOW), 'INVALID');
    expectCode(() => askQuestion(db, asker, 'not an object', NOW), 'INVALID');
    expect(db.select().from(questions).all()).toHaveLength(0);
  });
});

describe('answerQuestion and acceptAnswer', () => {
  it('walks the skeleton: ask → answer → accept → solved', () => {
    const q = askQuestion(db, asker, QUESTION, NOW);
    const a = answerQuestion(db, helper, q.id, ANSWER, NOW + 1000);
    expect(getThread(db, q.id)!.question.answerCount).toBe(1);
    acceptAnswer(db, asker, a.id, NOW + 2000, q.id);
    const thread = getThread(db, q.id)!;
    expect(thread.acceptedAnswerId).toBe(a.id);
    expect(thread.answers[0]).toMatchObject({ id: a.id, accepted: true });
    expect(thread.answers[0]!.bodyHtml).toContain('rel="nofollow ugc noopener"');
    expect(listQuestions(db, { filter: 'solved' }).items.map((i) => i.id)).toEqual([q.id]);
    expect(listQuestions(db, { filter: 'unanswered' }).items).toHaveLength(0);
  });
  it('lets the asker change the accepted answer; the schema keeps one per question', () => {
    const q = askQuestion(db, asker, QUESTION, NOW);
    const a1 = answerQuestion(db, helper, q.id, ANSWER, NOW + 1);
    const a2 = answerQuestion(db, helper, q.id, { body: 'Otra forma: desde la app de Nubia, en Ajustes > Wi-Fi.' }, NOW + 2);
    acceptAnswer(db, asker, a1.id, NOW + 3);
    acceptAnswer(db, asker, a2.id, NOW + 4);
    expect(db.select().from(acceptedAnswers).all()).toEqual([{ questionId: q.id, answerId: a2.id, acceptedBy: asker.id, acceptedAt: NOW + 4 }]);
    expect(() => db.insert(acceptedAnswers).values({ questionId: q.id, answerId: a1.id, acceptedBy: asker.id, acceptedAt: 0 }).run()).toThrow(/UNIQUE|PRIMARY/);
  });
  it('refuses other members, and staff before the delay', async () => {
    const q = askQuestion(db, asker, QUESTION, NOW);
    const a = answerQuestion(db, helper, q.id, ANSWER, NOW + 1);
    expectCode(() => acceptAnswer(db, helper, a.id, NOW + 2), 'FORBIDDEN');
    expectCode(() => acceptAnswer(db, null, a.id, NOW + 2), 'UNAUTHORIZED');
    const moderator = await createMember(db, 'moderator');
    expectCode(() => acceptAnswer(db, moderator, a.id, NOW + 2), 'FORBIDDEN');
    acceptAnswer(db, moderator, a.id, NOW + ACCEPT_ON_BEHALF_DELAY_MS);
    expect(getThread(db, q.id)!.acceptedAnswerId).toBe(a.id);
  });
  it('refuses an answer of another question and unknown ids', () => {
    const q1 = askQuestion(db, asker, QUESTION, NOW);
    const q2 = askQuestion(db, asker, { ...QUESTION, title: 'Otra pregunta distinta sobre el wifi' }, NOW);
    const a = answerQuestion(db, helper, q1.id, ANSWER, NOW + 1);
    expectCode(() => acceptAnswer(db, asker, a.id, NOW + 2, q2.id), 'INVALID');
    expectCode(() => acceptAnswer(db, asker, 999, NOW + 2), 'NOT_FOUND');
    expectCode(() => answerQuestion(db, helper, 999, ANSWER, NOW), 'NOT_FOUND');
    expectCode(() => answerQuestion(db, null, q1.id, ANSWER, NOW), 'UNAUTHORIZED');
    expectCode(() => answerQuestion(db, helper, q1.id, { body: '   ' }, NOW), 'INVALID');
  });
  it('returns the first answer on a double submit', () => {
    const q = askQuestion(db, asker, QUESTION, NOW);
    const a = answerQuestion(db, helper, q.id, ANSWER, NOW + 1);
    expect(answerQuestion(db, helper, q.id, ANSWER, NOW + 500)).toEqual({ ...a, created: false });
    expect(getThread(db, q.id)!.answers).toHaveLength(1);
  });
});

describe('listQuestions', () => {
  it('pages with a keyset cursor, newest first, with no gaps or repeats', () => {
    // A trusted member: 45 questions in 15 s would hit the posting limits of a regular one.
    db.update(users).set({ trustLevel: 4 }).where(eq(users.id, asker.id)).run();
    for (let i = 0; i < 45; i++) askQuestion(db, asker, { ...QUESTION, title: `Pregunta número ${i} sobre el wifi` }, NOW + Math.floor(i / 3) * 1000);
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const page = listQuestions(db, { cursor, limit: 10 });
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(45);
    expect(new Set(seen).size).toBe(45);
    const created = seen.map((id) => getThread(db, id)!.question.createdAt);
    expect([...created].sort((a, b) => b - a)).toEqual(created);
  });
});
