import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import type { Locale } from '../../../db/schema/accounts';
import { businessClock } from '../business-hours/business-hours';
import { caseNumber } from '../cases/case-writes';
import { calendarOfQueue, loadCaseSetup } from '../cases/setup';
import { categoryName } from '../community/categories';
import { deflectionRates, type DeflectionCounts } from '../deflection/sessions';
import { readDeflectionSettings } from '../deflection/settings';
import { funnelChart, heatmapChart, splitChart, stackedBarChart, timeSeriesChart } from './charts';
import {
  communityFigures,
  escalationFigures,
  inPeriod,
  RESPONDER_TYPES,
  superuserFigures,
  timeToAcceptedAnswer,
  timeToFirstAnswer,
  timeToFirstAnswerByResponder,
  type Measure,
  type QuestionFact,
  type ResponderType,
} from './community-kpis';
import { articleFigures, costAvoided, fallingHelpfulness, followedBySubmission, searchFigures, type ArticleFacts, type DeflectionFunnel, type SearchFact } from './content-kpis';
import { articleConfirmations, deflectionBy, loadDeflection, type DeflectionBreakdown } from './deflection-kpis';
import { loadPointsByMember, loadPointsFacts, loadProgramAnswers, loadTenures, programFigures } from './superuser-kpis';
import { daysOf, filtersQuery, type Period, type ReportFilters } from './filters';
import { formatCount, formatDay, formatDuration, formatPercent, type ValueKind } from './format';
import {
  caseCustomers,
  caseOpeningQuarters,
  caseOpenings,
  countPendingCases,
  loadCaseFacts,
  loadCsat,
  loadDaily,
  loadEscalations,
  loadQuestionFacts,
  loadSlaClocks,
  reportScope,
  total,
  uniqueViewers,
  type DailyMetric,
  type ReportScope,
} from './load';
import {
  breakdown,
  caseFlow,
  firstContactResolution,
  resolutionFigures,
  resolutionScenario,
  satisfactionFigures,
  slaAttainment,
  slaFigures,
  weekdayHourGrid,
  type CaseFact,
  type SlaGroup,
} from './service-kpis';
import { compare, type CensoredQuantile, type Comparison } from './statistics';

/**
 * The view models of the reports area: for each page, its KPIs with the previous period, its charts (SVG and the
 * table behind each) and its tables (each exportable as CSV or JSON). Pages render them; `GET /api/v1/kpis` and the
 * exports serve the same values.
 */

export const REPORT_SECTIONS = ['overview', 'deflection', 'community', 'cases', 'search', 'kb', 'superusers'] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

/** Facts that are not on this installation yet (their domains land separately): the KPI is defined but has no value. */
export type PendingSource = 'deflection' | 'reputation';

export interface Kpi extends Comparison {
  key: string;
  kind: ValueKind;
  /** For a censored quantile not reached: the wait is at least this long. */
  atLeast?: number | null;
  /** Which way is good: a rise of the zero-result rate is bad news. */
  better: 'up' | 'down';
  pending?: PendingSource;
  section: ReportSection;
  /** For money: the ISO currency of the value (the admin's deflection settings). */
  currency?: string;
}

export interface ReportTable {
  id: string;
  columns: { key: string; kind: ValueKind }[];
  rows: Record<string, string | number | null>[];
  /** Per row, where the action that fixes it is (content gaps), or null. */
  actions?: ({ href: string; labelKey: string } | null)[];
}

export interface ReportChart {
  id: string;
  titleKey: string;
  svg: string;
  table: ReportTable;
}

export interface ReportView {
  section: ReportSection;
  filters: ReportFilters;
  kpis: Kpi[];
  charts: ReportChart[];
  tables: ReportTable[];
  /** Message keys of notes on what the figures leave out. */
  notes: string[];
  /** Data sources this page's definitions need that have not landed. */
  pending: PendingSource[];
}

export type Translate = (key: string, vars?: Record<string, string | number>) => string;

interface Ctx {
  db: Db;
  scope: ReportScope;
  filters: ReportFilters;
  now: number;
  locale: Locale;
  t: Translate;
  /** How long the community waited (answers, superusers' responses): business hours of the default queue's calendar. */
  measure: Measure;
}

const kpi = (section: ReportSection, key: string, kind: ValueKind, value: number | null, previous: number | null, better: 'up' | 'down' = 'up', extra: Partial<Kpi> = {}): Kpi => ({
  section,
  key,
  kind,
  better,
  ...compare(value, previous),
  ...extra,
});


/** The previous period seen from as far after its end as the current one is seen from its end: cohorts compared fairly. */
function previousNow(c: Ctx): number {
  return c.now - (c.filters.period.to - c.filters.period.from);
}

function communityBlock(c: Ctx) {
  const { period, previous } = c.filters;
  const facts = loadQuestionFacts(c.db, c.scope, { from: previous.from, to: period.to });
  const current = facts.filter((f) => inPeriod(f.createdAt, period));
  const before = facts.filter((f) => inPeriod(f.createdAt, previous));
  const prevNow = previousNow(c);
  return {
    facts,
    current,
    before,
    now: communityFigures(current, period, c.now),
    prev: communityFigures(before, previous, prevNow),
    ttfa: timeToFirstAnswer(current, c.now, c.measure),
    ttfaPrev: timeToFirstAnswer(before, prevNow, c.measure),
    ttaa: timeToAcceptedAnswer(current, c.now, c.measure),
    ttaaPrev: timeToAcceptedAnswer(before, prevNow, c.measure),
  };
}

type Community = ReturnType<typeof communityBlock>;

function communityKpis(section: ReportSection, b: Community, detailed: boolean): Kpi[] {
  const list = [
    kpi(section, 'answerRate', 'percent', b.now.answerRate, b.prev.answerRate),
    kpi(section, 'solvedRate', 'percent', b.now.solvedRate, b.prev.solvedRate),
    kpi(section, 'communityShare', 'percent', b.now.communityShare, b.prev.communityShare),
    kpi(section, 'timeToFirstAnswer', 'duration', b.ttfa.median.value, b.ttfaPrev.median.value, 'down', { atLeast: b.ttfa.median.atLeast }),
    kpi(section, 'timeToAcceptedAnswer', 'duration', b.ttaa.median.value, b.ttaaPrev.median.value, 'down', { atLeast: b.ttaa.median.atLeast }),
  ];
  if (detailed) {
    list.splice(3, 0, kpi(section, 'communityAcceptedShare', 'percent', b.now.communityAcceptedShare, b.prev.communityAcceptedShare));
    list.push(kpi(section, 'timeToFirstAnswerP90', 'duration', b.ttfa.p90.value, b.ttfaPrev.p90.value, 'down', { atLeast: b.ttfa.p90.atLeast }));
    list.push(kpi(section, 'timeToAcceptedAnswerP90', 'duration', b.ttaa.p90.value, b.ttaaPrev.p90.value, 'down', { atLeast: b.ttaa.p90.atLeast }));
    list.unshift(kpi(section, 'questions', 'count', b.now.questions, b.prev.questions));
  }
  return list;
}

/** Counts per day of the period and of the previous one, aligned day by day. */
function daySeries(period: Period, previous: Period, counts: (range: Period) => Map<number, number>) {
  const cur = counts(period);
  const prev = counts(previous);
  const days = daysOf(period);
  const prevDays = daysOf(previous);
  return { days, current: days.map((d) => cur.get(d) ?? 0), previous: prevDays.map((d) => prev.get(d) ?? 0) };
}

function countByDay<T>(items: readonly T[], at: (item: T) => number): Map<number, number> {
  const m = new Map<number, number>();
  for (const item of items) {
    const d = Math.floor(at(item) / 86_400_000) * 86_400_000;
    m.set(d, (m.get(d) ?? 0) + 1);
  }
  return m;
}

function seriesChart(c: Ctx, id: string, titleKey: string, descriptionKey: string, series: ReturnType<typeof daySeries>): ReportChart {
  const { t, locale } = c;
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const now = sum(series.current);
  const before = sum(series.previous);
  const description = t(descriptionKey, { n: formatCount(locale, now), previous: formatCount(locale, before) });
  return {
    id,
    titleKey,
    svg: timeSeriesChart({
      id,
      title: t(titleKey),
      description,
      xLabels: series.days.map((d) => formatDay(locale, d)),
      current: { label: t('reports.chart.thisPeriod'), values: series.current },
      previous: { label: t('reports.chart.previousPeriod'), values: series.previous },
      format: (n) => formatCount(locale, n),
    }),
    table: {
      id,
      columns: [
        { key: 'day', kind: 'date' },
        { key: 'value', kind: 'count' },
        { key: 'previousDay', kind: 'date' },
        { key: 'previousValue', kind: 'count' },
      ],
      rows: series.days.map((d, i) => ({ day: d, value: series.current[i]!, previousDay: d - (c.filters.period.to - c.filters.period.from), previousValue: series.previous[i] ?? null })),
    },
  };
}

function responderChart(c: Ctx, id: string, counts: Record<ResponderType, number>, totalKey: string): ReportChart {
  const { t, locale } = c;
  const sum = RESPONDER_TYPES.reduce((a, k) => a + counts[k], 0);
  const parts = RESPONDER_TYPES.map((k) => ({ label: t(`reports.responder.${k}`), value: counts[k] }));
  return {
    id,
    titleKey: 'reports.chart.responders',
    svg: splitChart({
      id,
      title: t('reports.chart.responders'),
      description: parts.map((p) => `${p.label}: ${p.value}`).join(', '),
      parts,
      format: (n) => formatCount(locale, n),
      percent: (n) => formatPercent(locale, n, 0),
      centre: [formatCount(locale, sum), t(totalKey)],
    }),
    table: {
      id,
      columns: [
        { key: 'responder', kind: 'text' },
        { key: 'answers', kind: 'count' },
        { key: 'share', kind: 'percent' },
      ],
      rows: RESPONDER_TYPES.map((k) => ({ responder: t(`reports.responder.${k}`), answers: counts[k], share: sum ? counts[k] / sum : null })),
    },
  };
}

function searchBlock(c: Ctx) {
  const metrics: DailyMetric[] = ['searches', 'searches_zero', 'searches_clicked'];
  const { period, previous } = c.filters;
  const cur = loadDaily(c.db, c.scope, metrics, period);
  const prev = loadDaily(c.db, c.scope, metrics, previous);
  const rates = (d: typeof cur) => {
    const searches = total(d, 'searches');
    return { searches, success: searches ? total(d, 'searches_clicked') / searches : null, zero: searches ? total(d, 'searches_zero') / searches : null };
  };
  return { cur, prev, now: rates(cur), before: rates(prev), available: c.scope.categoryIds === null };
}

function searchKpis(section: ReportSection, s: ReturnType<typeof searchBlock>, detailed: boolean): Kpi[] {
  if (!s.available) return [];
  const list = [kpi(section, 'searchSuccess', 'percent', s.now.success, s.before.success), kpi(section, 'zeroResultRate', 'percent', s.now.zero, s.before.zero, 'down')];
  if (detailed) list.unshift(kpi(section, 'searches', 'count', s.now.searches, s.before.searches));
  return list;
}

function searchChart(c: Ctx, s: ReturnType<typeof searchBlock>): ReportChart {
  const { t, locale } = c;
  const days = daysOf(c.filters.period);
  const get = (m: DailyMetric, d: number) => s.cur.get(m)?.get(d) ?? 0;
  const clicked = days.map((d) => get('searches_clicked', d));
  const zero = days.map((d) => get('searches_zero', d));
  const other = days.map((d, i) => Math.max(0, get('searches', d) - clicked[i]! - zero[i]!));
  const id = 'searches-per-day';
  const series = [
    { label: t('reports.search.clicked'), values: clicked },
    { label: t('reports.search.noClick'), values: other },
    { label: t('reports.search.zero'), values: zero },
  ];
  return {
    id,
    titleKey: 'reports.chart.searches',
    svg: stackedBarChart({
      id,
      title: t('reports.chart.searches'),
      description: t('reports.chart.searchesDesc', { n: formatCount(locale, s.now.searches) }),
      categories: days.map((d) => formatDay(locale, d)),
      series,
      format: (n) => formatCount(locale, n),
    }),
    table: {
      id,
      columns: [
        { key: 'day', kind: 'date' },
        { key: 'clicked', kind: 'count' },
        { key: 'noClick', kind: 'count' },
        { key: 'zeroResults', kind: 'count' },
      ],
      rows: days.map((d, i) => ({ day: d, clicked: clicked[i]!, noClick: other[i]!, zeroResults: zero[i]! })),
    },
  };
}

function selfServiceKpi(c: Ctx, section: ReportSection): Kpi {
  const { period, previous } = c.filters;
  const score = (range: Period) => {
    const customers = caseCustomers(c.db, c.scope, range);
    return customers > 0 ? uniqueViewers(c.db, c.scope, range) / customers : null;
  };
  return kpi(section, 'selfServiceScore', 'ratio', score(period), score(previous));
}

const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

function heatmap(c: Ctx, times: readonly number[], timeZone: string, weights?: readonly number[]): ReportChart {
  const { t } = c;
  const grid = weekdayHourGrid(times, c.filters.period, timeZone, weights);
  const n = weights ? weights.reduce((a, b) => a + b, 0) : times.length;
  const rowLabels = WEEKDAY_KEYS.map((k) => t(`reports.weekday.${k}`));
  const id = 'cases-heatmap';
  return {
    id,
    titleKey: 'reports.chart.heatmap',
    svg: heatmapChart({ id, title: t('reports.chart.heatmap'), description: t('reports.chart.heatmapDesc', { n, zone: timeZone }), grid, rowLabels, columnLabels: Array.from({ length: 24 }, (_, h) => `${h}`), emptyText: t('reports.empty') }),
    table: {
      id,
      columns: [{ key: 'weekday', kind: 'text' }, ...Array.from({ length: 24 }, (_, h) => ({ key: `h${String(h).padStart(2, '0')}`, kind: 'count' as ValueKind }))],
      rows: grid.map((row, i) => ({ weekday: rowLabels[i]!, ...Object.fromEntries(row.map((v, h) => [`h${String(h).padStart(2, '0')}`, v])) })),
    },
  };
}

/** The time zone of the heatmap: the support team's, the calendar of the default case queue. */
function supportTimeZone(db: Db): string {
  return db.get<{ zone: string }>(sql`select c.time_zone as zone from case_queues q join business_calendars c on c.id = q.calendar_id where q.is_default = 1`)?.zone ?? 'Europe/Madrid';
}

function categoryLabels(db: Db, locale: Locale): Map<number, string> {
  const rows = db.all<{ id: number; nameEs: string; nameEn: string }>(sql`select id, name_es as nameEs, name_en as nameEn from categories`);
  return new Map(rows.map((r) => [r.id, categoryName(r, locale)]));
}

function overview(c: Ctx): ReportView {
  const b = communityBlock(c);
  const s = searchBlock(c);
  const section = 'overview';
  const kpis: Kpi[] = [
    selfServiceKpi(c, section),
    ...deflectionKpis(section, deflectionBlock(c), false),
    ...communityKpis(section, b, false),
    ...caseKpis(section, caseBlock(c, b, false), false),
    ...searchKpis(section, s, false),
  ];
  const charts = [
    seriesChart(c, 'questions-per-day', 'reports.chart.questions', 'reports.chart.questionsDesc', daySeries(c.filters.period, c.filters.previous, (r) => countByDay(b.facts.filter((f) => inPeriod(f.createdAt, r)), (f) => f.createdAt))),
    ...(s.available ? [searchChart(c, s)] : []),
    responderChart(c, 'first-answers-by-responder', b.now.firstAnswersBy, 'reports.chart.firstAnswers'),
    overviewHeatmap(c),
  ];
  return { section, filters: c.filters, kpis, charts, tables: [], notes: notesFor(c, ['reports.note.businessHours']), pending: [] };
}

/** The case heatmap from the cases opened per quarter hour (a row per quarter, not per case). */
function overviewHeatmap(c: Ctx): ReportChart {
  const quarters = caseOpeningQuarters(c.db, c.scope, c.filters.period);
  return heatmap(
    c,
    quarters.map((q) => q.at),
    supportTimeZone(c.db),
    quarters.map((q) => q.n),
  );
}

function notesFor(c: Ctx, base: string[]): string[] {
  const notes = [...base];
  if (c.filters.channel) notes.push('reports.note.channelQuestions');
  if (c.filters.category) notes.push('reports.note.categorySearch');
  return notes;
}

function community(c: Ctx): ReportView {
  const b = communityBlock(c);
  const section = 'community';
  const byResponder = timeToFirstAnswerByResponder(b.current, c.now, c.measure);
  const days = daysOf(c.filters.period);
  const perDay = (f: (q: QuestionFact) => boolean) => {
    const m = countByDay(b.current.filter(f), (q) => q.createdAt);
    return days.map((d) => m.get(d) ?? 0);
  };
  const solved = perDay((q) => q.acceptedAt !== null && q.acceptedAt <= c.now);
  const answered = perDay((q) => q.firstAnswerAt !== null && q.firstAnswerAt <= c.now && !(q.acceptedAt !== null && q.acceptedAt <= c.now));
  const open = perDay((q) => q.firstAnswerAt === null || q.firstAnswerAt > c.now);
  const { t, locale } = c;
  const outcome: ReportChart = {
    id: 'questions-by-outcome',
    titleKey: 'reports.chart.outcomes',
    svg: stackedBarChart({
      id: 'questions-by-outcome',
      title: t('reports.chart.outcomes'),
      description: t('reports.chart.outcomesDesc', { solved: b.now.solved, answered: b.now.answered - b.now.solved, open: b.now.questions - b.now.answered }),
      categories: days.map((d) => formatDay(locale, d)),
      series: [
        { label: t('reports.outcome.solved'), values: solved },
        { label: t('reports.outcome.answered'), values: answered },
        { label: t('reports.outcome.unanswered'), values: open },
      ],
      format: (n) => formatCount(locale, n),
    }),
    table: {
      id: 'questions-by-outcome',
      columns: [
        { key: 'day', kind: 'date' },
        { key: 'solved', kind: 'count' },
        { key: 'answered', kind: 'count' },
        { key: 'unanswered', kind: 'count' },
      ],
      rows: days.map((d, i) => ({ day: d, solved: solved[i]!, answered: answered[i]!, unanswered: open[i]! })),
    },
  };
  const responders: ReportTable = {
    id: 'time-to-first-answer-by-responder',
    columns: [
      { key: 'responder', kind: 'text' },
      { key: 'answers', kind: 'count' },
      { key: 'median', kind: 'duration' },
      { key: 'p90', kind: 'duration' },
    ],
    rows: RESPONDER_TYPES.map((k) => ({
      responder: t(`reports.responder.${k}`),
      answers: byResponder[k].reached,
      median: censoredCell(byResponder[k].median, locale),
      p90: censoredCell(byResponder[k].p90, locale),
    })),
  };
  const labels = categoryLabels(c.db, locale);
  const byCategory = loadQuestionCategories(c);
  const categories: ReportTable = {
    id: 'questions-by-category',
    columns: [
      { key: 'category', kind: 'text' },
      { key: 'questions', kind: 'count' },
      { key: 'answerRate', kind: 'percent' },
      { key: 'solvedRate', kind: 'percent' },
    ],
    rows: byCategory.map((r) => ({ category: labels.get(r.categoryId) ?? String(r.categoryId), questions: r.questions, answerRate: r.questions ? r.answered / r.questions : null, solvedRate: r.questions ? r.solved / r.questions : null })),
  };
  return {
    section,
    filters: c.filters,
    kpis: communityKpis(section, b, true),
    charts: [
      seriesChart(c, 'questions-per-day', 'reports.chart.questions', 'reports.chart.questionsDesc', daySeries(c.filters.period, c.filters.previous, (r) => countByDay(b.facts.filter((f) => inPeriod(f.createdAt, r)), (f) => f.createdAt))),
      outcome,
      responderChart(c, 'first-answers-by-responder', b.now.firstAnswersBy, 'reports.chart.firstAnswers'),
    ],
    tables: [responders, categories],
    notes: notesFor(c, ['reports.note.businessHours', 'reports.note.censored']),
    pending: [],
  };
}

/** A censored quantile in a table: the duration, or "> longest wait" when too many are still waiting. */
function censoredCell(q: CensoredQuantile, locale: Locale): number | string | null {
  if (q.value !== null) return q.value;
  return q.atLeast !== null ? `> ${formatDuration(locale, q.atLeast)}` : null;
}

function loadQuestionCategories(c: Ctx) {
  const { period } = c.filters;
  return c.db.all<{ categoryId: number; questions: number; answered: number; solved: number }>(sql`
    select category_id as categoryId, count(*) as questions,
      sum(first_answer_at is not null and first_answer_at <= ${c.now}) as answered,
      sum(accepted_at is not null and accepted_at <= ${c.now}) as solved
    from kpi_question_facts f
    where f.created_at >= ${period.from} and f.created_at < ${period.to}
      ${c.filters.locale ? sql`and f.locale = ${c.filters.locale}` : sql``}
      ${c.scope.categoryIds ? sql`and f.category_id in (${sql.join(c.scope.categoryIds.map((id) => sql`${id}`), sql`, `)})` : sql``}
    group by category_id order by questions desc`);
}

/** Searches of the period with their clicks and the visitor, to find those followed by a question or a case. */
const MAX_SEARCH_ROWS = 200_000;

function search(c: Ctx): ReportView {
  const s = searchBlock(c);
  const section = 'search';
  const { period } = c.filters;
  const { locale } = c;
  if (!s.available) return { section, filters: c.filters, kpis: [], charts: [], tables: [], notes: ['reports.note.categorySearch'], pending: [] };
  const rows = c.db.all<{ at: number; query: string; resultCount: number; clicks: number; visitorId: string | null; memberId: number | null }>(sql`
    select s.occurred_at as at, s.query, s.result_count as resultCount, (select count(*) from search_clicks k where k.search_event_id = s.id) as clicks,
      s.visitor_id as visitorId, s.user_id as memberId
    from search_events s
    where s.occurred_at >= ${period.from} and s.occurred_at < ${period.to}
      ${c.filters.locale ? sql`and s.locale = ${c.filters.locale}` : sql``}
      ${c.filters.channel ? sql`and s.surface = ${c.filters.channel}` : sql``}
    limit ${MAX_SEARCH_ROWS}`);
  const submissions = c.db.all<{ at: number; visitorId: string | null; memberId: number | null }>(sql`
    select created_at as at, null as visitorId, author_id as memberId from questions where created_at >= ${period.from} and created_at < ${period.to + 3_600_000}
    union all
    select created_at, visitor_id, user_id from cases where created_at >= ${period.from} and created_at < ${period.to + 3_600_000}`);
  const followed = followedBySubmission(rows, submissions);
  const facts: SearchFact[] = rows.map((r, i) => ({ at: r.at, query: r.query, resultCount: r.resultCount, clicks: r.clicks, followedBy: followed[i] }));
  const figures = searchFigures(facts, period, 15);
  const queryTable = (id: string, list: { query: string; searches: number }[], action: (q: string) => { href: string; labelKey: string }): ReportTable => ({
    id,
    columns: [
      { key: 'query', kind: 'text' },
      { key: 'searches', kind: 'count' },
    ],
    rows: list.map((q) => ({ query: q.query, searches: q.searches })),
    actions: list.map((q) => action(q.query)),
  });
  const write = (q: string) => ({ href: `/${locale}/editor/new?title=${encodeURIComponent(q)}`, labelKey: 'reports.action.writeArticle' });
  const look = (q: string) => ({ href: `/${locale}/search?q=${encodeURIComponent(q)}`, labelKey: 'reports.action.seeResults' });
  return {
    section,
    filters: c.filters,
    kpis: searchKpis(section, s, true),
    charts: [searchChart(c, s), seriesChart(c, 'searches-trend', 'reports.chart.searchTrend', 'reports.chart.searchTrendDesc', daySeries(c.filters.period, c.filters.previous, (r) => (r === c.filters.period ? s.cur : s.prev).get('searches')!))],
    tables: [queryTable('zero-result-queries', figures.topZeroResult, write), queryTable('no-click-queries', figures.topNoClick, look), queryTable('queries-followed-by-a-question-or-case', figures.topFollowedBySubmission, write)],
    notes: rows.length >= MAX_SEARCH_ROWS ? ['reports.note.searchSample'] : [],
    pending: [],
  };
}

function kb(c: Ctx): ReportView {
  const section = 'kb';
  const { period, previous } = c.filters;
  const { locale } = c;
  const scopeSql = (alias: string) => sql`${c.filters.locale ? sql`and ${sql.raw(alias)}.locale = ${c.filters.locale}` : sql``} ${c.scope.categoryIds ? sql`and ${sql.raw(alias)}.category_id in (${sql.join(c.scope.categoryIds.map((id) => sql`${id}`), sql`, `)})` : sql``}`;
  const rows = c.db.all<{ articleId: number; title: string; views: number; helpful: number; notHelpful: number; previousHelpful: number; previousNotHelpful: number }>(sql`
    select a.id as articleId, a.title,
      (select count(*) from events e where e.type = 'article.viewed' and e.subject_id = a.id and e.occurred_at >= ${period.from} and e.occurred_at < ${period.to}) as views,
      (select count(*) from article_feedback f where f.article_id = a.id and f.helpful = 1 and f.updated_at >= ${period.from} and f.updated_at < ${period.to}) as helpful,
      (select count(*) from article_feedback f where f.article_id = a.id and f.helpful = 0 and f.updated_at >= ${period.from} and f.updated_at < ${period.to}) as notHelpful,
      (select count(*) from article_feedback f where f.article_id = a.id and f.helpful = 1 and f.updated_at >= ${previous.from} and f.updated_at < ${previous.to}) as previousHelpful,
      (select count(*) from article_feedback f where f.article_id = a.id and f.helpful = 0 and f.updated_at >= ${previous.from} and f.updated_at < ${previous.to}) as previousNotHelpful
    from articles a where a.status = 'published' ${scopeSql('a')}`);
  const confirmed = articleConfirmations(c.db, period);
  const facts: ArticleFacts[] = rows.map((r) => ({ ...r, deflections: confirmed.get(r.articleId) ?? 0 }));
  const confirmedBefore = articleConfirmations(c.db, previous);
  const previousDeflections = rows.reduce((a, r) => a + (confirmedBefore.get(r.articleId) ?? 0), 0);
  const figures = facts.map(articleFigures).sort((a, b) => b.views - a.views || a.articleId - b.articleId);
  const views = figures.reduce((a, f) => a + f.views, 0);
  const votes = figures.reduce((a, f) => a + f.votes, 0);
  const helpful = figures.reduce((a, f) => a + f.helpful, 0);
  const prevVotes = facts.reduce((a, f) => a + (f.previousHelpful ?? 0) + (f.previousNotHelpful ?? 0), 0);
  const prevHelpful = facts.reduce((a, f) => a + (f.previousHelpful ?? 0), 0);
  const prevViews = c.db.get<{ n: number }>(sql`select count(*) as n from events e join articles a on a.id = e.subject_id where e.type = 'article.viewed' and e.occurred_at >= ${previous.from} and e.occurred_at < ${previous.to} ${scopeSql('a')}`)?.n ?? 0;
  const edit = (id: number) => ({ href: `/${locale}/editor/${id}`, labelKey: 'reports.action.editArticle' });
  const articleTable = (id: string, list: ReturnType<typeof articleFigures>[]): ReportTable => ({
    id,
    columns: [
      { key: 'article', kind: 'text' },
      { key: 'views', kind: 'count' },
      { key: 'votes', kind: 'count' },
      { key: 'helpfulness', kind: 'percent' },
      { key: 'previousHelpfulness', kind: 'percent' },
      { key: 'deflections', kind: 'count' },
    ],
    rows: list.map((a) => ({ article: a.title, views: a.views, votes: a.votes, helpfulness: a.helpfulness, previousHelpfulness: a.previousHelpfulness, deflections: a.deflections })),
    actions: list.map((a) => edit(a.articleId)),
  });
  return {
    section,
    filters: c.filters,
    kpis: [
      kpi(section, 'articleViews', 'count', views, prevViews),
      kpi(section, 'helpfulness', 'percent', votes >= 5 ? helpful / votes : null, prevVotes >= 5 ? prevHelpful / prevVotes : null),
      kpi(section, 'helpfulnessVotes', 'count', votes, prevVotes),
      kpi(section, 'articleDeflections', 'count', figures.reduce((a, f) => a + f.deflections, 0), previousDeflections),
    ],
    charts: [],
    tables: [articleTable('articles', figures.slice(0, 50)), articleTable('falling-helpfulness', fallingHelpfulness(facts, 15))],
    notes: ['reports.note.helpfulnessVotes'],
    pending: [],
  };
}

function superusers(c: Ctx): ReportView {
  const section = 'superusers';
  const { period, previous } = c.filters;
  const tenures = loadTenures(c.db);
  const superuserIds = [...tenures.keys()];
  const figures = (range: Period) => {
    const answers = loadProgramAnswers(c.db, c.scope, range, tenures);
    const points = loadPointsByMember(c.db, c.scope, range);
    const allPoints = [...points.values()].reduce((a, n) => a + n, 0);
    return { points, answers: superuserFigures(answers, range, 20), program: programFigures(answers, loadPointsFacts(c.db, c.scope, range, superuserIds), allPoints, tenures, range, c.measure) };
  };
  const now = figures(period);
  const prev = figures(previous);
  const { t, locale } = c;
  const months = monthsOfTheMonth(c);
  return {
    section,
    filters: c.filters,
    kpis: [
      kpi(section, 'superuserAnswers', 'count', now.answers.superuserAnswers, prev.answers.superuserAnswers),
      kpi(section, 'superuserAnswerShare', 'percent', now.answers.superuserAnswerShare, prev.answers.superuserAnswerShare),
      kpi(section, 'superuserAccepted', 'count', now.answers.superuserAccepted, prev.answers.superuserAccepted),
      kpi(section, 'superuserAcceptedShare', 'percent', now.answers.superuserAcceptedShare, prev.answers.superuserAcceptedShare),
      kpi(section, 'superusers', 'count', now.program.superusers, prev.program.superusers),
      kpi(section, 'activeSuperusers', 'count', now.program.activeSuperusers, prev.program.activeSuperusers),
      kpi(section, 'superuserResponseTime', 'duration', now.program.responseMedian, prev.program.responseMedian, 'down'),
      kpi(section, 'superuserResponseTimeP90', 'duration', now.program.responseP90, prev.program.responseP90, 'down'),
      kpi(section, 'superuserPointsShare', 'percent', now.program.superuserPointsShare, prev.program.superuserPointsShare),
    ],
    charts: [],
    tables: [
      {
        id: 'top-members',
        columns: [
          { key: 'member', kind: 'text' },
          { key: 'responder', kind: 'text' },
          { key: 'answers', kind: 'count' },
          { key: 'accepted', kind: 'count' },
          { key: 'points', kind: 'count' },
        ],
        rows: now.answers.top.map((p) => ({ member: p.name, responder: t(`reports.responder.${p.responder}`), answers: p.answers, accepted: p.accepted, points: now.points.get(p.authorId) ?? 0 })),
        actions: now.answers.top.map((p) => ({ href: `/${locale}/members/${p.authorId}`, labelKey: 'reports.action.profile' })),
      },
      {
        id: 'members-of-the-month',
        columns: [
          { key: 'month', kind: 'text' },
          { key: 'language', kind: 'text' },
          { key: 'member', kind: 'text' },
          { key: 'monthScore', kind: 'count' },
        ],
        rows: months.map((m) => ({ month: m.month, language: t(`reports.locale.${m.locale}`), member: m.name, monthScore: m.score })),
        actions: months.map((m) => ({ href: `/${locale}/members/${m.userId}`, labelKey: 'reports.action.profile' })),
      },
    ],
    notes: ['reports.note.superuserTenure'],
    pending: [],
  };
}

/** The members of the month named for the months the period touches (in the locale filtered on, if any). */
function monthsOfTheMonth(c: Ctx) {
  const month = (t: number) => new Date(t).toISOString().slice(0, 7);
  const { period, locale } = c.filters;
  return c.db.all<{ month: string; locale: string; userId: number; name: string; score: number }>(sql`
    select m.month, m.locale, m.user_id as userId, u.display_name as name, m.score from members_of_the_month m join users u on u.id = m.user_id
    where m.month >= ${month(period.from)} and m.month <= ${month(period.to - 1)} ${locale ? sql`and m.locale = ${locale}` : sql``}
    order by m.month desc, m.locale`);
}

/** Business time in the calendar of the case's queue: case waits count opening hours only. */
function caseMeasure(c: Ctx): (k: CaseFact) => Measure {
  const setup = loadCaseSetup(c.db);
  const span = clockSpan(c.filters, c.now);
  const bySlug = new Map([...setup.queues.values()].map((q) => [q.slug, businessClock(calendarOfQueue(setup, q.id), span)]));
  const fallback = businessClock(calendarOfQueue(setup, setup.defaultQueueId), span);
  return (k) => bySlug.get(k.queue) ?? fallback;
}

/**
 * The case facts of the period and the previous one, and their service KPIs (the previous seen from `previousNow`);
 * `detailed` (the cases page) adds the backlog.
 */
function caseBlock(c: Ctx, community: Community, detailed: boolean) {
  const { period, previous } = c.filters;
  const prevNow = previousNow(c);
  const both = { from: previous.from, to: period.to };
  const facts = loadCaseFacts(c.db, c.scope, both, { solvedOnly: !detailed });
  const clocks = loadSlaClocks(c.db, c.scope, both);
  const csat = loadCsat(c.db, c.scope, both);
  const escalations = loadEscalations(c.db, c.scope, both);
  const measure = caseMeasure(c);
  return {
    facts,
    flow: detailed ? caseFlow(facts, period) : null,
    flowPrev: detailed ? caseFlow(facts, previous) : null,
    pendingNow: detailed ? countPendingCases(c.db, c.scope, c.now) : null,
    sla: slaFigures(clocks, period, c.now),
    slaPrev: slaFigures(clocks, previous, prevNow),
    fcr: firstContactResolution(facts, period),
    fcrPrev: firstContactResolution(facts, previous),
    resolution: resolutionFigures(facts, period, measure),
    resolutionPrev: resolutionFigures(facts, previous, measure),
    satisfaction: satisfactionFigures(csat, period),
    satisfactionPrev: satisfactionFigures(csat, previous),
    escalation: escalationFigures(community.current, escalations, period, c.now),
    escalationPrev: escalationFigures(community.before, escalations, previous, prevNow),
  };
}

type Cases = ReturnType<typeof caseBlock>;

function caseKpis(section: ReportSection, k: Cases, detailed: boolean): Kpi[] {
  if (!detailed) {
    return [
      kpi(section, 'escalationRate', 'percent', k.escalation.rate, k.escalationPrev.rate, 'down'),
      kpi(section, 'slaAttainment', 'percent', slaAttainment(k.sla), slaAttainment(k.slaPrev)),
      kpi(section, 'firstContactResolution', 'percent', k.fcr.rate, k.fcrPrev.rate),
      kpi(section, 'csat', 'percent', k.satisfaction.csat, k.satisfactionPrev.csat),
      kpi(section, 'nps', 'nps', k.satisfaction.nps, k.satisfactionPrev.nps),
    ];
  }
  return [
    kpi(section, 'escalationRate', 'percent', k.escalation.rate, k.escalationPrev.rate, 'down'),
    kpi(section, 'slaFirstResponse', 'percent', k.sla.firstResponse.attainment, k.slaPrev.firstResponse.attainment),
    kpi(section, 'slaResolution', 'percent', k.sla.resolution.attainment, k.slaPrev.resolution.attainment),
    kpi(section, 'firstContactResolution', 'percent', k.fcr.rate, k.fcrPrev.rate),
    kpi(section, 'resolutionTime', 'duration', k.resolution.median, k.resolutionPrev.median, 'down'),
    // The backlog is what is open now: there is no "open now" of the previous range to compare with.
    kpi(section, 'pendingNow', 'count', k.pendingNow, null, 'down'),
    kpi(section, 'abandoned', 'count', k.flow!.abandoned, k.flowPrev!.abandoned, 'down'),
    kpi(section, 'csat', 'percent', k.satisfaction.csat, k.satisfactionPrev.csat),
    kpi(section, 'nps', 'nps', k.satisfaction.nps, k.satisfactionPrev.nps),
  ];
}

function slaTable(id: string, groups: SlaGroup[], label: (key: string) => string): ReportTable {
  return {
    id,
    columns: [
      { key: id === 'sla-by-priority' ? 'priority' : 'queue', kind: 'text' },
      { key: 'met', kind: 'count' },
      { key: 'breached', kind: 'count' },
      { key: 'running', kind: 'count' },
      { key: 'attainment', kind: 'percent' },
    ],
    rows: groups.map((g) => ({ [id === 'sla-by-priority' ? 'priority' : 'queue']: label(g.key), met: g.met, breached: g.breached, running: g.running, attainment: g.attainment })),
  };
}

function cases(c: Ctx): ReportView {
  const section = 'cases';
  const { period, previous } = c.filters;
  const { t, locale } = c;
  const cur = caseOpenings(c.db, c.scope, period);
  const prev = caseOpenings(c.db, c.scope, previous);
  const labels = categoryLabels(c.db, locale);
  const byCategory = breakdown(cur, (r) => (r.categoryId === null ? t('reports.none') : (labels.get(r.categoryId) ?? String(r.categoryId))));
  const k = caseBlock(c, communityBlock(c), true);
  const setup = loadCaseSetup(c.db);
  const queueNames = new Map([...setup.queues.values()].map((q) => [q.slug, locale === 'es' ? q.nameEs : q.nameEn]));
  const queueName = (slug: string) => queueNames.get(slug) ?? slug;
  const caseAction = (id: number) => ({ href: `/${locale}/agent/cases/${id}`, labelKey: 'reports.action.openCase' });
  const extremes = (id: string, list: { id: number; ms: number }[]): ReportTable => ({
    id,
    columns: [
      { key: 'case', kind: 'text' },
      { key: 'resolutionTime', kind: 'duration' },
    ],
    rows: list.map((r) => ({ case: caseNumber(r.id), resolutionTime: r.ms })),
    actions: list.map((r) => caseAction(r.id)),
  });
  const ended = k.facts.filter((f) => (f.solvedAt !== null && inPeriod(f.solvedAt, period)) || (f.closedAt !== null && inPeriod(f.closedAt, period)));
  const scenarios = breakdown(ended, (f) => resolutionScenario(f));
  return {
    section,
    filters: c.filters,
    kpis: [kpi(section, 'casesOpened', 'count', cur.length, prev.length, 'down'), selfServiceKpi(c, section), ...caseKpis(section, k, true)],
    charts: [
      seriesChart(c, 'cases-per-day', 'reports.chart.cases', 'reports.chart.casesDesc', daySeries(period, previous, (r) => countByDay(r === period ? cur : prev, (x) => x.at))),
      heatmap(
        c,
        cur.map((r) => r.at),
        supportTimeZone(c.db),
      ),
    ],
    tables: [
      {
        id: 'cases-by-category',
        columns: [
          { key: 'category', kind: 'text' },
          { key: 'cases', kind: 'count' },
          { key: 'share', kind: 'percent' },
        ],
        rows: byCategory.map((b) => ({ category: b.key, cases: b.count, share: b.share })),
      },
      slaTable('sla-by-priority', k.sla.byPriority, (p) => t(`case.priority.${p}`)),
      slaTable('sla-by-queue', k.sla.byQueue, queueName),
      {
        id: 'resolution-by-queue',
        columns: [
          { key: 'queue', kind: 'text' },
          { key: 'solved', kind: 'count' },
          { key: 'average', kind: 'duration' },
        ],
        rows: k.resolution.byQueue.map((q) => ({ queue: queueName(q.queue), solved: q.solved, average: q.average })),
      },
      extremes('fastest-cases', k.resolution.fastest),
      extremes('slowest-cases', k.resolution.slowest),
      {
        id: 'resolution-scenarios',
        columns: [
          { key: 'scenario', kind: 'text' },
          { key: 'cases', kind: 'count' },
          { key: 'share', kind: 'percent' },
        ],
        rows: scenarios.map((b) => ({ scenario: t(`reports.scenario.${b.key}`), cases: b.count, share: b.share })),
      },
      {
        id: 'escalations-by-trigger',
        columns: [
          { key: 'trigger', kind: 'text' },
          { key: 'questions', kind: 'count' },
          { key: 'rate', kind: 'percent' },
        ],
        rows: k.escalation.byTrigger.map((e) => ({ trigger: t(`case.trigger.${e.trigger}`), questions: e.questions, rate: e.rate })),
      },
      {
        id: 'satisfaction-comments',
        columns: [
          { key: 'case', kind: 'text' },
          { key: 'score', kind: 'count' },
          { key: 'comment', kind: 'text' },
        ],
        rows: k.satisfaction.comments.map((r) => ({ case: caseNumber(r.caseId), score: r.score, comment: r.comment })),
        actions: k.satisfaction.comments.map((r) => caseAction(r.caseId)),
      },
    ],
    notes: ['reports.note.caseBusinessHours'],
    pending: [],
  };
}

function deflectionBlock(c: Ctx) {
  const { period, previous } = c.filters;
  const settings = readDeflectionSettings(c.db);
  const now = loadDeflection(c.db, c.scope, period, c.now);
  const prev = loadDeflection(c.db, c.scope, previous, c.now);
  return { now, prev, figures: deflectionRates(now.total), before: deflectionRates(prev.total), settings };
}

type Deflection = ReturnType<typeof deflectionBlock>;

function deflectionKpis(section: ReportSection, d: Deflection, detailed: boolean): Kpi[] {
  const cost = (counts: DeflectionCounts) => costAvoided(counts, d.settings.costPerCaseCents).cents;
  const list = [
    kpi(section, 'deflectionConfirmed', 'percent', d.figures.confirmedRate, d.before.confirmedRate),
    kpi(section, 'deflectionImplicit', 'percent', d.figures.implicitRate, d.before.implicitRate),
    kpi(section, 'deflectionFailed', 'percent', d.figures.failedRate, d.before.failedRate, 'down'),
    kpi(section, 'costAvoided', 'money', cost(d.now.total), cost(d.prev.total), 'up', { currency: d.settings.currency }),
  ];
  if (detailed)
    list.unshift(kpi(section, 'formSessions', 'count', d.figures.formSessions, d.before.formSessions), kpi(section, 'confirmations', 'count', d.figures.confirmations, d.before.confirmations));
  return list;
}

/** A table of the deflection figures per value of one dimension of the sessions. */
function deflectionTable(id: string, breakdown: DeflectionBreakdown, dimension: 'channel' | 'locale' | 'categoryId', label: (key: string | number) => string): ReportTable {
  return {
    id,
    columns: [
      { key: 'group', kind: 'text' },
      { key: 'formSessions', kind: 'count' },
      { key: 'confirmations', kind: 'count' },
      { key: 'confirmedRate', kind: 'percent' },
      { key: 'implicitRate', kind: 'percent' },
      { key: 'failedRate', kind: 'percent' },
    ],
    rows: deflectionBy(breakdown, dimension).map(({ key, counts }) => {
      const f = deflectionRates(counts);
      return { group: label(key), formSessions: f.formSessions, confirmations: f.confirmations, confirmedRate: f.confirmedRate, implicitRate: f.implicitRate, failedRate: f.failedRate };
    }),
  };
}

/** The deflection funnel of the period's sessions: each stage's sessions and share of those that reached a form. */
function funnel(c: Ctx, f: DeflectionFunnel): ReportChart {
  const { t, locale } = c;
  const stages = [
    { key: 'reached', value: f.reachedForm },
    { key: 'saw', value: f.sawSuggestions },
    { key: 'opened', value: f.opened },
    { key: 'confirmed', value: f.confirmed },
    { key: 'submitted', value: f.submitted, aside: true },
  ].map((s) => ({ ...s, label: t(`reports.funnel.${s.key}`) }));
  const id = 'deflection-funnel';
  return {
    id,
    titleKey: 'reports.chart.funnel',
    svg: funnelChart({
      id,
      title: t('reports.chart.funnel'),
      description: `${t('reports.chart.funnelDesc')} ${stages.map((s) => `${s.label}: ${formatCount(locale, s.value)}`).join(', ')}.`,
      stages,
      format: (n) => formatCount(locale, n),
      percent: (n) => formatPercent(locale, n, 0),
    }),
    table: {
      id,
      columns: [
        { key: 'stage', kind: 'text' },
        { key: 'sessions', kind: 'count' },
        { key: 'share', kind: 'percent' },
      ],
      rows: stages.map((s) => ({ stage: s.label, sessions: s.value, share: f.reachedForm ? s.value / f.reachedForm : null })),
    },
  };
}

function deflection(c: Ctx): ReportView {
  const section = 'deflection';
  const d = deflectionBlock(c);
  const { t, locale } = c;
  const categories = categoryLabels(c.db, locale);
  return {
    section,
    filters: c.filters,
    kpis: deflectionKpis(section, d, true),
    charts: [funnel(c, d.now.funnel)],
    tables: [
      deflectionTable('deflection-by-channel', d.now, 'channel', (k) => t(`reports.channel.${k}`)),
      deflectionTable('deflection-by-locale', d.now, 'locale', (k) => (k ? t(`reports.locale.${k}`) : t('reports.none'))),
      deflectionTable('deflection-by-category', d.now, 'categoryId', (k) => (k ? (categories.get(Number(k)) ?? String(k)) : t('reports.none'))),
    ],
    notes: ['reports.note.deflectionSessions'],
    pending: [],
  };
}

const BUILDERS: Record<ReportSection, (c: Ctx) => ReportView> = { overview, community, search, kb, superusers, cases, deflection };

/** One report page's view model. Throws INVALID for an unknown category. */
export function reportView(db: Db, section: ReportSection, filters: ReportFilters, now: number, locale: Locale, t: Translate): ReportView {
  const scope = reportScope(db, filters);
  return BUILDERS[section]({ db, scope, filters, now, locale, t, measure: communityMeasure(db, filters, now) });
}

/** The instants a report's waits fall within: both periods, up to `now`. */
function clockSpan(filters: ReportFilters, now: number): Period {
  return { from: filters.previous.from, to: Math.max(now, filters.period.to) };
}

/**
 * Business time in the default queue's calendar (the support team's hours), for the community's waits: one clock
 * over both periods up to `now`, made on the first wait measured (sections without waits never load the calendar).
 */
function communityMeasure(db: Db, filters: ReportFilters, now: number): Measure {
  let clock: Measure | null = null;
  return (from, to) => {
    if (!clock) {
      const setup = loadCaseSetup(db);
      clock = businessClock(calendarOfQueue(setup, setup.defaultQueueId), clockSpan(filters, now));
    }
    return clock(from, to);
  };
}

/** Where a report with these filters lives (links between sections keep the filters). */
export function reportPath(locale: Locale, section: ReportSection, filters: ReportFilters, extra: Record<string, string> = {}): string {
  const base = section === 'overview' ? `/${locale}/reports` : `/${locale}/reports/${section}`;
  return `${base}?${new URLSearchParams({ ...filtersQuery(filters), ...extra })}`;
}
