import { eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SqliteDb } from '../../../db/client';
import { memberBadges, outbox, tags, users } from '../../../db/schema/index';
import { acceptAnswer } from '../../../src/lib/community/accept-answer';
import { answerQuestion } from '../../../src/lib/community/answer-question';
import { askQuestion } from '../../../src/lib/community/ask-question';
import { importQuestions } from '../../../src/lib/community/import-questions';
import { votePost } from '../../../src/lib/community/vote-post';
import { awardBadges, badgesOf, createBadgeRule, revokeBadge } from '../../../src/lib/reputation/award-badges';
import { memberPoints } from '../../../src/lib/reputation/ledger';
import { recalcScores } from '../../../src/lib/reputation/recalc';
import type { Actor } from '../../../src/lib/auth/sessions';
import { createCategory, createMember, createTestDb } from '../../helpers/db';
import { DAY } from '../../helpers/time';
import { expectCode } from '../../helpers/errors';

let db: SqliteDb;
const NOW = Date.UTC(2026, 10, 2, 12);
const Q = { body: 'Desde hace una semana se desconecta a las 3 de la mañana.', category: 'internet', tags: 'router', locale: 'es' };

beforeEach(() => {
  db = createTestDb();
  createCategory(db, 'internet');
  db.insert(tags).values([{ name: 'router' }]).run();
});

const slugs = (a: Actor) => badgesOf(db, a.id, 'en').map((b) => b.slug).sort();
/** Runs the outbox's badge messages the way the drain does. */
function drainBadges() {
  const pending = db.select().from(outbox).where(sql`${outbox.topic} = 'reputation.badges' and ${outbox.processedAt} is null`).all();
  for (const m of pending) {
    const p = m.payload as { userId: number; event: 'all' };
    awardBadges(db, p.userId, p.event, NOW + DAY);
    db.update(outbox).set({ processedAt: NOW }).where(eq(outbox.id, m.id)).run();
  }
  return pending.length;
}

describe('imported posts', () => {
  const line = JSON.stringify({
    sourceId: 'q-1',
    title: 'Router keeps rebooting',
    body: 'Every night at 3am the router **reboots**.',
    locale: 'en',
    category: 'internet',
    author: 'old_user',
    score: 3,
    createdAt: '2020-01-02T03:04:05Z',
    answers: [
      { sourceId: 'a-1', body: 'Disable the nightly update window.', author: 'helper', createdAt: 1577934246000, accepted: true, score: 7 },
      { sourceId: 'a-2', body: 'Mine does that too.', author: 'someone', score: -1 },
    ],
  });
  const member = (src: string) => db.select().from(users).where(eq(users.sourceId, `import:${src}`)).get()!.id;

  it('earn points from imported scores and accepted answers in one pass, once', async () => {
    await importQuestions(db, [line], { now: NOW });
    expect(memberPoints(db, member('helper')).reputation).toBe(7 * 10 + 15);
    expect(memberPoints(db, member('old_user')).reputation).toBe(3 * 5);
    expect(memberPoints(db, member('someone')).reputation).toBe(-2);
    await importQuestions(db, [line], { now: NOW + 1 });
    expect(memberPoints(db, member('helper')).reputation).toBe(85);
    expect(recalcScores(db).differences).toBe(0);
    // Imported members get their badges through the outbox.
    expect(drainBadges()).toBe(3);
    const helper = { id: member('helper') } as Actor;
    expect(slugs(helper)).toEqual(['first-accepted', 'first-answer']);
  });

  it('a changed imported score replaces the previous import row', async () => {
    await importQuestions(db, [line], { now: NOW });
    await importQuestions(db, [line.replace('"score":7', '"score":2')], { now: NOW + 1 });
    expect(memberPoints(db, member('helper')).reputation).toBe(2 * 10 + 15);
    expect(recalcScores(db).differences).toBe(0);
  });
});

describe('badges', () => {
  let asker: Actor;
  let helper: Actor;
  let moderator: Actor;
  beforeEach(async () => {
    asker = await createMember(db);
    helper = await createMember(db);
    moderator = await createMember(db, 'moderator');
  });

  it('awards first answer and first accepted answer after the events, through the outbox', () => {
    const q = askQuestion(db, asker, { ...Q, title: 'Router pierde la conexión cada noche' }, NOW);
    const a = answerQuestion(db, helper, q.id, { body: 'Desactiva el reinicio programado.' }, NOW + 1);
    expect(slugs(helper)).toEqual([]);
    drainBadges();
    expect(slugs(helper)).toEqual(['first-answer']);
    acceptAnswer(db, asker, a.id, NOW + 2);
    drainBadges();
    expect(slugs(helper)).toEqual(['first-accepted', 'first-answer']);
  });

  it('great answer is repeatable per answer; revoked badges are not handed back', async () => {
    const voters: Actor[] = [];
    for (let i = 0; i < 10; i++) voters.push(await createMember(db));
    const q = askQuestion(db, asker, { ...Q, title: 'Router pierde la conexión cada noche' }, NOW);
    const a = answerQuestion(db, helper, q.id, { body: 'Desactiva el reinicio programado.' }, NOW + 1);
    for (const v of voters.slice(0, 9)) votePost(db, v, a.id, { value: 1 }, NOW + 2);
    drainBadges();
    expect(slugs(helper)).not.toContain('great-answer');
    votePost(db, voters[9]!, a.id, { value: 1 }, NOW + 3);
    drainBadges();
    expect(slugs(helper)).toContain('great-answer');
    const great = badgesOf(db, helper.id, 'en').find((b) => b.slug === 'great-answer')!;
    expect(great.subjectId).toBe(a.id);
    expect(expectCode(() => revokeBadge(db, moderator, great.id, { reason: '' }, NOW), 'INVALID').fields).toEqual({ reason: 'field.required' });
    expectCode(() => revokeBadge(db, helper, great.id, { reason: 'gaming the votes' }, NOW), 'FORBIDDEN');
    revokeBadge(db, moderator, great.id, { reason: 'vote ring' }, NOW);
    expectCode(() => revokeBadge(db, moderator, great.id, { reason: 'vote ring' }, NOW), 'CONFLICT');
    expect(awardBadges(db, helper.id, 'all', NOW + 4)).toEqual([]);
    expect(slugs(helper)).not.toContain('great-answer');
    expect(badgesOf(db, helper.id, 'en', { includeRevoked: true }).find((b) => b.id === great.id)?.revokeReason).toBe('vote ring');
  });

  it('helpful streak needs accepted answers on 7 distinct days within 30; tag expert counts per tag', async () => {
    const askers: Actor[] = [];
    for (let i = 0; i < 7; i++) askers.push(await createMember(db));
    for (let i = 0; i < 7; i++) {
      const q = askQuestion(db, askers[i]!, { ...Q, title: `Pregunta ${i} sobre el router de casa` }, NOW + i * DAY);
      const a = answerQuestion(db, helper, q.id, { body: `Respuesta ${i} con la solución.` }, NOW + i * DAY + 1);
      acceptAnswer(db, askers[i]!, a.id, NOW + i * DAY + 2);
      if (i === 5) {
        expect(awardBadges(db, helper.id, 'accept', NOW + i * DAY + 3)).not.toContain('helpful-streak');
      }
    }
    expect(awardBadges(db, helper.id, 'accept', NOW + 6 * DAY + 3)).toContain('helpful-streak');
    // A custom rule: 5 accepted answers tagged router, per tag.
    const admin = await createMember(db, 'admin');
    createBadgeRule(db, admin, { slug: 'router-pro', nameEs: 'Pro del router', nameEn: 'Router pro', descriptionEs: 'x', descriptionEn: 'x', tier: 'silver', condition: 'accepted_answers', threshold: 5, tag: '*', repeatable: 'on' }, NOW);
    const routerTag = db.select().from(tags).where(eq(tags.name, 'router')).get()!;
    const awarded = awardBadges(db, helper.id, 'accept', NOW + 7 * DAY);
    expect(awarded).toEqual(['router-pro']);
    expect(db.select().from(memberBadges).where(eq(memberBadges.userId, helper.id)).all().find((b) => b.subjectId === routerTag.id)).toBeTruthy();
  });

  it('admins define rules only from known conditions, tags and categories', async () => {
    const admin = await createMember(db, 'admin');
    const base = { slug: 'new-one', nameEs: 'a', nameEn: 'a', descriptionEs: 'd', descriptionEn: 'd', tier: 'gold', condition: 'answers', threshold: 3 };
    expect(expectCode(() => createBadgeRule(db, admin, { ...base, condition: 'nope' }, NOW), 'INVALID').fields).toEqual({ condition: 'badge.unknownCondition' });
    expect(expectCode(() => createBadgeRule(db, admin, { ...base, tag: 'unknown-tag' }, NOW), 'INVALID').fields).toEqual({ tag: 'field.unknownTag' });
    expect(expectCode(() => createBadgeRule(db, admin, { ...base, slug: 'first-answer' }, NOW), 'CONFLICT').fields).toEqual({ slug: 'badge.slugTaken' });
    expectCode(() => createBadgeRule(db, moderator, base, NOW), 'FORBIDDEN');
    expect(createBadgeRule(db, admin, base, NOW).slug).toBe('new-one');
  });
});
