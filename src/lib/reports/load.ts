import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { categoryScope } from '../community/categories';
import { DomainError } from '../errors';
import type { EscalationFact, QuestionFact, ResponderType } from './community-kpis';
import type { Period, ReportFilters } from './filters';
import { countVisitors } from './visitor-sets';
import { CASE_OPEN_STATUSES, type CaseFact, type CsatFact, type SlaClockFact } from './service-kpis';

/**
 * The reports' SQL loaders over the rollups and the fact tables on main. Each returns plain rows for the pure KPI
 * functions. Loaders for the facts of the deflection and reputation domains join here when their tables land.
 */

/** The filters with the category resolved to its ids (itself and its sub-categories). */
export interface ReportScope {
  filters: ReportFilters;
  categoryIds: number[] | null;
}

/** Resolves the category filter; an unknown category is a field error, not an empty report. */
export function reportScope(db: Db, filters: ReportFilters): ReportScope {
  if (!filters.category) return { filters, categoryIds: null };
  const ids = categoryScope(db, filters.category);
  if (ids.length === 0) throw new DomainError('INVALID', 'No such category.', { category: 'reports.field.categoryUnknown' });
  return { filters, categoryIds: ids };
}

function inList(column: SQL, ids: readonly number[]): SQL {
  return sql`${column} in (${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )})`;
}

/** Conditions of the scope on a table alias with `locale` and `category_id` columns. */
export function scopeWhere(scope: ReportScope, alias: string, options: { channel?: boolean } = {}): SQL {
  const parts: SQL[] = [sql`1 = 1`];
  if (scope.filters.locale) parts.push(sql`${sql.raw(`${alias}.locale`)} = ${scope.filters.locale}`);
  if (scope.categoryIds) parts.push(inList(sql.raw(`${alias}.category_id`), scope.categoryIds));
  if (options.channel && scope.filters.channel) parts.push(sql`${sql.raw(`${alias}.channel`)} = ${scope.filters.channel}`);
  return sql.join(parts, sql` and `);
}

/** Question facts of the questions asked in `range` within the scope (locale and category; questions have no channel). */
export function loadQuestionFacts(db: Db, scope: ReportScope, range: Period): QuestionFact[] {
  return db
    .all<{ id: number; createdAt: number; firstAnswerAt: number | null; firstAnswerBy: ResponderType | null; acceptedAt: number | null; acceptedBy: ResponderType | null }>(
      sql`select question_id as id, created_at as createdAt, first_answer_at as firstAnswerAt, first_answer_by as firstAnswerBy, accepted_at as acceptedAt, accepted_by as acceptedBy
        from kpi_question_facts f where f.created_at >= ${range.from} and f.created_at < ${range.to} and ${scopeWhere(scope, 'f')}`,
    );
}

export type DailyMetric = 'searches' | 'searches_zero' | 'searches_clicked' | 'article_views' | 'thread_views' | 'contact_views' | 'cases_opened';

/**
 * Sums of daily counters per metric and UTC day over `range`, within the scope. Search counters have no category
 * (a search is not about one): the pages say so rather than show them under a category filter.
 */
export function loadDaily(db: Db, scope: ReportScope, metrics: readonly DailyMetric[], range: Period): Map<DailyMetric, Map<number, number>> {
  const out = new Map<DailyMetric, Map<number, number>>(metrics.map((m) => [m, new Map()]));
  if (metrics.length === 0) return out;
  const list = sql.join(
    metrics.map((m) => sql`${m}`),
    sql`, `,
  );
  const rows = db.all<{ metric: DailyMetric; day: number; value: number }>(
    sql`select metric, day, sum(value) as value from kpi_daily d
      where d.metric in (${list}) and d.day >= ${range.from} and d.day < ${range.to} and ${scopeWhere(scope, 'd', { channel: true })}
      group by metric, day`,
  );
  for (const r of rows) out.get(r.metric)!.set(r.day, r.value);
  return out;
}

/** Total of one metric over a range, from loadDaily's result. */
export function total(daily: Map<DailyMetric, Map<number, number>>, metric: DailyMetric): number {
  let sum = 0;
  for (const v of daily.get(metric)?.values() ?? []) sum += v;
  return sum;
}

/** Unique visitors (member, visitor cookie, or hashed address) who viewed an article or thread in `range` (visitor-sets.ts). */
export function uniqueViewers(db: Db, scope: ReportScope, range: Period): number {
  return countVisitors(db, range, { locale: scope.filters.locale, categoryIds: scope.categoryIds });
}

/**
 * The report channel a case came through (REPORT_CHANNELS): the contact form and the widget are their own, a thread
 * escalation (by its rules, the asker or a moderator) came from the site; a case opened through the API has none.
 */
export function caseReportChannel(alias: string): SQL {
  return sql.raw(`case ${alias}.channel when 'contact_form' then 'contact_form' when 'widget' then 'widget' when 'api' then '' else 'site' end`);
}

/** Conditions of the scope on the cases (alias `k`): locale, category and the channel they came through. */
function caseScopeWhere(scope: ReportScope): SQL {
  const channel = scope.filters.channel ? sql` and ${caseReportChannel('k')} = ${scope.filters.channel}` : sql``;
  return sql`${scopeWhere(scope, 'k')}${channel}`;
}

/** Unique customers who opened a case in `range`: a member counts once, a customer without account once per e-mail address. */
export function caseCustomers(db: Db, scope: ReportScope, range: Period): number {
  return (
    db.get<{ n: number }>(
      sql`select count(distinct case when k.user_id is not null then 'm:' || k.user_id else 'e:' || lower(k.email) end) as n
        from cases k where k.created_at >= ${range.from} and k.created_at < ${range.to} and ${caseScopeWhere(scope)}`,
    )?.n ?? 0
  );
}

/** When the cases opened in `range` were opened, and their category (the case heatmap and case flow). */
export function caseOpenings(db: Db, scope: ReportScope, range: Period): { at: number; categoryId: number | null }[] {
  return db.all<{ at: number; categoryId: number | null }>(
    sql`select k.created_at as at, k.category_id as categoryId from cases k where k.created_at >= ${range.from} and k.created_at < ${range.to} and ${caseScopeWhere(scope)}`,
  );
}

/** Cases opened in `range` per quarter hour (its start, UTC epoch ms): the overview's heatmap without a row per case. */
export function caseOpeningQuarters(db: Db, scope: ReportScope, range: Period): { at: number; n: number }[] {
  return db.all<{ at: number; n: number }>(
    sql`select (k.created_at / 900000) * 900000 as at, count(*) as n from cases k where k.created_at >= ${range.from} and k.created_at < ${range.to} and ${caseScopeWhere(scope)} group by 1`,
  );
}

const inRange = (column: string, range: Period) => sql`${sql.raw(column)} >= ${range.from} and ${sql.raw(column)} < ${range.to}`;
const OPEN_STATUSES = sql.raw(CASE_OPEN_STATUSES.map((status) => `'${status}'`).join(', '));

/**
 * The cases of the scope opened, solved or closed in `range` (the backlog is counted apart: countPendingCases), or
 * with `solvedOnly` those solved in it (all the overview's case KPIs read).
 * `communityAccepted`: the case's thread has an accepted answer by a non-staff member.
 */
export function loadCaseFacts(db: Db, scope: ReportScope, range: Period, options: { solvedOnly?: boolean } = {}): CaseFact[] {
  const ended = options.solvedOnly ? inRange('k.solved_at', range) : sql`${inRange('k.created_at', range)} or ${inRange('k.solved_at', range)} or ${inRange('k.closed_at', range)}`;
  return db
    .all<Omit<CaseFact, 'communityAccepted'> & { communityAccepted: number }>(
      // The queue's slug by a subquery, not a join: the cases of the range are read first whatever the statistics say.
      sql`select k.id, k.created_at as createdAt, k.status, k.priority, k.channel, (select q.slug from case_queues q where q.id = k.queue_id) as queue, k.category_id as categoryId, k.locale,
        case when k.user_id is not null then 'm:' || k.user_id else 'e:' || lower(k.email) end as customerKey,
        k.first_response_at as firstResponseAt, k.agent_replies as agentReplies, k.solved_at as solvedAt, k.closed_at as closedAt, k.close_reason as closeReason,
        k.question_id is not null and exists (select 1 from accepted_answers aa join answers a on a.id = aa.answer_id join users u on u.id = a.author_id
          where aa.question_id = k.question_id and u.role not in ('agent', 'admin')) as communityAccepted
      from cases k
      where (${ended}) and ${caseScopeWhere(scope)}`,
    )
    .map((r) => ({ ...r, communityAccepted: r.communityAccepted === 1 }));
}

/** Cases of the scope open at `now`, whatever the range (service-kpis.ts pendingCases, in SQL). */
export function countPendingCases(db: Db, scope: ReportScope, now: number): number {
  return db.get<{ n: number }>(sql`select count(*) as n from cases k where k.status in (${OPEN_STATUSES}) and k.created_at <= ${now} and ${caseScopeWhere(scope)}`)?.n ?? 0;
}

/**
 * The first-response and resolution clocks of the cases opened in `range` within the scope: each case's first clock of
 * each kind (a reopened case's later clocks are not judged again).
 */
export function loadSlaClocks(db: Db, scope: ReportScope, range: Period): SlaClockFact[] {
  return db.all<SlaClockFact>(
    sql`select s.case_id as caseId, s.kind, k.priority, (select q.slug from case_queues q where q.id = k.queue_id) as queue, k.created_at as caseCreatedAt, s.due_at as dueAt, s.breached_at as breachedAt, s.stopped_at as stoppedAt
      from cases k join case_sla_clocks s on s.case_id = k.id
      where ${inRange('k.created_at', range)} and ${caseScopeWhere(scope)} and s.kind in ('first_response', 'resolution')
        and s.id = (select min(f.id) from case_sla_clocks f where f.case_id = k.id and f.kind = s.kind)`,
  );
}

/** Satisfaction survey answers given in `range` about the cases of the scope. */
export function loadCsat(db: Db, scope: ReportScope, range: Period): CsatFact[] {
  return db.all<CsatFact>(
    sql`select r.case_id as caseId, r.score, r.nps, r.comment, r.created_at as createdAt
      from csat_responses r join cases k on k.id = r.case_id where ${inRange('r.created_at', range)} and ${caseScopeWhere(scope)}`,
  );
}

/** Escalations of the questions asked in `range` within the scope (locale and category; questions have no channel). */
export function loadEscalations(db: Db, scope: ReportScope, range: Period): EscalationFact[] {
  return db.all<EscalationFact>(
    sql`select e.question_id as questionId, e.trigger, e.created_at as createdAt
      from escalations e join kpi_question_facts f on f.question_id = e.question_id where ${inRange('f.created_at', range)} and ${scopeWhere(scope, 'f')}`,
  );
}
