import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SqliteDb } from '../../../db/client';
import { notifications } from '../../../db/schema/index';
import type { Actor } from '../../../src/lib/auth/sessions';
import { canAccept } from '../../../src/lib/auth/permissions';
import { acceptAnswer, unacceptAnswer } from '../../../src/lib/community/accept-answer';
import { answerQuestion } from '../../../src/lib/community/answer-question';
import { askQuestion } from '../../../src/lib/community/ask-question';
import { communityDelays, DEFAULT_COMMUNITY_DELAYS } from '../../../src/lib/community/delays';
import { nudgeAskersToAccept } from '../../../src/lib/community/nudge-askers';
import { runNotificationJobs } from '../../../src/lib/jobs/notification-jobs';
import { loadConfig } from '../../../src/lib/server/config';
import { createCategory, createMember, createTestDb } from '../../helpers/db';
import { expectCode } from '../../helpers/errors';
import { DAY, NOW } from '../../helpers/time';

let db: SqliteDb;
let asker: Actor;
let moderator: Actor;
let answerer: Actor;

function thread() {
  const q = askQuestion(db, asker, { title: 'Pregunta para probar los plazos', body: 'Cuerpo de la pregunta para probar los plazos.', category: 'internet', locale: 'es' }, NOW);
  const a = answerQuestion(db, answerer, q.id, { body: 'Una respuesta que nadie acepta todavía.' }, NOW + 1000);
  return { q, a };
}

beforeEach(async () => {
  db = createTestDb();
  createCategory(db, 'internet');
  asker = await createMember(db);
  moderator = await createMember(db, 'moderator');
  answerer = await createMember(db);
});

describe('configuration', () => {
  it('defaults to 7 days (accept on behalf) and 3 days (nudge); values are days, fractions allowed', () => {
    const defaults = communityDelays(loadConfig({}));
    expect(defaults).toEqual(DEFAULT_COMMUNITY_DELAYS);
    expect(defaults).toEqual({ acceptOnBehalfAfterMs: 7 * DAY, nudgeAskerAfterMs: 3 * DAY });
    expect(communityDelays(loadConfig({ ACCEPT_ON_BEHALF_AFTER_DAYS: '2', NUDGE_ASKER_AFTER_DAYS: '0.5' }))).toEqual({ acceptOnBehalfAfterMs: 2 * DAY, nudgeAskerAfterMs: DAY / 2 });
    expect(communityDelays(loadConfig({ ACCEPT_ON_BEHALF_AFTER_DAYS: '0' })).acceptOnBehalfAfterMs).toBe(0);
    expect(() => loadConfig({ ACCEPT_ON_BEHALF_AFTER_DAYS: '-1' })).toThrow(/ACCEPT_ON_BEHALF_AFTER_DAYS/);
    expect(() => loadConfig({ NUDGE_ASKER_AFTER_DAYS: 'soon' })).toThrow(/NUDGE_ASKER_AFTER_DAYS/);
  });
});

describe('accept on behalf after the configured delay', () => {
  it('canAccept takes the delay: 2 days lets a moderator in at 2 days, the default 7 does not', () => {
    const question = { authorId: asker.id, createdAt: NOW, deletedAt: null, answerAuthorId: asker.id + 1000 };
    expect(canAccept(moderator, question, NOW + 2 * DAY, 2 * DAY)).toBe(true);
    expect(canAccept(moderator, question, NOW + 2 * DAY - 1, 2 * DAY)).toBe(false);
    expect(canAccept(moderator, question, NOW + 2 * DAY)).toBe(false);
    expect(canAccept(moderator, question, NOW + 7 * DAY)).toBe(true);
  });

  it('acceptAnswer and unacceptAnswer follow the configured delay', () => {
    const { q, a } = thread();
    const twoDays = communityDelays(loadConfig({ ACCEPT_ON_BEHALF_AFTER_DAYS: '2' }));
    expectCode(() => acceptAnswer(db, moderator, a.id, NOW + DAY, q.id, twoDays), 'FORBIDDEN');
    expectCode(() => acceptAnswer(db, moderator, a.id, NOW + 2 * DAY, q.id), 'FORBIDDEN');
    expect(acceptAnswer(db, moderator, a.id, NOW + 2 * DAY, q.id, twoDays)).toEqual({ questionId: q.id, answerId: a.id });
    expectCode(() => unacceptAnswer(db, moderator, a.id, NOW + 2 * DAY), 'FORBIDDEN');
    expect(unacceptAnswer(db, moderator, a.id, NOW + 2 * DAY, twoDays)).toEqual({ questionId: q.id, acceptedAnswerId: null });
  });

  it('nobody accepts their own answer on the asker’s behalf, however long it waited', () => {
    const { q } = thread();
    const own = answerQuestion(db, moderator, q.id, { body: 'La respuesta del propio moderador.' }, NOW + 2000);
    expectCode(() => acceptAnswer(db, moderator, own.id, NOW + 30 * DAY, q.id), 'FORBIDDEN');
  });
});

describe('nudge after the configured delay', () => {
  it('1 day: nudged after 1 day; the default waits 3 days', () => {
    thread();
    const oneDay = communityDelays(loadConfig({ NUDGE_ASKER_AFTER_DAYS: '1' })).nudgeAskerAfterMs;
    const answeredAt = NOW + 1000;
    expect(nudgeAskersToAccept(db, answeredAt + DAY + 1)).toBe(0);
    expect(runNotificationJobs(db, { siteUrl: 'https://x.test', now: answeredAt + DAY, nudgeAskerAfterMs: oneDay }).nudged).toBe(0);
    expect(runNotificationJobs(db, { siteUrl: 'https://x.test', now: answeredAt + DAY + 1, nudgeAskerAfterMs: oneDay }).nudged).toBe(1);
    expect(runNotificationJobs(db, { siteUrl: 'https://x.test', now: answeredAt + 4 * DAY, nudgeAskerAfterMs: oneDay }).nudged).toBe(0);
    expect(db.select().from(notifications).where(eq(notifications.type, 'accept.nudge')).all().map((n) => n.userId)).toEqual([asker.id]);
  });

  it('the default (3 days) nudges only after 3 days', () => {
    thread();
    expect(nudgeAskersToAccept(db, NOW + 1000 + 3 * DAY)).toBe(0);
    expect(nudgeAskersToAccept(db, NOW + 1000 + 3 * DAY + 1)).toBe(1);
  });
});
