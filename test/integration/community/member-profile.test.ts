import { beforeEach, describe, expect, it } from 'vitest';
import type { SqliteDb } from '../../../db/client';
import { tags } from '../../../db/schema/index';
import { acceptAnswer } from '../../../src/lib/community/accept-answer';
import { answerQuestion } from '../../../src/lib/community/answer-question';
import { askQuestion } from '../../../src/lib/community/ask-question';
import { getMemberProfile } from '../../../src/lib/community/member-profile';
import { moderateContent } from '../../../src/lib/moderation/moderate';
import type { Actor } from '../../../src/lib/auth/sessions';
import { createCategory, createMember, createTestDb } from '../../helpers/db';
import { HOUR } from '../../helpers/time';

let db: SqliteDb;
const NOW = Date.UTC(2026, 10, 20, 12);
let n = 0;
const ask = (who: Actor, at: number) => askQuestion(db, who, { title: `Pregunta número ${++n} sobre el router`, body: 'Desde hace una semana se desconecta a las 3 de la mañana.', category: 'internet', tags: 'router', locale: 'es' }, at);

beforeEach(() => {
  db = createTestDb();
  createCategory(db, 'internet');
  db.insert(tags).values([{ name: 'router' }]).run();
});

describe('member profile', () => {
  it('counts and lists only public posts, newest first, accepted answers marked and listed apart', async () => {
    const member = await createMember(db);
    const asker = await createMember(db);
    const moderator = await createMember(db, 'moderator');
    // 13 answers by the member, one an hour; the 2nd, 5th, 8th and 11th accepted.
    const answers: { id: number; questionId: number }[] = [];
    for (let i = 0; i < 13; i++) {
      const q = ask(asker, NOW + i * HOUR);
      const a = answerQuestion(db, member, q.id, { body: `Reinicia el router y espera ${i} minutos.` }, NOW + i * HOUR + 60_000);
      answers.push({ id: a.id, questionId: q.id });
      if (i % 3 === 1) acceptAnswer(db, asker, a.id, NOW + i * HOUR + 120_000);
    }
    // Not public: an answer hidden by a moderator (accepted), and an answer in a hidden thread.
    moderateContent(db, moderator, { type: 'answer', id: answers[10]!.id }, 'hide', { reason: 'spam' }, NOW + 20 * HOUR);
    moderateContent(db, moderator, { type: 'question', id: answers[12]!.questionId }, 'hide', { reason: 'spam' }, NOW + 20 * HOUR);
    const mine = ask(member, NOW + 21 * HOUR);
    const hiddenMine = ask(member, NOW + 22 * HOUR);
    moderateContent(db, moderator, { type: 'question', id: hiddenMine.id }, 'hide', { reason: 'spam' }, NOW + 23 * HOUR);

    const profile = getMemberProfile(db, member.id, 5)!;
    expect(profile.counts).toEqual({ questions: 1, answers: 11, accepted: 3 });
    const publicAnswers = answers.filter((_, i) => i !== 10 && i !== 12).reverse();
    expect(profile.answers.map((a) => [a.id, a.questionId, a.accepted])).toEqual(publicAnswers.slice(0, 5).map((a) => [a.id, a.questionId, [1, 4, 7].includes(answers.indexOf(a))]));
    expect(profile.accepted.map((a) => a.id)).toEqual([answers[7]!.id, answers[4]!.id, answers[1]!.id]);
    expect(profile.answers[0]).toMatchObject({ title: 'Pregunta número 12 sobre el router', locale: 'es', score: 0 });
    expect(profile.answers[0]!.slug).toMatch(/^pregunta-numero-12/);
    expect(profile.questions.map((q) => [q.id, q.tags])).toEqual([[mine.id, ['router']]]);
  });

  it('shows a member without posts with zero counts and empty lists, and no one for an unknown id', async () => {
    const member = await createMember(db);
    expect(getMemberProfile(db, member.id)).toMatchObject({ id: member.id, counts: { questions: 0, answers: 0, accepted: 0 }, questions: [], answers: [], accepted: [] });
    expect(getMemberProfile(db, member.id + 100)).toBeNull();
  });
});
