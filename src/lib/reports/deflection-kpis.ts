import { and, gte, lt, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { deflectionEvents, kpiDeflectionConfirmations, kpiDeflectionPartial } from '../../../db/schema/index';
import {
  addDeflectionCounts,
  computeDeflectionBy,
  FAILED_WINDOW_MS,
  NO_DEFLECTION,
  SESSION_GAP_MS,
  sessionOutcome,
  sessionCategory,
  sessionChannel,
  sessionize,
  sessionLocale,
  type DeflectionCounts,
  type DeflectionFact,
  type Session,
} from '../deflection/sessions';
import { isFormSurface } from '../deflection/events';
import { addFunnels, NO_FUNNEL, sessionFunnel, type DeflectionFunnel } from './content-kpis';
import { DAY_MS, startOfUtcDay, type Period } from './filters';
import { scopeWhere, type ReportScope } from './load';

/**
 * The deflection KPIs of the reports from the deflection events (src/lib/deflection/sessions.ts defines them), per
 * group of sessions: its locale and category (sessionLocale, sessionCategory), and its channel (the widget
 * if it used it, else the first form it reached, else the site), and the deflection funnel of those sessions. Days
 * whose figures can no longer change are rolled up into kpi_daily (one metric per count and funnel stage, per group);
 * the days after them are computed from the events per request.
 */

/**
 * The events read before a range: enough to tell whether a session with events in the range began before it. One that
 * did has an event less than SESSION_GAP_MS before the range's start (its events are never further apart); cut there,
 * it still begins before the range and is left out, so nothing earlier changes which sessions begin in the range.
 */
const LOOKBACK_MS = SESSION_GAP_MS;

/** The counts kept in kpi_daily, by metric name. */
export const DEFLECTION_METRICS: Record<keyof DeflectionCounts, string> = {
  formSessions: 'deflection_form_sessions',
  confirmations: 'deflection_confirmations',
  confirmationsOnForms: 'deflection_confirmations_forms',
  implicitDeflections: 'deflection_implicit',
  implicitPending: 'deflection_implicit_pending',
  failedConfirmations: 'deflection_failed',
  failedPending: 'deflection_failed_pending',
};

/** A group of sessions: locale ('' for none), category (0 for none) and channel. */
export interface DeflectionGroup {
  locale: string;
  categoryId: number;
  channel: string;
}

/** The funnel's stages past reaching a form, kept in kpi_daily like the counts (reaching a form is formSessions). */
export const FUNNEL_METRICS: Record<Exclude<keyof DeflectionFunnel, 'reachedForm'>, string> = {
  sawSuggestions: 'deflection_funnel_saw',
  opened: 'deflection_funnel_opened',
  confirmed: 'deflection_funnel_confirmed',
  submitted: 'deflection_funnel_submitted',
};

const groupKey = (g: DeflectionGroup) => `${g.locale}\t${g.categoryId}\t${g.channel}`;

function groupOf(s: Session): DeflectionGroup {
  return { locale: sessionLocale(s) ?? '', categoryId: sessionCategory(s) ?? 0, channel: sessionChannel(s) };
}

/**
 * Days before this one are final at `now`: their sessions have ended (a day after the day) and the 7 days in which a
 * confirmation can still fail have passed.
 */
export function deflectionFinalUntil(now: number): number {
  return startOfUtcDay(now - DAY_MS - FAILED_WINDOW_MS);
}

function loadEvents(db: Db, from: number, to: number): DeflectionFact[] {
  return db
    .select({
      at: deflectionEvents.occurredAt,
      type: deflectionEvents.type,
      surface: deflectionEvents.surface,
      visitorId: deflectionEvents.visitorId,
      memberId: deflectionEvents.memberId,
      subjectType: deflectionEvents.subjectType,
      subjectId: deflectionEvents.subjectId,
      locale: deflectionEvents.locale,
      categoryId: deflectionEvents.categoryId,
    })
    .from(deflectionEvents)
    .where(and(gte(deflectionEvents.occurredAt, from), lt(deflectionEvents.occurredAt, to)))
    .all();
}

interface GroupCounts {
  group: DeflectionGroup;
  counts: DeflectionCounts;
  funnel: DeflectionFunnel;
}

/** The counts and funnel per group of the sessions that started in `range`, from the events, as seen at `now`. */
function countsFromEvents(db: Db, range: Period, now: number): Map<string, GroupCounts> {
  const events = loadEvents(db, range.from - LOOKBACK_MS, range.to + DAY_MS + FAILED_WINDOW_MS);
  const out = new Map<string, GroupCounts>();
  const groups = new Map<string, { group: DeflectionGroup; funnel: DeflectionFunnel }>();
  // Called once per session of the range: its funnel is added to its group's on the way.
  const counts = computeDeflectionBy(events, range, now, (s) => {
    const group = groupOf(s);
    const key = groupKey(group);
    groups.set(key, { group, funnel: addFunnels(groups.get(key)?.funnel ?? NO_FUNNEL, sessionFunnel(s.events)) });
    return key;
  });
  for (const [key, c] of counts) out.set(key, { ...groups.get(key)!, counts: c });
  return out;
}

const WATERMARK = 'deflection_days';

/** The first day whose deflection figures are not in kpi_daily yet, or null before the first roll. */
export function deflectionRolledUntil(db: Db): number | null {
  return db.get<{ last_id: number }>(sql`select last_id from kpi_progress where source = ${WATERMARK}`)?.last_id ?? null;
}

/**
 * Rolls up the deflection counts of the days that have become final since the last run (deflectionFinalUntil), at
 * most `limit`, one transaction per day. The first run starts from the day of the earliest event. Returns the days
 * rolled up.
 */
export function rollDeflectionDays(db: Db, now: number, limit = Infinity): number {
  const until = deflectionFinalUntil(now);
  const from = deflectionRolledUntil(db) ?? 0;
  const advance = (tx: Db, to: number) =>
    tx.run(sql`insert into kpi_progress (source, last_id, updated_at) values (${WATERMARK}, ${to}, ${now}) on conflict do update set last_id = excluded.last_id, updated_at = excluded.updated_at`);
  let rolled = 0;
  // Sessions start at an event: a day without events has none, so jump from one day with events to the next.
  for (let day: number | null = nextDay(db, from, until); day !== null && rolled < limit; day = nextDay(db, day + DAY_MS, until)) {
    const d = day;
    db.transaction((tx) => {
      for (const { group, counts, funnel } of countsFromEvents(tx, { from: d, to: d + DAY_MS }, now).values()) {
        const values = [
          ...(Object.entries(DEFLECTION_METRICS) as [keyof DeflectionCounts, string][]).map(([field, metric]) => [metric, counts[field]] as const),
          ...(Object.entries(FUNNEL_METRICS) as [keyof DeflectionFunnel, string][]).map(([field, metric]) => [metric, funnel[field]] as const),
        ];
        for (const [metric, value] of values) {
          if (value === 0) continue;
          tx.run(sql`insert into kpi_daily (metric, day, locale, category_id, channel, value) values (${metric}, ${d}, ${group.locale}, ${group.categoryId}, ${group.channel}, ${value})
            on conflict do update set value = excluded.value`);
        }
      }
      advance(tx, d + DAY_MS);
    });
    rolled++;
  }
  if (rolled < limit && from < until) advance(db, until);
  return rolled;
}

/** The UTC day of the first event in [from, before), or null. */
function nextDay(db: Db, from: number, before: number): number | null {
  const at = db.get<{ at: number | null }>(sql`select min(occurred_at) as at from deflection_events where occurred_at >= ${from} and occurred_at < ${before}`)?.at ?? null;
  return at === null ? null : startOfUtcDay(at);
}

/** Where the counted part of the days not final yet stands (kpi_progress rows). */
const PARTIAL = { events: 'deflection_partial', from: 'deflection_partial_from', until: 'deflection_partial_until', horizon: 'deflection_partial_horizon' } as const;

interface PartialState {
  /** The last event read, and when: every later event happened after that (else the counts are stale). */
  lastId: number;
  readAt: number;
  /** The days counted: [from, until), from the final days' watermark up to the first day with a session going on. */
  from: number;
  until: number;
  /** The day it could have counted up to (today at the time): a new day means counting again. */
  horizon: number;
  /** When the days were counted. */
  countedAt: number;
}

function partialState(db: Db): PartialState | null {
  const rows = db.all<{ source: string; lastId: number; updatedAt: number }>(
    sql`select source, last_id as lastId, updated_at as updatedAt from kpi_progress where source in (${PARTIAL.events}, ${PARTIAL.from}, ${PARTIAL.until}, ${PARTIAL.horizon})`,
  );
  const get = (source: string) => rows.find((r) => r.source === source);
  const events = get(PARTIAL.events);
  const from = get(PARTIAL.from);
  const until = get(PARTIAL.until);
  const horizon = get(PARTIAL.horizon);
  if (!events || !from || !until || !horizon) return null;
  return { lastId: events.lastId, readAt: events.updatedAt, from: from.lastId, until: until.lastId, horizon: horizon.lastId, countedAt: until.updatedAt };
}

/** An event written after the counts were taken happened before they were: a late event may change them. */
function lateEvent(db: Db, state: PartialState): boolean {
  // `+occurred_at`: walk the few rows after the watermark by id, not every event before `readAt` by time.
  return db.get(sql`select 1 from deflection_events where id > ${state.lastId} and +occurred_at < ${state.readAt} limit 1`) !== undefined;
}

function maxEventId(db: Db): number {
  return db.get<{ m: number | null }>(sql`select max(id) as m from deflection_events`)?.m ?? 0;
}

/** Empties the counted part of the days not final yet (a rebuild, or before counting again). */
export function clearDeflectionPartial(db: Db): void {
  db.delete(kpiDeflectionPartial).run();
  db.delete(kpiDeflectionConfirmations).run();
  db.run(sql`delete from kpi_progress where source in (${PARTIAL.events}, ${PARTIAL.from}, ${PARTIAL.until}, ${PARTIAL.horizon})`);
}

/**
 * Counts the days after the final ones (deflectionRolledUntil) up to today whose sessions have all ended at `now`
 * (30 minutes without an event): no event written later can join or start one of their sessions, nor change whether
 * a session sent its form, so their counts hold; only whether a confirmation failed can still change, and each
 * confirmation is kept to be judged when a report is read. Counted again on a new day, when the final days move, when
 * an event arrives dated before the last count, or half an hour after a count that stopped at a session going on;
 * otherwise only its watermark moves. Returns the days counted.
 */
export function refreshDeflectionPartial(db: Db, now: number): number {
  return db.transaction((tx) => {
    const from = deflectionRolledUntil(tx);
    const top = maxEventId(tx);
    const horizon = startOfUtcDay(now);
    const state = partialState(tx);
    const write = (source: string, value: number) =>
      tx.run(sql`insert into kpi_progress (source, last_id, updated_at) values (${source}, ${value}, ${now}) on conflict do update set last_id = excluded.last_id, updated_at = excluded.updated_at`);
    if (from === null) {
      if (state) clearDeflectionPartial(tx);
      return 0;
    }
    // A day left out because a session was going on is tried again once that session may have ended.
    const retry = state !== null && state.until < state.horizon && now - state.countedAt >= SESSION_GAP_MS;
    if (state && state.from === from && state.horizon === horizon && !retry && !lateEvent(tx, state)) {
      write(PARTIAL.events, top);
      return 0;
    }
    clearDeflectionPartial(tx);
    let until = Math.max(from, horizon);
    const sessions = sessionize(loadEvents(tx, from - LOOKBACK_MS, until + DAY_MS + FAILED_WINDOW_MS)).filter((s) => s.startedAt >= from && s.startedAt < until);
    const outcomes = sessions.map((s) => ({ s, o: sessionOutcome(s, now) }));
    for (const { s, o } of outcomes) if (s.endedAt + SESSION_GAP_MS > now || o.implicit === 'pending') until = Math.min(until, startOfUtcDay(s.startedAt));
    const counts = new Map<string, { day: number; group: DeflectionGroup; formSessions: number; confirmations: number; confirmationsOnForms: number; implicitDeflections: number; funnel: DeflectionFunnel }>();
    for (const { s, o } of outcomes) {
      if (s.startedAt >= until) continue;
      const day = startOfUtcDay(s.startedAt);
      const group = groupOf(s);
      const key = `${day}\t${groupKey(group)}`;
      const c = counts.get(key) ?? { day, group, formSessions: 0, confirmations: 0, confirmationsOnForms: 0, implicitDeflections: 0, funnel: NO_FUNNEL };
      counts.set(key, c);
      c.funnel = addFunnels(c.funnel, sessionFunnel(s.events));
      if (o.reachedForm) c.formSessions++;
      if (o.implicit === 'deflected') c.implicitDeflections++;
      for (const conf of o.confirmations) {
        c.confirmations++;
        if (isFormSurface(conf.surface)) c.confirmationsOnForms++;
        tx.insert(kpiDeflectionConfirmations).values({ day, ...group, at: conf.at, visitorId: conf.visitorId, memberId: conf.memberId }).run();
      }
    }
    for (const { day, group, funnel, ...c } of counts.values())
      tx.insert(kpiDeflectionPartial)
        .values({ day, ...group, ...c, funnelSaw: funnel.sawSuggestions, funnelOpened: funnel.opened, funnelConfirmed: funnel.confirmed, funnelSubmitted: funnel.submitted })
        .run();
    write(PARTIAL.events, top);
    write(PARTIAL.from, from);
    write(PARTIAL.until, until);
    write(PARTIAL.horizon, horizon);
    return (until - from) / DAY_MS;
  });
}

/** The counts and funnel of the days [from, to) from kpi_deflection_partial, their confirmations judged at `now`, within the scope. */
function partialCounts(db: Db, scope: ReportScope, from: number, to: number, now: number, add: (group: DeflectionGroup, counts: DeflectionCounts, funnel?: DeflectionFunnel) => void): void {
  const rows = db.all<DeflectionGroup & { formSessions: number; confirmations: number; confirmationsOnForms: number; implicitDeflections: number } & Omit<DeflectionFunnel, 'reachedForm'>>(sql`
    select locale, category_id as categoryId, channel, sum(form_sessions) as formSessions, sum(confirmations) as confirmations,
      sum(confirmations_on_forms) as confirmationsOnForms, sum(implicit_deflections) as implicitDeflections,
      sum(funnel_saw) as sawSuggestions, sum(funnel_opened) as opened, sum(funnel_confirmed) as confirmed, sum(funnel_submitted) as submitted
    from kpi_deflection_partial p where p.day >= ${from} and p.day < ${to} and ${scopeWhere(scope, 'p', { channel: true })}
    group by locale, category_id, channel`);
  for (const { locale, categoryId, channel, sawSuggestions, opened, confirmed, submitted, ...c } of rows)
    add({ locale, categoryId, channel }, { ...NO_DEFLECTION, ...c }, { reachedForm: 0, sawSuggestions, opened, confirmed, submitted });
  // Failed: the same visitor or member sent a question or case within 7 days after (confirmationFailedIndexed).
  const sent = (column: 'visitor_id' | 'member_id') =>
    sql.raw(`c.${column} is not null and exists (select 1 from deflection_events s where s.${column} = c.${column} and s.type = 'form_submitted' and s.occurred_at > c.at and s.occurred_at <= c.at + ${FAILED_WINDOW_MS})`);
  const confirmations = db.all<DeflectionGroup & { at: number; failed: number }>(sql`
    select locale, category_id as categoryId, channel, at, (${sent('visitor_id')}) or (${sent('member_id')}) as failed
    from kpi_deflection_confirmations c where c.day >= ${from} and c.day < ${to} and ${scopeWhere(scope, 'c', { channel: true })}`);
  for (const { at, failed, ...group } of confirmations) {
    if (failed) add(group, { ...NO_DEFLECTION, failedConfirmations: 1 });
    else if (now < at + FAILED_WINDOW_MS) add(group, { ...NO_DEFLECTION, failedPending: 1 });
  }
}

export interface DeflectionBreakdown {
  total: DeflectionCounts;
  /** The funnel of the same sessions (its first stage is formSessions). */
  funnel: DeflectionFunnel;
  groups: { group: DeflectionGroup; counts: DeflectionCounts }[];
}

/**
 * The deflection counts of `range` within the scope, per group and in total, and their funnel: rolled-up days from
 * kpi_daily, the days after them whose sessions have ended from kpi_deflection_partial, the rest from the events.
 * `fromEvents` forces the events for every day (the from-scratch side of the tests).
 */
export function loadDeflection(db: Db, scope: ReportScope, range: Period, now: number, options: { fromEvents?: boolean } = {}): DeflectionBreakdown {
  const rolled = options.fromEvents ? range.from : Math.min(range.to, Math.max(range.from, deflectionRolledUntil(db) ?? range.from));
  const merged = new Map<string, { group: DeflectionGroup; counts: DeflectionCounts }>();
  let funnel = NO_FUNNEL;
  const add = (group: DeflectionGroup, counts: DeflectionCounts, stages: DeflectionFunnel = NO_FUNNEL) => {
    const key = groupKey(group);
    const had = merged.get(key);
    merged.set(key, { group, counts: had ? addDeflectionCounts(had.counts, counts) : counts });
    funnel = addFunnels(funnel, stages);
  };
  if (rolled > range.from) {
    const names = [...Object.values(DEFLECTION_METRICS), ...Object.values(FUNNEL_METRICS)];
    const fields = Object.fromEntries(Object.entries(DEFLECTION_METRICS).map(([f, m]) => [m, f])) as Record<string, keyof DeflectionCounts>;
    const stages = Object.fromEntries(Object.entries(FUNNEL_METRICS).map(([f, m]) => [m, f])) as Record<string, keyof DeflectionFunnel>;
    const rows = db.all<{ metric: string; locale: string; categoryId: number; channel: string; value: number }>(sql`
      select metric, locale, category_id as categoryId, channel, sum(value) as value from kpi_daily d
      where d.metric in (${sql.join(
        names.map((m) => sql`${m}`),
        sql`, `,
      )}) and d.day >= ${range.from} and d.day < ${rolled} and ${scopeWhere(scope, 'd', { channel: true })}
      group by metric, locale, category_id, channel`);
    for (const r of rows) {
      const group = { locale: r.locale, categoryId: r.categoryId, channel: r.channel };
      if (stages[r.metric]) add(group, NO_DEFLECTION, { ...NO_FUNNEL, [stages[r.metric]!]: r.value });
      else add(group, { ...NO_DEFLECTION, [fields[r.metric]!]: r.value });
    }
  }
  // The days not final yet whose sessions have ended, counted by the rollup job (refreshDeflectionPartial), unless an
  // event arrived late since; the last day or two from the events.
  let counted = rolled;
  if (!options.fromEvents && range.to > rolled) {
    const state = partialState(db);
    if (state && state.from <= rolled && state.until > rolled && !lateEvent(db, state)) {
      counted = Math.min(range.to, state.until);
      partialCounts(db, scope, rolled, counted, now, add);
    }
  }
  if (range.to > counted) {
    const { locale, channel } = scope.filters;
    for (const { group, counts, funnel: stages } of countsFromEvents(db, { from: counted, to: range.to }, now).values()) {
      if (locale && group.locale !== locale) continue;
      if (channel && group.channel !== channel) continue;
      if (scope.categoryIds && !scope.categoryIds.includes(group.categoryId)) continue;
      add(group, counts, { ...stages, reachedForm: 0 });
    }
  }
  const groups = [...merged.values()];
  const total = groups.reduce((a, g) => addDeflectionCounts(a, g.counts), NO_DEFLECTION);
  return { total, funnel: { ...funnel, reachedForm: total.formSessions }, groups };
}

/** Sums the groups by one of their dimensions. */
export function deflectionBy(breakdown: DeflectionBreakdown, dimension: keyof DeflectionGroup): { key: string | number; counts: DeflectionCounts }[] {
  const out = new Map<string | number, DeflectionCounts>();
  for (const { group, counts } of breakdown.groups) out.set(group[dimension], addDeflectionCounts(out.get(group[dimension]) ?? NO_DEFLECTION, counts));
  return [...out].map(([key, counts]) => ({ key, counts })).sort((a, b) => b.counts.formSessions - a.counts.formSessions || b.counts.confirmations - a.counts.confirmations || String(a.key).localeCompare(String(b.key)));
}

/** "This solved my problem" confirmations credited to each article in `range` (the knowledge-base report). */
export function articleConfirmations(db: Db, range: Period): Map<number, number> {
  const rows = db.all<{ id: number; n: number }>(sql`
    select subject_id as id, count(*) as n from deflection_events
    where type = 'confirmed' and subject_type = 'article' and occurred_at >= ${range.from} and occurred_at < ${range.to}
    group by subject_id`);
  return new Map(rows.map((r) => [r.id, r.n]));
}
