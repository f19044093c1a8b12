import { describe, expect, it } from 'vitest';
import { businessClock, type BusinessCalendar } from '../../../src/lib/business-hours/business-hours';
import {
  communityFigures,
  escalationFigures,
  superuserFigures,
  timeToAcceptedAnswer,
  timeToFirstAnswer,
  timeToFirstAnswerByResponder,
  type AnswerFact,
  type Measure,
  type QuestionFact,
} from '../../../src/lib/reports/community-kpis';
import { addFunnels, articleFigures, costAvoided, fallingHelpfulness, followedBySubmission, NO_FUNNEL, searchFigures, sessionFunnel, type SearchFact } from '../../../src/lib/reports/content-kpis';
import { DAY_MS, type Period } from '../../../src/lib/reports/filters';
import {
  breakdown,
  caseFlow,
  pendingCases,
  firstContactResolution,
  localWeekdayHour,
  resolutionFigures,
  resolutionScenario,
  satisfactionFigures,
  selfServiceScore,
  slaAttainment,
  slaFigures,
  uniqueIn,
  weekdayHourGrid,
  type CaseFact,
  type SlaClockFact,
} from '../../../src/lib/reports/service-kpis';
import { compare, kaplanMeierQuantiles, quantile, rate } from '../../../src/lib/reports/statistics';

const H = 3600 * 1000;
/** Monday 2026-03-02 00:00 UTC. */
const MON = Date.UTC(2026, 2, 2);
const WEEK: Period = { from: MON, to: MON + 7 * DAY_MS };
const NOW = MON + 7 * DAY_MS;

/** Business hours of a test calendar: Monday–Friday 09:00–18:00 UTC (the reports pass the cases' calendar the same way). */
const officeHours: Measure = (from, to) => {
  let total = 0;
  for (let day = Math.floor(from / DAY_MS) * DAY_MS; day < to; day += DAY_MS) {
    const weekday = new Date(day).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    const lo = Math.max(from, day + 9 * H);
    const hi = Math.min(to, day + 18 * H);
    if (hi > lo) total += hi - lo;
  }
  return total;
};

const q = (id: number, createdAt: number, first: [number, QuestionFact['firstAnswerBy']] | null, accepted: [number, QuestionFact['acceptedBy']] | null = null): QuestionFact => ({
  id,
  createdAt,
  firstAnswerAt: first?.[0] ?? null,
  firstAnswerBy: first?.[1] ?? null,
  acceptedAt: accepted?.[0] ?? null,
  acceptedBy: accepted?.[1] ?? null,
});

describe('statistics: each formula on a fixture with a known answer', () => {
  const obs = (pairs: [number, boolean][]) => pairs.map(([ms, event]) => ({ ms, event }));
  // [name, observations, expected median, expected p90, why]
  const table: [string, [number, boolean][], number | null, number | null, string][] = [
    ['empty', [], null, null, 'no questions: no figure, not 0'],
    ['one row', [[3, true]], 3, 3, 'a single answered question is every quantile'],
    ['no censoring = plain quantile', [[1, true], [2, true], [3, true], [4, true]], 2, 4, 'S(2) = 0.5, S(4) = 0 (lower quantile rule)'],
    ['a question still waiting keeps the median up', [[1, true], [2, false], [2, false], [5, true], [6, true]], 5, 6, 'S(1)=0.8, two censored at 2 leave 2 at risk, S(5)=0.4 ≤ 0.5; S(6)=0 ≤ 0.1 (treating the two waiting as answered at 2 would say 2)'],
    ['too many waiting: p90 not reached', [[1, true], [2, true], [3, true], [10, false]], 2, null, 'S(2)=0.5; S(3)=0.25 never falls to 0.1 with one still waiting after 10'],
    ['all waiting', [[4, false], [9, false]], null, null, 'nothing answered: both quantiles unknown, at least 9'],
    ['an answer at the same time as a censoring counts first', [[2, true], [2, false], [3, true]], 3, 3, 'at 2: 1 event of 3 at risk (the censored one still at risk), S=2/3 > 0.5; at 3: 1 of 1, S=0'],
  ];
  it.each(table)('Kaplan–Meier: %s', (_name, pairs, median, p90) => {
    const [m, p] = kaplanMeierQuantiles(obs(pairs), [0.5, 0.9]);
    expect(m!.value).toBe(median);
    expect(p!.value).toBe(p90);
  });
  it('an unreached quantile says how long it is at least', () => {
    expect(kaplanMeierQuantiles(obs([[4, false], [9, false]]), [0.5])[0]).toEqual({ value: null, atLeast: 9 });
  });
  it('without censoring Kaplan–Meier agrees with the plain quantile on random data', () => {
    const values = Array.from({ length: 101 }, (_, i) => (i * 7919) % 1000);
    for (const level of [0.5, 0.9]) expect(kaplanMeierQuantiles(obs(values.map((v) => [v, true])), [level])[0]!.value).toBe(quantile(values, level));
  });
  it('rates and comparisons with the previous period', () => {
    expect(rate(1, 4)).toBe(0.25);
    expect(rate(3, 0)).toBeNull();
    expect(compare(0.5, 0.4)).toEqual({ value: 0.5, previous: 0.4, delta: 0.09999999999999998, relative: 0.24999999999999994 });
    expect(compare(3, 0)).toEqual({ value: 3, previous: 0, delta: 3, relative: null });
    expect(compare(null, 2)).toEqual({ value: null, previous: 2, delta: null, relative: null });
  });
});

describe('community KPIs', () => {
  // Five questions asked on Monday of the fixture week; q5 in the week before (outside the period).
  const facts: QuestionFact[] = [
    q(1, MON + 10 * H, [MON + 11 * H, 'member'], [MON + 12 * H, 'member']),
    q(2, MON + 10 * H, [MON + 13 * H, 'staff'], [MON + 30 * H, 'staff']),
    q(3, MON + 10 * H, [MON + 14 * H, 'superuser']),
    q(4, MON + 10 * H, null),
    q(5, MON - 2 * DAY_MS, [MON - DAY_MS, 'member'], [MON - DAY_MS, 'member']),
  ];
  const figures = communityFigures(facts, WEEK, NOW);
  const table: [string, unknown, unknown, string][] = [
    ['questions', figures.questions, 4, 'q1–q4 asked in the week; q5 before it'],
    ['answerRate', figures.answerRate, 0.75, 'q1, q2, q3 answered ÷ 4'],
    ['solvedRate', figures.solvedRate, 0.5, 'q1, q2 accepted ÷ 4'],
    ['communityShare', figures.communityShare, 2 / 3, 'first answers by a member (q1) and a superuser (q3) ÷ 3 answered'],
    ['communityAcceptedShare', figures.communityAcceptedShare, 0.5, 'q1 accepted from a member, q2 from staff'],
    ['firstAnswersBy', figures.firstAnswersBy, { staff: 1, moderator: 0, superuser: 1, member: 1 }, 'the responder-type split'],
  ];
  it.each(table)('%s', (_name, actual, expected) => expect(actual).toEqual(expected));

  it('time to first answer counts the unanswered question as still waiting', () => {
    const cohort = facts.filter((f) => f.createdAt >= WEEK.from);
    const t = timeToFirstAnswer(cohort, NOW);
    // waits 1h, 3h, 4h answered; q4 censored at 158h. S(1)=3/4, S(3)=1/2 → median 3h; S(4)=1/4 > 0.1 → p90 not reached.
    expect(t.median.value).toBe(3 * H);
    expect(t.p90).toEqual({ value: null, atLeast: NOW - (MON + 10 * H) });
    expect([t.reached, t.waiting]).toEqual([3, 1]);
  });
  it('time to accepted answer, same method', () => {
    const t = timeToAcceptedAnswer(facts.slice(0, 4), NOW);
    // accepted after 2h and 20h; q3, q4 waiting since Monday 10:00. S(2)=3/4, S(20)=1/2 → median 20h.
    expect(t.median.value).toBe(20 * H);
    expect(t.p90.value).toBeNull();
  });
  it('in business hours: asked Friday 17:00, answered Monday 10:00 is 2 business hours, not 65', () => {
    const fri = MON + 4 * DAY_MS;
    const one = [q(9, fri + 17 * H, [fri + 3 * DAY_MS + 10 * H, 'member'])];
    expect(timeToFirstAnswer(one, NOW + 7 * DAY_MS, officeHours).median.value).toBe(2 * H);
    expect(timeToFirstAnswer(one, NOW + 7 * DAY_MS).median.value).toBe(65 * H);
  });
  describe('in business hours of a calendar (9:00–18:00 UTC on weekdays, Tuesday 10 March a holiday), as the reports measure', () => {
    const calendar: BusinessCalendar = { timeZone: 'UTC', weekly: Object.fromEntries([1, 2, 3, 4, 5].map((d) => [`${d}`, [{ start: '09:00', end: '18:00' }]])), holidays: ['2026-03-10'] };
    const at = (iso: string) => Date.parse(`${iso}Z`);
    const now = at('2026-03-16T11:00');
    const clock = businessClock(calendar, { from: at('2026-03-01T00:00'), to: now });
    const M = 60_000;
    const weekend = q(1, at('2026-03-06T17:55'), [at('2026-03-09T09:05'), 'member'], [at('2026-03-09T09:35'), 'member']);
    const holiday = q(2, at('2026-03-09T17:00'), [at('2026-03-11T10:00'), 'staff']);
    const waiting = q(3, at('2026-03-12T16:00'), null);
    it('asked Friday 17:55, answered Monday 09:05: 10 business minutes', () => {
      expect(timeToFirstAnswer([weekend], now, clock).median).toEqual({ value: 10 * M, atLeast: null });
      expect(timeToAcceptedAnswer([weekend], now, clock).median.value).toBe(40 * M);
    });
    it('asked Monday 17:00, answered Wednesday 10:00 over the Tuesday holiday: 2 business hours', () => {
      expect(timeToFirstAnswer([holiday], now, clock).median.value).toBe(2 * H);
    });
    it('a question still waiting is censored at now in business time: Thursday 16:00 to Monday 11:00 is 13 h', () => {
      const t = timeToFirstAnswer([weekend, holiday, waiting], now, clock);
      // 10 min and 2 h answered, 13 h censored: S(10 min) = 2/3, S(2 h) = 1/3 → median 2 h; p90 not reached, at least 13 h.
      expect([t.median, t.p90, t.reached, t.waiting]).toEqual([{ value: 2 * H, atLeast: null }, { value: null, atLeast: 13 * H }, 2, 1]);
      // The same cohort in wall-clock time: the weekend and the holiday count, the censored wait is 91 h.
      expect(timeToFirstAnswer([weekend, holiday, waiting], now).p90.atLeast).toBe(91 * H);
      const by = timeToFirstAnswerByResponder([weekend, holiday, waiting], now, clock);
      expect([by.member.median.value, by.staff.reached, by.staff.p90.atLeast]).toEqual([null, 1, 13 * H]);
    });
  });
  it('by responder type: another type answering first ends the wait for this one (censored)', () => {
    const by = timeToFirstAnswerByResponder(facts.slice(0, 4), NOW);
    // staff: q2 answered by staff at 3h; q1 (1h), q3 (4h) censored by other types, q4 still waiting → S(3)=1-1/3 → median not reached
    expect(by.staff.reached).toBe(1);
    expect(by.staff.median.value).toBeNull();
    expect(by.member.median.value).toBeNull();
    expect(by.moderator.reached).toBe(0);
  });
  it('an empty period has no figures, not zeros', () => {
    const empty = communityFigures([], WEEK, NOW);
    expect([empty.questions, empty.answerRate, empty.solvedRate, empty.communityShare]).toEqual([0, null, null, null]);
    expect(timeToFirstAnswer([], NOW).median).toEqual({ value: null, atLeast: null });
  });
  it('escalation rate by trigger: a question escalated twice counts once overall', () => {
    const e = escalationFigures(
      facts,
      [
        { questionId: 3, trigger: 'no_answer', createdAt: MON + 40 * H },
        { questionId: 4, trigger: 'no_answer', createdAt: MON + 40 * H },
        { questionId: 4, trigger: 'asker_request', createdAt: MON + 50 * H },
        { questionId: 5, trigger: 'asker_request', createdAt: MON + 50 * H },
      ],
      WEEK,
      NOW,
    );
    expect(e.rate).toBe(0.5); // q3 and q4 of 4 (q5 is outside the cohort)
    expect(e.byTrigger).toEqual([
      { trigger: 'no_answer', questions: 2, rate: 0.5 },
      { trigger: 'asker_request', questions: 1, rate: 0.25 },
    ]);
  });
  it('superusers: their share of answers and accepted answers, and the top members', () => {
    const a = (authorId: number, responder: AnswerFact['responder'], createdAt: number, acceptedAt: number | null = null): AnswerFact => ({ authorId, authorName: `m${authorId}`, responder, createdAt, acceptedAt });
    const s = superuserFigures([a(1, 'superuser', MON + H, MON + 2 * H), a(1, 'superuser', MON + H), a(2, 'member', MON + H, MON + 3 * H), a(3, 'staff', MON + H, MON + 4 * H), a(2, 'member', MON - H)], WEEK);
    expect([s.answers, s.superuserAnswers, s.superuserAnswerShare]).toEqual([4, 2, 0.5]);
    expect([s.accepted, s.superuserAccepted, s.superuserAcceptedShare]).toEqual([3, 1, 1 / 3]);
    expect(s.top.map((p) => [p.authorId, p.accepted, p.answers])).toEqual([
      [1, 1, 2],
      [2, 1, 1],
    ]);
  });
});

describe('service KPIs (cases)', () => {
  const c = (id: number, over: Partial<CaseFact>): CaseFact => ({
    id,
    createdAt: MON + 9 * H,
    status: 'open',
    priority: 'normal',
    channel: 'contact_form',
    queue: 'billing',
    categoryId: 1,
    locale: 'es',
    customerKey: `m:${id}`,
    firstResponseAt: null,
    agentReplies: 0,
    solvedAt: null,
    closedAt: null,
    closeReason: null,
    ...over,
  });
  const cases: CaseFact[] = [
    c(1, { status: 'solved', agentReplies: 1, solvedAt: MON + 10 * H }),
    c(2, { status: 'closed', agentReplies: 3, solvedAt: MON + 33 * H, closedAt: MON + 4 * DAY_MS, closeReason: 'solved', queue: 'tech' }),
    c(3, { status: 'closed', closedAt: MON + 5 * DAY_MS, closeReason: 'abandoned' }),
    c(4, { status: 'solved', solvedAt: MON + 12 * H, communityAccepted: true, queue: 'tech' }),
    c(5, { status: 'pending_customer', createdAt: MON + DAY_MS + 15 * H }),
    c(6, { status: 'solved', solvedAt: MON + 2 * DAY_MS + 9 * H, agentReplies: 0 }),
  ];
  it('resolution scenario of each case', () => {
    expect(cases.map(resolutionScenario)).toEqual(['agent_first_contact', 'agent_several_replies', 'abandoned', 'community', 'unresolved', 'self_service']);
  });
  it('first-contact resolution: one agent reply ÷ solved', () => {
    expect(firstContactResolution(cases, WEEK)).toEqual({ solved: 4, firstContact: 1, rate: 0.25 });
  });
  it('resolution time: average, median, fastest, slowest, per department', () => {
    const r = resolutionFigures(cases, WEEK, () => (a, b) => b - a, 2);
    // 1h (c1), 24h (c2), 3h (c4), 48h (c6)
    expect(r.solved).toBe(4);
    expect(r.average).toBe(19 * H);
    expect(r.median).toBe(3 * H);
    expect(r.fastest).toEqual([
      { id: 1, ms: H },
      { id: 4, ms: 3 * H },
    ]);
    expect(r.slowest).toEqual([
      { id: 6, ms: 48 * H },
      { id: 2, ms: 24 * H },
    ]);
    expect(r.byQueue).toEqual([
      { queue: 'billing', solved: 2, average: 24.5 * H },
      { queue: 'tech', solved: 2, average: 13.5 * H },
    ]);
  });
  it('case flow: opened and closed per day, pending now, abandoned', () => {
    const flow = caseFlow(cases, WEEK);
    expect(flow.opened.map((d) => d.count)).toEqual([5, 1, 0, 0, 0, 0, 0]);
    // closed: c1 Mon (solve), c4 Mon, c6 Wed, c2 Fri (close), c3 Sat
    expect(flow.closed.map((d) => d.count)).toEqual([2, 0, 1, 0, 1, 1, 0]);
    expect([flow.openedTotal, flow.closedTotal, pendingCases(cases, NOW), flow.abandoned]).toEqual([6, 5, 1, 1]);
  });
  it('hour × weekday heatmap in the calendar time zone', () => {
    // 09:00 UTC on a March Monday is 10:00 in Madrid (CET); 15:00 UTC Tuesday is 16:00.
    expect(localWeekdayHour(MON + 9 * H, 'Europe/Madrid')).toEqual({ weekday: 1, hour: 10 });
    const grid = weekdayHourGrid(cases.map((x) => x.createdAt), WEEK, 'Europe/Madrid');
    expect(grid[0]![10]).toBe(5);
    expect(grid[1]![16]).toBe(1);
    expect(grid.flat().reduce((a, b) => a + b, 0)).toBe(6);
  });
  it('breakdown by a key: counts and shares, largest first', () => {
    expect(breakdown(cases, (x) => x.queue)).toEqual([
      { key: 'billing', count: 4, share: 4 / 6 },
      { key: 'tech', count: 2, share: 2 / 6 },
    ]);
  });
  it('SLA attainment: met ÷ judged, running clocks not judged yet', () => {
    const k = (caseId: number, kind: string, o: Partial<SlaClockFact>): SlaClockFact => ({ caseId, kind, priority: 'normal', queue: 'billing', caseCreatedAt: MON, dueAt: MON + 8 * H, breachedAt: null, stoppedAt: null, ...o });
    const s = slaFigures(
      [
        k(1, 'first_response', { stoppedAt: MON + H }),
        k(2, 'first_response', { stoppedAt: MON + 9 * H, breachedAt: MON + 8 * H }),
        k(3, 'first_response', { dueAt: NOW - H }),
        k(4, 'first_response', { dueAt: NOW + H, priority: 'urgent' }),
        k(1, 'resolution', { stoppedAt: MON + 2 * H }),
        k(1, 'next_response', { stoppedAt: MON + 2 * H }),
        k(9, 'first_response', { caseCreatedAt: MON - DAY_MS, stoppedAt: MON - H }),
      ],
      WEEK,
      NOW,
    );
    expect(s.firstResponse).toEqual({ key: 'first_response', met: 1, breached: 2, running: 1, attainment: 1 / 3 });
    expect(s.resolution.attainment).toBe(1);
    expect(s.byPriority.map((g) => [g.key, g.attainment])).toEqual([
      ['normal', 0.5],
      ['urgent', null],
    ]);
    // both kinds together: first response 1 met of 3 judged, resolution 1 of 1 → 2 of 4 (the next-response clock is not a target of the KPI)
    expect(slaAttainment(s)).toBe(0.5);
    // nothing judged yet (only running clocks): no value rather than 0 % or 100 %
    expect(slaAttainment(slaFigures([k(5, 'resolution', { dueAt: NOW + H })], WEEK, NOW))).toBeNull();
  });
  it('satisfaction: CSAT is the share of 4–5, NPS promoters − detractors', () => {
    const s = satisfactionFigures(
      [
        { caseId: 1, score: 5, nps: 10, comment: 'great', createdAt: MON + H },
        { caseId: 2, score: 4, nps: 7, comment: '', createdAt: MON + 2 * H },
        { caseId: 3, score: 2, nps: 3, comment: 'slow', createdAt: MON + 3 * H },
        { caseId: 4, score: 3, nps: null, comment: '', createdAt: MON + 4 * H },
      ],
      WEEK,
    );
    expect(s.csat).toBe(0.5);
    expect(s.nps).toBe(0); // 1 promoter − 1 detractor of 3
    expect(s.comments.map((x) => x.comment)).toEqual(['slow', 'great']);
  });
  it('self-service score: unique viewers ÷ unique customers with a case', () => {
    const viewers = uniqueIn([{ at: MON, k: 'a' }, { at: MON + H, k: 'a' }, { at: MON, k: 'b' }, { at: MON - H, k: 'c' }], WEEK, (x) => x.at, (x) => x.k);
    expect(viewers).toBe(2);
    expect(selfServiceScore(viewers, uniqueIn(cases, WEEK, (x) => x.createdAt, (x) => x.customerKey))).toBe(2 / 6);
    expect(selfServiceScore(5, 0)).toBeNull();
  });
});

describe('search, knowledge base and deflection KPIs', () => {
  const s = (query: string, resultCount: number, clicks: number, followedBy = false, at = MON + H): SearchFact => ({ at, query, resultCount, clicks, followedBy });
  it('search success, zero results and the failing queries', () => {
    const f = searchFigures([s('factura', 3, 1), s('factura', 3, 0), s('wifi', 0, 0, true), s('wifi', 0, 0), s('router', 2, 0, true), s('old', 0, 0, false, MON - H)], WEEK);
    expect([f.searches, f.successRate, f.zeroResultRate]).toEqual([5, 0.2, 0.4]);
    expect(f.topZeroResult).toEqual([{ query: 'wifi', searches: 2 }]);
    expect(f.topNoClick).toEqual([
      { query: 'factura', searches: 1 },
      { query: 'router', searches: 1 },
    ]);
    expect(f.topFollowedBySubmission).toEqual([
      { query: 'router', searches: 1 },
      { query: 'wifi', searches: 1 },
    ]);
  });
  it('a search is followed by a submission from the same visitor within 30 minutes', () => {
    const followed = followedBySubmission(
      [
        { at: 0, visitorId: 'a', memberId: null },
        { at: 0, visitorId: null, memberId: 7 },
        { at: 0, visitorId: 'b', memberId: null },
        { at: 0, visitorId: 'c', memberId: null },
      ],
      [
        { at: 10 * 60_000, visitorId: 'a', memberId: null },
        { at: 29 * 60_000, visitorId: 'x', memberId: 7 },
        { at: 31 * 60_000, visitorId: 'b', memberId: null },
        { at: -60_000, visitorId: 'c', memberId: null },
      ],
    );
    expect(followed).toEqual([true, true, false, false]);
  });
  it('article helpfulness is shown from 5 votes; falling helpfulness compares periods', () => {
    expect(articleFigures({ articleId: 1, title: 'a', views: 10, helpful: 3, notHelpful: 1, deflections: 0 }).helpfulness).toBeNull();
    expect(articleFigures({ articleId: 1, title: 'a', views: 10, helpful: 4, notHelpful: 1, deflections: 0 }).helpfulness).toBe(0.8);
    const falling = fallingHelpfulness([
      { articleId: 1, title: 'a', views: 0, helpful: 2, notHelpful: 3, deflections: 0, previousHelpful: 5, previousNotHelpful: 0 },
      { articleId: 2, title: 'b', views: 0, helpful: 5, notHelpful: 0, deflections: 0, previousHelpful: 4, previousNotHelpful: 1 },
      { articleId: 3, title: 'c', views: 0, helpful: 1, notHelpful: 1, deflections: 0, previousHelpful: 5, previousNotHelpful: 0 },
    ]);
    expect(falling.map((a) => [a.articleId, a.change])).toEqual([[1, -0.6]]);
  });
  it('cost avoided: confirmations that held × cost per case', () => {
    expect(costAvoided({ confirmations: 12, failedConfirmations: 2 }, 1500)).toEqual({ deflections: 10, cents: 15000 });
    expect(costAvoided({ confirmations: 0, failedConfirmations: 0 }, 1500)).toEqual({ deflections: 0, cents: 0 });
  });
  it('the deflection funnel counts sessions that passed every stage before', () => {
    const e = (type: string, surface = 'ask_form') => ({ type, surface });
    const sessions = [
      [e('form_reached'), e('suggestion_shown'), e('suggestion_opened'), e('confirmed')],
      [e('form_reached', 'contact_form'), e('suggestion_shown', 'contact_form'), e('form_submitted', 'contact_form')],
      [e('form_reached'), e('form_submitted')],
      [e('suggestion_shown', 'widget'), e('confirmed', 'widget')],
      [e('form_reached'), e('suggestion_shown'), e('confirmed')],
    ].map(sessionFunnel);
    // the widget session never reached a form; the last one confirmed from the list (counts as opened)
    expect(sessions[3]).toEqual(NO_FUNNEL);
    expect(sessions[4]).toEqual({ reachedForm: 1, sawSuggestions: 1, opened: 1, confirmed: 1, submitted: 0 });
    expect(sessions.reduce(addFunnels, NO_FUNNEL)).toEqual({ reachedForm: 4, sawSuggestions: 3, opened: 2, confirmed: 2, submitted: 2 });
  });
});
