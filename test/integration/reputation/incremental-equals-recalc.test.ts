import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { tags } from '../../../db/schema/index';
import { acceptAnswer, unacceptAnswer } from '../../../src/lib/community/accept-answer';
import { answerQuestion } from '../../../src/lib/community/answer-question';
import { askQuestion } from '../../../src/lib/community/ask-question';
import { deletePost, undeletePost } from '../../../src/lib/community/delete-post';
import { editPost, listRevisions } from '../../../src/lib/community/edit-post';
import { votePost } from '../../../src/lib/community/vote-post';
import type { Actor } from '../../../src/lib/auth/sessions';
import { DomainError } from '../../../src/lib/errors';
import { moderateContent, suspendMember, unsuspendMember } from '../../../src/lib/moderation/moderate';
import { runAntiGaming } from '../../../src/lib/reputation/jobs';
import { recalcScores } from '../../../src/lib/reputation/recalc';
import { createCategory, createMember, createTestDb } from '../../helpers/db';
import { grantReputation } from '../../helpers/reputation';
import { DAY, HOUR } from '../../helpers/time';

const START = Date.UTC(2026, 9, 27, 9);
const TAGS = ['router', 'fibra', 'factura', 'movil'];

/**
 * A seeded day-by-day life of a small community through the use cases only: questions in two locales, categories and
 * tags, answers, votes up and down, changed and retracted votes, acceptances moved and removed, edits that change a
 * question's tags, deletions and undeletions, hiding and restoring, suspensions, serial voting reversed by its job.
 * After every few events the live counters (with the ranking scopes drained) must equal a rebuild from the ledger.
 */
describe('incremental counters equal a recalculation over a realistic sequence of events', () => {
  it('holds after every tenth event over 600 events spanning month and week boundaries', async () => {
    const db = createTestDb();
    createCategory(db, 'internet');
    createCategory(db, 'billing');
    db.insert(tags).values(TAGS.map((name) => ({ name }))).run();
    const members: Actor[] = [];
    for (let i = 0; i < 8; i++) members.push(await createMember(db, 'member', { createdAt: START - 30 * DAY }));
    const moderator = await createMember(db, 'moderator');
    // Enough to vote down, flag and comment: earned before the sequence.
    for (const m of members.slice(0, 5)) grantReputation(db, m.id, 200, START - DAY);

    let seed = 20261203;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const questionsAsked: number[] = [];
    const answersGiven: { id: number; questionId: number }[] = [];
    const counts = new Map<string, number>();
    let now = START;
    const attempt = (kind: string, run: () => unknown) => {
      try {
        run();
        counts.set(kind, (counts.get(kind) ?? 0) + 1);
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
      }
    };
    const check = (step: number) => {
      const report = recalcScores(db);
      expect({ step, differences: report.differences, examples: report.examples }).toEqual({ step, differences: 0, examples: [] });
    };

    for (let step = 1; step <= 600; step++) {
      now += Math.floor(rand() * 3 * HOUR) + 1000;
      const actor = pick(members);
      const r = rand();
      if (r < 0.12 || questionsAsked.length < 3) {
        attempt('ask', () => {
          const locale = rand() < 0.5 ? 'es' : 'en';
          const q = askQuestion(db, actor, { title: `Pregunta número ${step} sobre la conexión`, body: `Detalles de la pregunta ${step}, con bastante texto para pasar.`, category: rand() < 0.5 ? 'internet' : 'billing', locale, tags: [pick(TAGS), pick(TAGS)].join(',') }, now);
          questionsAsked.push(q.id);
        });
      } else if (r < 0.3) {
        attempt('answer', () => {
          const questionId = pick(questionsAsked);
          const a = answerQuestion(db, actor, questionId, { body: `Respuesta ${step}: reinicia el equipo y revisa los cables.` }, now);
          answersGiven.push({ id: a.id, questionId });
        });
      } else if (r < 0.62) {
        const post = rand() < 0.7 && answersGiven.length ? pick(answersGiven).id : pick(questionsAsked);
        const value = pick([1, 1, 1, -1, 0] as const);
        attempt(value === 0 ? 'retract' : 'vote', () => votePost(db, actor, post, { value }, now));
      } else if (r < 0.72 && answersGiven.length) {
        const a = pick(answersGiven);
        const asker = members.find((m) => db.get<{ n: number }>(sql`select author_id as n from questions where id = ${a.questionId}`)?.n === m.id);
        if (asker) attempt(rand() < 0.7 ? 'accept' : 'unaccept', () => (rand() < 0.7 ? acceptAnswer(db, asker, a.id, now) : unacceptAnswer(db, asker, a.id, now)));
      } else if (r < 0.8) {
        const questionId = pick(questionsAsked);
        const author = db.get<{ id: number }>(sql`select author_id as id from questions where id = ${questionId}`)!.id;
        const revision = listRevisions(db, questionId).at(-1)?.revision ?? 1;
        attempt('edit', () => editPost(db, members.find((m) => m.id === author) ?? moderator, questionId, { title: `Pregunta editada ${step} sobre la conexión`, body: `Texto editado ${step}, con bastante contenido para pasar.`, tags: [pick(TAGS), pick(TAGS)].join(','), revision }, now));
      } else if (r < 0.86) {
        const post = rand() < 0.6 && answersGiven.length ? pick(answersGiven).id : pick(questionsAsked);
        attempt(rand() < 0.6 ? 'delete' : 'undelete', () => (rand() < 0.6 ? deletePost(db, moderator, post, now) : undeletePost(db, moderator, post, now)));
      } else if (r < 0.92) {
        const useAnswer = rand() < 0.6 && answersGiven.length;
        const ref = useAnswer ? { type: 'answer' as const, id: pick(answersGiven).id } : { type: 'question' as const, id: pick(questionsAsked) };
        attempt(rand() < 0.5 ? 'hide' : 'restore', () => moderateContent(db, moderator, ref, rand() < 0.5 ? 'hide' : 'restore', { reason: 'sequence' }, now));
      } else if (r < 0.96) {
        const target = pick(members);
        attempt(rand() < 0.5 ? 'suspend' : 'unsuspend', () => (rand() < 0.5 ? suspendMember(db, moderator, target.id, { reason: 'sequence', days: 1 }, now) : unsuspendMember(db, moderator, target.id, now, 'sequence')));
      } else {
        // Serial voting: one member votes up ten of another's answers within the day; the job reverses it.
        const target = pick(members);
        for (const a of answersGiven.filter((x) => db.get<{ n: number }>(sql`select author_id as n from answers where id = ${x.id}`)?.n === target.id).slice(0, 12)) {
          attempt('serial', () => votePost(db, actor, a.id, { value: 1 }, now));
        }
        attempt('antiGaming', () => runAntiGaming(db, now + HOUR));
      }
      if (step % 10 === 0) check(step);
    }
    check(600);
    // The sequence did exercise every kind of event.
    for (const kind of ['ask', 'answer', 'vote', 'retract', 'accept', 'unaccept', 'edit', 'delete', 'undelete', 'hide', 'restore', 'suspend', 'serial']) {
      expect(counts.get(kind) ?? 0, kind).toBeGreaterThan(0);
    }
    expect(now - START).toBeGreaterThan(35 * DAY);
  });
});
