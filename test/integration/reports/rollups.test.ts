import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SqliteDb } from '../../../db/client';
import { acceptedAnswers, answers, cases, events, questions, searchClicks, searchEvents, users } from '../../../db/schema/index';
import type { Actor } from '../../../src/lib/auth/sessions';
import { acceptAnswer, unacceptAnswer } from '../../../src/lib/community/accept-answer';
import { openCase, SYSTEM } from '../../../src/lib/cases/case-writes';
import { answerQuestion } from '../../../src/lib/community/answer-question';
import { askQuestion } from '../../../src/lib/community/ask-question';
import { deletePost } from '../../../src/lib/community/delete-post';
import { drainOutbox } from '../../../src/lib/jobs/outbox';
import { communityFigures, responderTypeOfRole, timeToAcceptedAnswer, timeToFirstAnswer, type QuestionFact } from '../../../src/lib/reports/community-kpis';
import { searchFigures } from '../../../src/lib/reports/content-kpis';
import { DAY_MS, parseReportFilters } from '../../../src/lib/reports/filters';
import { caseCustomers, caseOpenings, loadDaily, loadQuestionFacts, reportScope, total, uniqueViewers } from '../../../src/lib/reports/load';
import { rebuildKpiRollups, refreshQuestionFacts, runKpiRollups } from '../../../src/lib/reports/rollups';
import { createCategory, createMember, createTestDb } from '../../helpers/db';

const H = 3600 * 1000;
const START = Date.UTC(2026, 2, 2);
const NOW = START + 20 * DAY_MS;

let db: SqliteDb;

/** The outbox as the server drains it for the reports: every changed question gets its fact row again. */
async function drain() {
  await drainOutbox(db, { 'question.changed': async (m) => db.transaction((tx) => refreshQuestionFacts(tx, [Number(m.payload.questionId)])) }, () => NOW);
}

/** The question facts computed in JavaScript from the raw tables: the from-scratch side of the comparison. */
function factsFromScratch(): (QuestionFact & { locale: string; categoryId: number })[] {
  const roles = new Map(db.select({ id: users.id, role: users.role }).from(users).all().map((u) => [u.id, u.role]));
  const allAnswers = db.select().from(answers).all();
  const accepted = new Map(db.select().from(acceptedAnswers).all().map((a) => [a.questionId, a]));
  return db
    .select()
    .from(questions)
    .all()
    .filter((q) => q.status === 'published' && q.deletedAt === null)
    .map((q) => {
      const valid = allAnswers.filter((a) => a.questionId === q.id && a.status === 'published' && a.deletedAt === null && a.authorId !== q.authorId).sort((a, b) => a.createdAt - b.createdAt || a.id - b.id);
      const acc = accepted.get(q.id);
      const accAnswer = acc ? valid.find((a) => a.id === acc.answerId) : undefined;
      return {
        id: q.id,
        createdAt: q.createdAt,
        locale: q.locale,
        categoryId: q.categoryId,
        firstAnswerAt: valid[0]?.createdAt ?? null,
        firstAnswerBy: valid[0] ? responderTypeOfRole(roles.get(valid[0].authorId)!) : null,
        acceptedAt: accAnswer ? acc!.acceptedAt : null,
        acceptedBy: accAnswer ? responderTypeOfRole(roles.get(accAnswer.authorId)!) : null,
      };
    });
}

describe('rollups equal a from-scratch computation', () => {
  const asked: { id: number; asker: Actor }[] = [];
  beforeAll(async () => {
    db = createTestDb();
    const billing = createCategory(db, 'billing');
    const internet = createCategory(db, 'internet');
    // Cases of every channel, some before the first rollup run and some after; two from the same customer.
    const CHANNELS = ['contact_form', 'thread', 'widget', 'api', 'moderator', 'contact_form'] as const;
    const openCases = (from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const customer = { userId: null, email: i === 7 ? 'ANA@example.com' : i === 1 ? 'ana@example.com' : `customer${i}@example.com`, name: `Customer ${i}` };
        const category = i % 3 === 0 ? null : { id: (i % 2 ? billing : internet).id, parentId: null };
        openCase(db, { channel: CHANNELS[i % CHANNELS.length]!, subject: `Case ${i}`, body: 'Something does not work.', locale: i % 2 ? 'en' : 'es', customer, category, opener: SYSTEM }, START + (i % 10) * DAY_MS + 5 * H);
      }
    };
    openCases(0, 5);
    const old = { createdAt: 0 };
    const agent = await createMember(db, 'agent', old);
    const superuser = await createMember(db, 'superuser', old);
    const helper = await createMember(db, 'member', old);
    const moderator = await createMember(db, 'moderator', old);
    // 12 questions over 12 days, alternating locale and category.
    for (let i = 0; i < 12; i++) {
      const asker = await createMember(db, 'member', { ...old, locale: i % 2 ? 'en' : 'es' });
      const q = askQuestion(db, asker, { title: `Question number ${i} about the router`, body: `Body of question number ${i}, long enough to pass.`, category: i % 3 ? 'billing' : 'internet', locale: i % 2 ? 'en' : 'es' }, START + i * DAY_MS + 9 * H);
      asked.push({ id: q.id, asker });
    }
    await drain();
    runKpiRollups(db, NOW);
    openCases(5, 14);
    // Answers arrive after the first rollup: the incremental path has to follow them.
    const answerIds: number[] = [];
    for (let i = 0; i < 9; i++) {
      const by = [agent, superuser, helper][i % 3]!;
      const a = answerQuestion(db, by, asked[i]!.id, { body: `An answer number ${i} that explains what to do.` }, START + i * DAY_MS + (10 + i) * H);
      answerIds.push(a.id);
    }
    // The asker's own answer never counts as the first answer.
    answerQuestion(db, asked[9]!.asker, asked[9]!.id, { body: 'Answering my own question here.' }, START + 9 * DAY_MS + 10 * H);
    for (const i of [0, 1, 2, 4]) acceptAnswer(db, asked[i]!.asker, answerIds[i]!, START + i * DAY_MS + 30 * H);
    unacceptAnswer(db, asked[4]!.asker, answerIds[4]!, START + 5 * DAY_MS);
    deletePost(db, moderator, answerIds[5]!, START + 6 * DAY_MS);
    deletePost(db, moderator, asked[11]!.id, START + 12 * DAY_MS);
    await drain();
    // Searches, clicks and views, in two batches around a rollup run.
    const search = (i: number, resultCount: number, surface: string) =>
      db.insert(searchEvents).values({ occurredAt: START + (i % 10) * DAY_MS + H, query: `q${i % 4}`, resultCount, locale: i % 2 ? 'en' : 'es', surface, visitorId: `visitor-${i % 5}-abcdefghijkl` }).returning().get().id;
    const ids: number[] = [];
    for (let i = 0; i < 20; i++) ids.push(search(i, i % 3 === 0 ? 0 : 4, i % 4 === 0 ? 'widget' : 'site'));
    db.insert(searchClicks).values({ searchEventId: ids[1]!, occurredAt: START + H, docType: 'question', docId: 1, position: 1 }).run();
    runKpiRollups(db, NOW, { batch: 7 });
    runKpiRollups(db, NOW, { batch: 7 });
    for (let i = 20; i < 30; i++) ids.push(search(i, i % 3 === 0 ? 0 : 2, 'site'));
    // a second click on an already clicked search counts once
    for (const id of [ids[1]!, ids[2]!, ids[2]!, ids[25]!]) db.insert(searchClicks).values({ searchEventId: id, occurredAt: START + 2 * H, docType: 'article', docId: 1, position: 2 }).run();
    for (let i = 0; i < 15; i++) {
      db.insert(events)
        .values({ type: i % 2 ? 'question.viewed' : 'article.viewed', occurredAt: START + (i % 7) * DAY_MS + 2 * H, visitorId: i % 3 ? `viewer-${i % 4}-abcdefghijk` : null, userId: null, locale: 'es', surface: 'site', subjectType: i % 2 ? 'question' : 'article', subjectId: i % 2 ? asked[0]!.id : 1, data: i % 3 ? null : { viewer: `h:anon${i % 2}` } })
        .run();
    }
    while (runKpiRollups(db, NOW, { batch: 4 }).more);
  });

  const filterSets: Record<string, string>[] = [{}, { locale: 'es' }, { locale: 'en', category: 'billing' }, { category: 'internet' }];

  it.each(filterSets)('community KPIs from the rollup equal the raw facts (filters %o)', (input) => {
    const filters = parseReportFilters({ from: '2026-03-01', to: '2026-03-21', ...input }, NOW);
    const scope = reportScope(db, filters);
    const rolled = loadQuestionFacts(db, scope, filters.period);
    const categoryIds = scope.categoryIds;
    const raw = factsFromScratch().filter((f) => (!filters.locale || f.locale === filters.locale) && (!categoryIds || categoryIds.includes(f.categoryId)));
    const strip = ({ locale: _l, categoryId: _c, ...f }: QuestionFact & { locale: string; categoryId: number }) => f;
    expect(rolled.sort((a, b) => a.id - b.id)).toEqual(raw.map(strip).sort((a, b) => a.id - b.id));
    expect(communityFigures(rolled, filters.period, NOW)).toEqual(communityFigures(raw, filters.period, NOW));
    expect(timeToFirstAnswer(rolled, NOW)).toEqual(timeToFirstAnswer(raw, NOW));
    expect(timeToAcceptedAnswer(rolled, NOW)).toEqual(timeToAcceptedAnswer(raw, NOW));
  });

  it('the fixture exercises what it should: deleted question gone, own answer ignored, unaccepted and deleted answers out', () => {
    const facts = new Map(factsFromScratch().map((f) => [f.id, f]));
    expect(facts.has(asked[11]!.id)).toBe(false);
    expect(facts.get(asked[9]!.id)!.firstAnswerAt).toBeNull();
    expect(facts.get(asked[4]!.id)!.acceptedAt).toBeNull();
    expect(facts.get(asked[5]!.id)!.firstAnswerAt).toBeNull();
    expect(facts.get(asked[1]!.id)!.acceptedBy).toBe('superuser');
    const f = communityFigures([...facts.values()], { from: START, to: NOW }, NOW);
    expect([f.questions, f.answered, f.solved]).toEqual([11, 8, 3]);
  });

  it('search counters from the rollup equal the raw search events and clicks', () => {
    for (const input of [{}, { locale: 'en' }, { channel: 'widget' }, { channel: 'site', locale: 'es' }]) {
      const filters = parseReportFilters({ from: '2026-03-01', to: '2026-03-21', ...input }, NOW);
      const daily = loadDaily(db, reportScope(db, filters), ['searches', 'searches_zero', 'searches_clicked'], filters.period);
      const clicks = new Map<number, number>();
      for (const c of db.select().from(searchClicks).all()) clicks.set(c.searchEventId, (clicks.get(c.searchEventId) ?? 0) + 1);
      const raw = db
        .select()
        .from(searchEvents)
        .all()
        .filter((s) => (!filters.locale || s.locale === filters.locale) && (!filters.channel || s.surface === filters.channel))
        .map((s) => ({ at: s.occurredAt, query: s.query, resultCount: s.resultCount, clicks: clicks.get(s.id) ?? 0 }));
      const expected = searchFigures(raw, filters.period);
      expect([total(daily, 'searches'), total(daily, 'searches_zero'), total(daily, 'searches_clicked')]).toEqual([expected.searches, expected.zeroResults, expected.clicked]);
    }
  });

  it('cases opened from the rollup equal the cases table, under the channel each came through', () => {
    const reportChannel: Record<string, string> = { contact_form: 'contact_form', widget: 'widget', thread: 'site', moderator: 'site', api: '' };
    const all = db.select().from(cases).all();
    expect(all).toHaveLength(14);
    for (const input of [{}, { locale: 'en' }, { channel: 'contact_form' }, { channel: 'site' }, { channel: 'ask_form' }, { category: 'billing', channel: 'widget' }]) {
      const filters = parseReportFilters({ from: '2026-03-01', to: '2026-03-21', ...input }, NOW);
      const scope = reportScope(db, filters);
      const raw = all.filter(
        (k) =>
          (!filters.locale || k.locale === filters.locale) &&
          (!filters.channel || reportChannel[k.channel] === filters.channel) &&
          (!scope.categoryIds || (k.categoryId !== null && scope.categoryIds.includes(k.categoryId))),
      );
      expect(total(loadDaily(db, scope, ['cases_opened'], filters.period), 'cases_opened')).toBe(raw.length);
      expect(caseOpenings(db, scope, filters.period).map((k) => k.at).sort((a, b) => a - b)).toEqual(raw.map((k) => k.createdAt).sort((a, b) => a - b));
      expect(caseCustomers(db, scope, filters.period)).toBe(new Set(raw.map((k) => k.email.toLowerCase())).size);
    }
    // 14 cases, 13 customers: ana@ and ANA@ are one; a channel the cases never come through has none
    expect(caseCustomers(db, reportScope(db, parseReportFilters({ from: '2026-03-01', to: '2026-03-21' }, NOW)), { from: START, to: NOW })).toBe(13);
    expect(caseOpenings(db, reportScope(db, parseReportFilters({ from: '2026-03-01', to: '2026-03-21', channel: 'ask_form' }, NOW)), { from: START, to: NOW })).toEqual([]);
  });

  it('unique viewers count a visitor once over the range, anonymous readers by their hashed key', () => {
    const filters = parseReportFilters({ from: '2026-03-01', to: '2026-03-21' }, NOW);
    const keys = new Set(db.select().from(events).all().map((e) => (e.visitorId ? `v:${e.visitorId}` : (e.data as { viewer: string }).viewer)));
    expect(uniqueViewers(db, reportScope(db, filters), filters.period)).toBe(keys.size);
  });

  it('a rebuild from scratch gives the same rows as the incremental runs', () => {
    const snapshot = () => ({
      facts: db.all(sql`select * from kpi_question_facts order by question_id`),
      daily: db.all(sql`select * from kpi_daily order by metric, day, locale, category_id, channel`),
      visitors: db.all(sql`select * from kpi_visitor_days order by day, visitor_key, locale, category_id`),
    });
    const incremental = snapshot();
    const steps: string[] = [];
    const result = rebuildKpiRollups(db, NOW, (step) => steps.push(step), 3);
    expect(snapshot()).toEqual(incremental);
    expect(result.questions).toBe(11);
    expect(new Set(steps)).toEqual(new Set(['questions', 'search_events', 'search_clicks', 'events', 'cases']));
    // and the next incremental run has nothing left to read
    expect(runKpiRollups(db, NOW).read).toEqual({ search_events: 0, search_clicks: 0, events: 0, cases: 0 });
  });
});
