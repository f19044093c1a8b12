import { describe, expect, it } from 'vitest';
import { awardsFor, badgeRuleSchema, type BadgeRule } from '../../../src/lib/reputation/badges';
import { nextPrivilege, privilegeLadder } from '../../../src/lib/reputation/privileges';
import { capVotePoints, DAY_MS, findSerialVoting, monthKey, sharesFingerprint, trustLevelFrom, votePoints, weekKey } from '../../../src/lib/reputation/rules';
import { candidateScore, median, pickMemberOfTheMonth, previousMonth, rankCandidates } from '../../../src/lib/reputation/scoring';
import { DEFAULT_SETTINGS, settingsFrom, settingsSchema } from '../../../src/lib/reputation/settings';
import { validateInput } from '../../../src/lib/validation';

const W = DEFAULT_SETTINGS.weights;
const T0 = Date.UTC(2026, 11, 3, 10); // a Thursday

describe('settings', () => {
  it('accepts the defaults', () => {
    expect(settingsSchema.safeParse(DEFAULT_SETTINGS).success).toBe(true);
  });
  it.each([
    ['negative', -5, 'reputation.tooSmall'],
    ['zero', 0, 'reputation.tooSmall'],
    ['huge', 1e9, 'reputation.tooBig'],
    ['fractional', 2.5, 'field.invalid'],
    ['text', 'many', 'field.invalid'],
  ])('refuses a %s weight with a field error', (_, value, key) => {
    const r = validateInput(settingsSchema, { ...DEFAULT_SETTINGS, weights: { ...W, answerUpvoted: value } });
    expect(r).toEqual({ ok: false, fields: { 'weights.answerUpvoted': key } });
  });
  it('refuses a zero privilege threshold and a huge daily cap', () => {
    const r = validateInput(settingsSchema, { ...DEFAULT_SETTINGS, dailyVoteCap: 1e7, thresholds: { ...DEFAULT_SETTINGS.thresholds, voteDown: 0 } });
    expect(r).toEqual({ ok: false, fields: { dailyVoteCap: 'reputation.tooBig', 'thresholds.voteDown': 'reputation.tooSmall' } });
  });
  it('reads stored settings over the defaults and falls back on unreadable ones', () => {
    expect(settingsFrom({ weights: { answerUpvoted: 12 } }).weights).toEqual({ ...W, answerUpvoted: 12 });
    expect(settingsFrom({ weights: { answerUpvoted: -1 } })).toEqual(DEFAULT_SETTINGS);
    expect(settingsFrom(null)).toEqual(DEFAULT_SETTINGS);
  });
});

describe('vote points and caps', () => {
  it('pays the weights with the sign of the vote', () => {
    expect(votePoints('answer', 1, W)).toEqual({ amount: 10, reason: 'answer.upvoted' });
    expect(votePoints('question', 1, W)).toEqual({ amount: 5, reason: 'question.upvoted' });
    expect(votePoints('answer', -1, W)).toEqual({ amount: -2, reason: 'answer.downvoted' });
  });
  const ctx = { earnedToday: 0, dailyCap: 200, pairEarnedThisWeek: 0, pairWeeklyCap: 30, sharedFingerprint: false };
  it('scenario "daily cap": the vote that crosses 200 pays only what is left, the next pays nothing', () => {
    expect(capVotePoints(10, { ...ctx, earnedToday: 195 })).toEqual({ amount: 5, cappedBy: 'daily' });
    expect(capVotePoints(10, { ...ctx, earnedToday: 200 })).toEqual({ amount: 0, cappedBy: 'daily' });
  });
  it('scenario "vote ring pair": one voter gives one member at most 30 points a week', () => {
    expect(capVotePoints(10, { ...ctx, pairEarnedThisWeek: 20 })).toEqual({ amount: 10, cappedBy: null });
    expect(capVotePoints(10, { ...ctx, pairEarnedThisWeek: 25 })).toEqual({ amount: 5, cappedBy: 'pair' });
    expect(capVotePoints(10, { ...ctx, pairEarnedThisWeek: 30 })).toEqual({ amount: 0, cappedBy: 'pair' });
  });
  it('scenario "sock puppet": a vote from an account sharing a visitor id or IP pays nothing', () => {
    expect(capVotePoints(10, { ...ctx, sharedFingerprint: true })).toEqual({ amount: 0, cappedBy: 'fingerprint' });
  });
  it('never softens a downvote', () => {
    expect(capVotePoints(-2, { ...ctx, earnedToday: 500, sharedFingerprint: true })).toEqual({ amount: -2, cappedBy: null });
  });
  it('matches fingerprints of the same kind within a day only', () => {
    const a = [{ kind: 'ip' as const, value: 'h1', seenAt: T0 }];
    expect(sharesFingerprint(a, [{ kind: 'ip', value: 'h1', seenAt: T0 + DAY_MS - 1 }])).toBe(true);
    expect(sharesFingerprint(a, [{ kind: 'ip', value: 'h1', seenAt: T0 + DAY_MS }])).toBe(false);
    expect(sharesFingerprint(a, [{ kind: 'visitor', value: 'h1', seenAt: T0 }])).toBe(false);
  });
  it('scenario "serial voter": 10 votes on one member in a UTC day are found, 9 are not, other days are separate', () => {
    const votes = [
      ...Array.from({ length: 10 }, (_, i) => ({ voterId: 7, receiverId: 8, createdAt: T0 + i * 60_000 })),
      ...Array.from({ length: 9 }, (_, i) => ({ voterId: 7, receiverId: 9, createdAt: T0 + i * 60_000 })),
      ...Array.from({ length: 5 }, (_, i) => ({ voterId: 5, receiverId: 8, createdAt: T0 + i * 60_000 })),
      ...Array.from({ length: 5 }, (_, i) => ({ voterId: 5, receiverId: 8, createdAt: T0 + DAY_MS + i })),
    ];
    expect(findSerialVoting(votes, 10)).toEqual([{ voterId: 7, receiverId: 8, day: Date.UTC(2026, 11, 3), votes: 10 }]);
  });
  it('keys months and Monday-started weeks in UTC', () => {
    expect(monthKey(T0)).toBe('2026-12');
    expect(weekKey(T0)).toBe('2026-11-30');
    expect(weekKey(Date.UTC(2026, 10, 30))).toBe('2026-11-30');
    expect(weekKey(Date.UTC(2026, 10, 29, 23))).toBe('2026-11-23');
  });
});

describe('trust level', () => {
  it.each([
    [{ ageMs: DAY_MS - 1, postCount: 100, reputation: 5000 }, 0],
    [{ ageMs: DAY_MS, postCount: 0, reputation: 0 }, 1],
    [{ ageMs: 7 * DAY_MS, postCount: 10, reputation: 0 }, 2],
    [{ ageMs: 7 * DAY_MS, postCount: 2, reputation: 200 }, 2],
    [{ ageMs: 7 * DAY_MS, postCount: 2, reputation: 199 }, 1],
    [{ ageMs: 30 * DAY_MS, postCount: 3, reputation: 1000 }, 3],
    [{ ageMs: 29 * DAY_MS, postCount: 300, reputation: 1000 }, 2],
  ])('%o → %i', (a, level) => expect(trustLevelFrom(a)).toBe(level));
});

describe('privileges', () => {
  it('orders the ladder by threshold and names the next step', () => {
    expect(privilegeLadder(DEFAULT_SETTINGS.thresholds).map((s) => s.privilege)).toEqual(['flag', 'commentAnywhere', 'voteDown', 'createTags', 'voteToClose', 'editOthers', 'acceptOnBehalf', 'seeFlagQueue']);
    expect(nextPrivilege(0, DEFAULT_SETTINGS.thresholds)).toEqual({ privilege: 'flag', threshold: 15, missing: 15 });
    expect(nextPrivilege(124, DEFAULT_SETTINGS.thresholds)).toEqual({ privilege: 'voteDown', threshold: 125, missing: 1 });
    expect(nextPrivilege(5000, DEFAULT_SETTINGS.thresholds)).toBeNull();
  });
});

const rule = (over: Partial<BadgeRule>): BadgeRule => ({ id: 1, slug: 'x', tier: 'bronze', condition: 'accepted_answers', threshold: 10, windowDays: null, tag: null, category: null, repeatable: false, ...over });

describe('badge evaluator', () => {
  it('awards a once-only badge at the threshold, once', () => {
    expect(awardsFor(rule({}), { count: 9 }, new Set())).toEqual([]);
    expect(awardsFor(rule({}), { count: 10 }, new Set())).toEqual([0]);
    expect(awardsFor(rule({}), { count: 25 }, new Set([0]))).toEqual([]);
  });
  it('awards a repeatable count badge each time the threshold is reached again', () => {
    expect(awardsFor(rule({ repeatable: true }), { count: 25 }, new Set([1]))).toEqual([2]);
  });
  it('awards per post for score conditions and does not hand back a revoked award', () => {
    const great = rule({ condition: 'answer_score', threshold: 10, repeatable: true });
    const facts = { subjects: [{ id: 5, value: 12 }, { id: 6, value: 9 }, { id: 7, value: 10 }] };
    expect(awardsFor(great, facts, new Set())).toEqual([5, 7]);
    expect(awardsFor(great, facts, new Set([5]))).toEqual([7]);
    expect(awardsFor({ ...great, repeatable: false }, facts, new Set())).toEqual([0]);
  });
  it('validates rules: unknown conditions, filters a condition does not take, thresholds out of range', () => {
    const base = { slug: 'my-badge', nameEs: 'a', nameEn: 'a', descriptionEs: 'd', descriptionEn: 'd', tier: 'gold', condition: 'answers', threshold: 3 };
    expect(validateInput(badgeRuleSchema, { ...base, condition: 'bribes' })).toEqual({ ok: false, fields: { condition: 'badge.unknownCondition' } });
    expect(validateInput(badgeRuleSchema, { ...base, condition: 'reputation', tag: 'x' })).toEqual({ ok: false, fields: { tag: 'badge.filterNotAllowed' } });
    expect(validateInput(badgeRuleSchema, { ...base, threshold: 0 })).toEqual({ ok: false, fields: { threshold: 'reputation.tooSmall' } });
    expect(validateInput(badgeRuleSchema, { ...base, threshold: 1e9 })).toEqual({ ok: false, fields: { threshold: 'reputation.tooBig' } });
    expect(validateInput(badgeRuleSchema, { ...base, condition: 'accepted_days', threshold: 7 })).toEqual({ ok: false, fields: { windowDays: 'field.required' } });
    expect(validateInput(badgeRuleSchema, { ...base, windowDays: '', tag: '', repeatable: 'on' })).toMatchObject({ ok: true, data: { windowDays: null, tag: null, repeatable: true } });
  });
});

describe('superuser candidates', () => {
  const f = { userId: 1, accepted: 10, answers: 20, helpful: 15, medianFirstAnswerHours: 4, flagsAgainst: 1, activeDays: 12 };
  it('scores by the documented formula', () => {
    // 3×10 + 40×0.75 + 2×12 + (24−4) − 5×1 = 30 + 30 + 24 + 20 − 5
    expect(candidateScore(f)).toBe(99);
    expect(candidateScore({ ...f, medianFirstAnswerHours: null })).toBe(79);
    expect(candidateScore({ ...f, accepted: 4 })).toBeNull();
  });
  it('ranks by score, then accepted answers, then id', () => {
    const ranked = rankCandidates([{ ...f, userId: 3 }, { ...f, userId: 2, flagsAgainst: 0 }, { ...f, userId: 4, accepted: 2 }]);
    expect(ranked.map((c) => [c.userId, c.score])).toEqual([[2, 104], [3, 99]]);
  });
  it('takes medians of odd and even lists', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});

describe('member of the month', () => {
  it('picks the highest score (10 × accepted + votes + 5 × rescued), ties by accepted then id', () => {
    const pick = pickMemberOfTheMonth([
      { userId: 3, accepted: 2, helpfulVotes: 10, rescued: 0 },
      { userId: 2, accepted: 1, helpfulVotes: 15, rescued: 1 },
      { userId: 1, accepted: 3, helpfulVotes: 0, rescued: 0 },
    ]);
    // all three score 30; member 1 has the most accepted answers
    expect(pick).toEqual({ userId: 1, accepted: 3, helpfulVotes: 0, rescued: 0, score: 30 });
    expect(pickMemberOfTheMonth([{ userId: 1, accepted: 0, helpfulVotes: 0, rescued: 0 }])).toBeNull();
  });
  it('names the previous month across a year boundary', () => {
    expect(previousMonth(Date.UTC(2027, 0, 1, 0, 5))).toEqual({ key: '2026-12', start: Date.UTC(2026, 11, 1), end: Date.UTC(2027, 0, 1) });
  });
});
