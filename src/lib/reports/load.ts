import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { categoryScope } from '../community/categories';
import { DomainError } from '../errors';
import type { QuestionFact, ResponderType } from './community-kpis';
import type { Period, ReportFilters } from './filters';

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
function scopeWhere(scope: ReportScope, alias: string, options: { channel?: boolean } = {}): SQL {
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

/** Unique visitors (member, visitor cookie, or hashed address) who viewed an article or thread in `range`. */
export function uniqueViewers(db: Db, scope: ReportScope, range: Period): number {
  return (
    db.get<{ n: number }>(sql`select count(distinct visitor_key) as n from kpi_visitor_days v where v.day >= ${range.from} and v.day < ${range.to} and ${scopeWhere(scope, 'v')}`)?.n ?? 0
  );
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
