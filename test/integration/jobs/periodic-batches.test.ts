import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { notifications } from '../../../db/schema/index';
import { answerQuestion } from '../../../src/lib/community/answer-question';
import { askQuestion } from '../../../src/lib/community/ask-question';
import { communityDelays } from '../../../src/lib/community/delays';
import { nudgeAskersToAccept, type NudgeCursor } from '../../../src/lib/community/nudge-askers';
import { listJobStates, Scheduler } from '../../../src/lib/jobs/scheduler';
import { loadConfig } from '../../../src/lib/server/config';
import { registerJobs } from '../../../src/lib/server/jobs';
import { createCategory, createMember, createTestDb } from '../../helpers/db';
import { DAY, NOW } from '../../helpers/time';

async function answeredQuestions(n: number) {
  const db = createTestDb();
  createCategory(db, 'internet');
  const answerer = await createMember(db);
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const asker = await createMember(db);
    const q = askQuestion(db, asker, { title: `Pregunta número ${i + 1} sin respuesta aceptada`, body: `Cuerpo de la pregunta ${i + 1} para probar los lotes.`, category: 'internet', locale: 'es' }, NOW + i);
    answerQuestion(db, answerer, q.id, { body: `Una respuesta que nadie acepta, la ${i + 1}.` }, NOW + 1000 + i);
    ids.push(q.id);
  }
  return { db, ids };
}

const nudgedIds = (db: ReturnType<typeof createTestDb>) =>
  db.select({ id: notifications.questionId }).from(notifications).where(eq(notifications.type, 'accept.nudge')).all().map((r) => r.id).sort((a, b) => a! - b!);

describe('the accept nudge in bounded batches', () => {
  it('stops at its limit and the next run goes on from there, then starts again from the first question', async () => {
    const { db, ids } = await answeredQuestions(3);
    const later = NOW + 10 * DAY;
    const cursor: NudgeCursor = {};
    expect(nudgeAskersToAccept(db, later, undefined, 2, { scan: 10, cursor })).toBe(2);
    expect(cursor.afterId).toBe(ids[1]);
    expect(nudgedIds(db)).toEqual(ids.slice(0, 2));
    expect(nudgeAskersToAccept(db, later, undefined, 2, { scan: 10, cursor })).toBe(1);
    expect(cursor.afterId).toBe(ids[2]);
    expect(nudgeAskersToAccept(db, later, undefined, 2, { scan: 10, cursor })).toBe(0);
    expect(cursor.afterId).toBe(0);
    expect(nudgedIds(db)).toEqual(ids);
  });

  it('looks at no more than `scan` candidates per run, skipping the ones not due yet', async () => {
    const { db, ids } = await answeredQuestions(3);
    const later = NOW + 10 * DAY;
    // The second question is reminded first, so it is no longer a candidate.
    nudgeAskersToAccept(db, later, undefined, 1, { scan: 10, cursor: { afterId: ids[0] } });
    expect(nudgedIds(db)).toEqual([ids[1]]);
    const cursor: NudgeCursor = {};
    expect(nudgeAskersToAccept(db, later, undefined, 500, { scan: 1, cursor })).toBe(1);
    expect(cursor.afterId).toBe(ids[0]);
    // The second question left the candidates when it was reminded: the next candidate is the third.
    expect(nudgeAskersToAccept(db, later, undefined, 500, { scan: 1, cursor })).toBe(1);
    expect(cursor.afterId).toBe(ids[2]);
    expect(nudgedIds(db)).toEqual(ids);
  });

  it('a window finds exactly what one unbounded run finds', async () => {
    const a = await answeredQuestions(4);
    const b = await answeredQuestions(4);
    const later = NOW + 10 * DAY;
    expect(nudgeAskersToAccept(a.db, later)).toBe(4);
    const cursor: NudgeCursor = {};
    let runs = 0;
    do runs++;
    while (nudgeAskersToAccept(b.db, later, undefined, 500, { scan: 3, cursor }) > 0 || cursor.afterId !== 0);
    expect(runs).toBe(3);
    expect(nudgedIds(b.db)).toEqual(nudgedIds(a.db));
  });

  it('the scheduled job keeps its cursor in the job state between ticks', async () => {
    const { db, ids } = await answeredQuestions(2);
    const config = loadConfig({});
    let now = NOW + 10 * DAY;
    const scheduler = new Scheduler(db, { now: () => now });
    registerJobs(scheduler, { db, config, delays: communityDelays(config) });
    const first = await scheduler.tick({ only: ['notifications.mail'] });
    expect(first.runs[0]).toMatchObject({ ok: true, result: { nudged: 2 } });
    expect(listJobStates(db).find((s) => s.name === 'notifications.mail')?.state).toEqual({ afterId: ids[1] });
    now += 60_000;
    expect((await scheduler.tick({ only: ['notifications.mail'] })).runs[0]).toMatchObject({ ok: true, result: { nudged: 0 } });
    expect(listJobStates(db).find((s) => s.name === 'notifications.mail')?.state).toEqual({ afterId: 0 });
    expect(nudgedIds(db)).toEqual(ids);
  });
});
