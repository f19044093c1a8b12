import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { DAY_MS } from './filters';
import { clearDeflectionPartial, refreshDeflectionPartial, rollDeflectionDays } from './deflection-kpis';
import { clearVisitorSets, refreshSealedDays, sealVisitorSets, viewDays } from './visitor-sets';
import { caseReportChannel } from './load';

/**
 * The reports' rollups (db/schema/reports.ts), kept up to date incrementally and rebuilt from scratch with the same
 * SQL, so both ways give the same rows:
 * - `kpi_question_facts`: one row per published question, refreshed for the questions of each `question.changed`
 *   outbox message (answers, acceptances, deletions, hiding, moves all send one);
 * - `kpi_daily` and `kpi_visitor_days`: counters per UTC day from the append-only fact tables (searches, result
 *   clicks, events, cases opened), read past a watermark per table (`kpi_progress`) by `runKpiRollups`.
 */

/** Responder type of an answer's author, by role (community-kpis.ts responderTypeOfRole, in SQL). */
const responderSql = (role: string) => `case ${role} when 'agent' then 'staff' when 'admin' then 'staff' when 'moderator' then 'moderator' when 'superuser' then 'superuser' else 'member' end`;

/**
 * The fact row of each published, undeleted question matching `where` (on `q`): first answer = earliest published,
 * undeleted answer by someone other than the asker; accepted = the accepted answer (by anyone but the asker).
 */
function questionFactsSelect(where: SQL): SQL {
  return sql`
    select q.id, q.created_at, q.locale, q.category_id,
      fa.created_at, case when fa.id is not null then ${sql.raw(responderSql('fu.role'))} end,
      case when aa.answer_id is not null then aa.accepted_at end,
      case when aa.answer_id is not null then ${sql.raw(responderSql('au.role'))} end
    from questions q
    left join answers fa on fa.id = (
      select a.id from answers a
      where a.question_id = q.id and a.status = 'published' and a.deleted_at is null and a.author_id <> q.author_id
      order by a.created_at, a.id limit 1)
    left join users fu on fu.id = fa.author_id
    left join accepted_answers aa on aa.question_id = q.id
      and exists (select 1 from answers x where x.id = aa.answer_id and x.status = 'published' and x.deleted_at is null and x.author_id <> q.author_id)
    left join answers acc on acc.id = aa.answer_id
    left join users au on au.id = acc.author_id
    where q.status = 'published' and q.deleted_at is null and ${where}`;
}

/** Refreshes the fact rows of these questions (a removed or hidden question loses its row). Call inside a transaction. */
export function refreshQuestionFacts(db: Db, questionIds: readonly number[]): void {
  const ids = [...new Set(questionIds)].filter((id) => Number.isSafeInteger(id));
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const list = sql.join(
      chunk.map((id) => sql`${id}`),
      sql`, `,
    );
    db.run(sql`delete from kpi_question_facts where question_id in (${list})`);
    db.run(sql`insert into kpi_question_facts (question_id, created_at, locale, category_id, first_answer_at, first_answer_by, accepted_at, accepted_by) ${questionFactsSelect(sql`q.id in (${list})`)}`);
  }
}

/** The append-only sources of the daily counters, in the order they are read. */
export const ROLLUP_SOURCES = ['search_events', 'search_clicks', 'events', 'cases'] as const;
export type RollupSource = (typeof ROLLUP_SOURCES)[number];

/** Who viewed (record-view.ts viewerKey): the member, the visitor cookie, or the hashed address kept in `data.viewer`. */
const VISITOR_KEY = sql.raw(`case when e.user_id is not null then 'm:' || e.user_id when e.visitor_id is not null then 'v:' || e.visitor_id else json_extract(e.data, '$.viewer') end`);

const day = (column: string) => sql.raw(`(${column} / ${DAY_MS}) * ${DAY_MS}`);

/** Adds the counters of one source's rows with lo < id ≤ hi to kpi_daily / kpi_visitor_days. */
function addCounters(db: Db, source: RollupSource, lo: number, hi: number): void {
  const upsert = (select: SQL) => db.run(sql`insert into kpi_daily (metric, day, locale, category_id, channel, value) ${select} on conflict do update set value = value + excluded.value`);
  if (source === 'search_events') {
    upsert(sql`
      select m.metric, ${day('s.occurred_at')} as d, coalesce(s.locale, ''), 0, s.surface, count(*)
      from search_events s
      join (select 'searches' as metric union all select 'searches_zero') m
      where s.id > ${lo} and s.id <= ${hi} and (m.metric = 'searches' or s.result_count = 0)
      group by m.metric, d, s.locale, s.surface`);
  } else if (source === 'search_clicks') {
    // A search counts as clicked once: at its first click.
    upsert(sql`
      select 'searches_clicked', ${day('s.occurred_at')} as d, coalesce(s.locale, ''), 0, s.surface, count(*)
      from search_clicks c join search_events s on s.id = c.search_event_id
      where c.id > ${lo} and c.id <= ${hi}
        and not exists (select 1 from search_clicks c2 where c2.search_event_id = c.search_event_id and c2.id < c.id)
      group by d, s.locale, s.surface`);
  } else if (source === 'events') {
    const subjectCategory = sql.raw(
      `coalesce(case e.subject_type when 'article' then (select category_id from articles where id = e.subject_id) when 'question' then (select category_id from questions where id = e.subject_id) end, 0)`,
    );
    upsert(sql`
      select case e.type when 'article.viewed' then 'article_views' when 'question.viewed' then 'thread_views' else 'contact_views' end,
        ${day('e.occurred_at')} as d, coalesce(e.locale, ''), ${subjectCategory} as c, case e.type when 'contact.viewed' then 'contact_form' else 'site' end, count(*)
      from events e
      where e.id > ${lo} and e.id <= ${hi} and e.type in ('article.viewed', 'question.viewed', 'contact.viewed')
      group by 1, d, e.locale, c, 5`);
    db.run(sql`
      insert or ignore into kpi_visitor_days (day, visitor_key, locale, category_id)
      select distinct ${day('e.occurred_at')} as d, ${VISITOR_KEY} as k, coalesce(e.locale, ''), ${subjectCategory}
      from events e
      where e.id > ${lo} and e.id <= ${hi} and e.type in ('article.viewed', 'question.viewed') and k is not null`);
  } else {
    // A case is counted when it is opened (its id and creation time never change), under the channel it came through.
    upsert(sql`
      select 'cases_opened', ${day('k.created_at')} as d, k.locale, coalesce(k.category_id, 0) as c, ${caseReportChannel('k')} as ch, count(*)
      from cases k where k.id > ${lo} and k.id <= ${hi}
      group by d, k.locale, c, ch`);
  }
}

function maxId(db: Db, source: RollupSource): number {
  return db.get<{ m: number | null }>(sql`select max(id) as m from ${sql.identifier(source)}`)?.m ?? 0;
}

function watermark(db: Db, source: RollupSource): number {
  return db.get<{ last_id: number }>(sql`select last_id from kpi_progress where source = ${source}`)?.last_id ?? 0;
}

function setWatermark(db: Db, source: RollupSource, lastId: number, now: number): void {
  db.run(sql`insert into kpi_progress (source, last_id, updated_at) values (${source}, ${lastId}, ${now}) on conflict do update set last_id = excluded.last_id, updated_at = excluded.updated_at`);
}

export interface RollupRun {
  /** Rows taken in per source. */
  read: Record<RollupSource, number>;
  /** Whether rows or days were left for the next run (a batch or day limit was reached). */
  more: boolean;
}

/** Days sealed (visitor sets) and rolled up (deflection) per run at most. */
const DAYS_PER_RUN = 31;

/**
 * The periodic rollup job: takes in the rows each source gained since the last run, at most `batch` per source, each
 * source in one transaction with its watermark (a crash leaves nothing counted twice).
 */
export function runKpiRollups(db: Db, now: number, options: { batch?: number } = {}): RollupRun {
  const batch = options.batch ?? 50_000;
  const read = { search_events: 0, search_clicks: 0, events: 0, cases: 0 } as Record<RollupSource, number>;
  let more = false;
  for (const source of ROLLUP_SOURCES) {
    db.transaction((tx) => {
      const lo = watermark(tx, source);
      const top = maxId(tx, source);
      if (top <= lo) return;
      const hi = Math.min(top, lo + batch);
      addCounters(tx, source, lo, hi);
      if (source === 'events') refreshSealedDays(tx, viewDays(tx, lo, hi));
      setWatermark(tx, source, hi, now);
      read[source] = hi - lo;
      if (hi < top) more = true;
    });
  }
  if (!more) {
    // A bounded number of days per run, so a first run on a year of facts does not hold the server for long.
    const sealed = sealVisitorSets(db, now, DAYS_PER_RUN);
    const rolled = rollDeflectionDays(db, now, DAYS_PER_RUN);
    more = sealed === DAYS_PER_RUN || rolled === DAYS_PER_RUN;
    if (rolled < DAYS_PER_RUN) refreshDeflectionPartial(db, now);
  }
  return { read, more };
}

export interface RebuildProgress {
  (step: string, done: number, total: number): void;
}

/**
 * Rebuilds every rollup from the facts: empties them, then computes the question facts and the counters again in
 * batches (one transaction each). Reports read a partial rollup meanwhile; run it when the figures look wrong or after
 * a change of definitions.
 */
export function rebuildKpiRollups(db: Db, now: number, progress: RebuildProgress = () => {}, batch = 20_000): { questions: number; rows: Record<RollupSource, number> } {
  db.transaction((tx) => {
    tx.run(sql`delete from kpi_question_facts`);
    tx.run(sql`delete from kpi_daily`);
    tx.run(sql`delete from kpi_visitor_days`);
    tx.run(sql`delete from kpi_progress`);
    clearVisitorSets(tx);
    clearDeflectionPartial(tx);
  });
  const top = db.get<{ m: number | null }>(sql`select max(id) as m from questions`)?.m ?? 0;
  for (let lo = 0; lo < top; lo += batch) {
    const hi = Math.min(top, lo + batch);
    db.transaction((tx) => {
      tx.run(sql`insert into kpi_question_facts (question_id, created_at, locale, category_id, first_answer_at, first_answer_by, accepted_at, accepted_by) ${questionFactsSelect(sql`q.id > ${lo} and q.id <= ${hi}`)}`);
    });
    progress('questions', hi, top);
  }
  const rows = { search_events: 0, search_clicks: 0, events: 0, cases: 0 } as Record<RollupSource, number>;
  for (const source of ROLLUP_SOURCES) {
    const last = maxId(db, source);
    for (let lo = 0; lo < last; lo += batch * 5) {
      const hi = Math.min(last, lo + batch * 5);
      db.transaction((tx) => {
        addCounters(tx, source, lo, hi);
        setWatermark(tx, source, hi, now);
      });
      progress(source, hi, last);
    }
    rows[source] = last;
  }
  sealVisitorSets(db, now);
  rollDeflectionDays(db, now);
  refreshDeflectionPartial(db, now);
  const questions = db.get<{ n: number }>(sql`select count(*) as n from kpi_question_facts`)?.n ?? 0;
  return { questions, rows };
}
