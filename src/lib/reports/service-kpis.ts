import { daysOf, startOfUtcDay, type Period } from './filters';
import { inPeriod, WALL_CLOCK, type Measure } from './community-kpis';
import { mean, quantile, rate } from './statistics';

/**
 * Service-quality KPIs over case facts (the cases branch's `cases`, `case_sla_clocks`, `csat_responses`), pure.
 * Times are UTC epoch ms; durations go through a `Measure` (business hours of the case's queue in the reports).
 */

export const CASE_OPEN_STATUSES = ['new', 'open', 'pending_customer', 'on_hold'] as const;

/** One case as the reports read it. */
export interface CaseFact {
  id: number;
  createdAt: number;
  status: string;
  priority: string;
  channel: string;
  /** The queue (department) slug. */
  queue: string;
  categoryId: number | null;
  locale: string;
  /** Who the customer is (member id, else e-mail address): unique customers for the self-service score. */
  customerKey: string;
  firstResponseAt: number | null;
  /** Public or private replies by agents. */
  agentReplies: number;
  solvedAt: number | null;
  closedAt: number | null;
  closeReason: string | null;
  /** The case's thread got an accepted answer from a non-staff member (a community resolution). */
  communityAccepted?: boolean;
}

export function isOpenCase(c: Pick<CaseFact, 'status'>): boolean {
  return (CASE_OPEN_STATUSES as readonly string[]).includes(c.status);
}

/** How a case ended, for the "resolution scenario" breakdown. */
export const RESOLUTION_SCENARIOS = ['self_service', 'community', 'agent_first_contact', 'agent_several_replies', 'abandoned', 'unresolved'] as const;
export type ResolutionScenario = (typeof RESOLUTION_SCENARIOS)[number];

/**
 * Pure: abandoned when closed by abandonment; unresolved while open (or closed by staff without a solve); solved with
 * one agent reply: first contact; with more: several replies; solved without any agent reply: community when the
 * thread's accepted answer came from a member, else self-service (the customer solved it and said so).
 */
export function resolutionScenario(c: CaseFact): ResolutionScenario {
  if (c.closeReason === 'abandoned') return 'abandoned';
  if (c.solvedAt === null) return 'unresolved';
  if (c.agentReplies === 1) return 'agent_first_contact';
  if (c.agentReplies > 1) return 'agent_several_replies';
  return c.communityAccepted ? 'community' : 'self_service';
}

/** Counts of items per key, largest first (ties by key), e.g. cases by category. */
export function breakdown<T>(items: readonly T[], keyOf: (item: T) => string | null): { key: string; count: number; share: number }[] {
  const counts = new Map<string, number>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === null) continue;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  return [...counts]
    .map(([key, count]) => ({ key, count, share: count / total }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

export interface ResolutionFigures {
  /** Cases solved in the period. */
  solved: number;
  average: number | null;
  median: number | null;
  fastest: { id: number; ms: number }[];
  slowest: { id: number; ms: number }[];
  /** Average per queue (department), slowest first. */
  byQueue: { queue: string; solved: number; average: number }[];
}

/** Resolution time (created → solved) of the cases solved in `period`: average, median, top-5 fastest and slowest, average per department. */
export function resolutionFigures(cases: readonly CaseFact[], period: Period, measure: (c: CaseFact) => Measure = () => WALL_CLOCK, top = 5): ResolutionFigures {
  const rows = cases
    .filter((c) => c.solvedAt !== null && inPeriod(c.solvedAt, period))
    .map((c) => ({ id: c.id, queue: c.queue, ms: Math.max(0, measure(c)(c.createdAt, c.solvedAt!)) }));
  const byTime = [...rows].sort((a, b) => a.ms - b.ms || a.id - b.id);
  const queues = new Map<string, number[]>();
  for (const r of rows) {
    let list = queues.get(r.queue);
    if (!list) queues.set(r.queue, (list = []));
    list.push(r.ms);
  }
  return {
    solved: rows.length,
    average: mean(rows.map((r) => r.ms)),
    median: quantile(rows.map((r) => r.ms), 0.5),
    fastest: byTime.slice(0, top).map(({ id, ms }) => ({ id, ms })),
    slowest: byTime
      .slice(-top)
      .reverse()
      .map(({ id, ms }) => ({ id, ms })),
    byQueue: [...queues]
      .map(([queue, list]) => ({ queue, solved: list.length, average: mean(list)! }))
      .sort((a, b) => b.average - a.average || a.queue.localeCompare(b.queue)),
  };
}

/** First-contact resolution: cases solved in `period` with exactly one agent reply ÷ cases solved in `period`. */
export function firstContactResolution(cases: readonly CaseFact[], period: Period): { solved: number; firstContact: number; rate: number | null } {
  const solved = cases.filter((c) => c.solvedAt !== null && inPeriod(c.solvedAt, period));
  const firstContact = solved.filter((c) => c.agentReplies === 1).length;
  return { solved: solved.length, firstContact, rate: rate(firstContact, solved.length) };
}

export interface DayCount {
  day: number;
  count: number;
}

/** Zero-filled counts per UTC day of `period` of the instants `at` returns (null: not counted). */
export function perDay<T>(items: readonly T[], period: Period, at: (item: T) => number | null): DayCount[] {
  const days = daysOf(period);
  const counts = new Map(days.map((d) => [d, 0]));
  for (const item of items) {
    const t = at(item);
    if (t === null || !inPeriod(t, period)) continue;
    const d = startOfUtcDay(t);
    counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  return days.map((day) => ({ day, count: counts.get(day)! }));
}

export interface CaseFlow {
  opened: DayCount[];
  closed: DayCount[];
  openedTotal: number;
  closedTotal: number;
  /** Closed in the period because the customer never came back. */
  abandoned: number;
}

/** When a case counts as closed: its close, else its solve (a solved case waits for the customer before closing). */
export function closedAt(c: CaseFact): number | null {
  return c.closedAt ?? c.solvedAt;
}

/** Cases open at `now`, whatever the period (the backlog): the same count as the reports' SQL countPendingCases. */
export function pendingCases(cases: readonly CaseFact[], now: number): number {
  return cases.filter((c) => isOpenCase(c) && c.createdAt <= now).length;
}

/** Case flow: opened and closed per day, closed by abandonment. */
export function caseFlow(cases: readonly CaseFact[], period: Period): CaseFlow {
  const opened = perDay(cases, period, (c) => c.createdAt);
  const closed = perDay(cases, period, closedAt);
  return {
    opened,
    closed,
    openedTotal: opened.reduce((a, d) => a + d.count, 0),
    closedTotal: closed.reduce((a, d) => a + d.count, 0),
    abandoned: cases.filter((c) => c.closeReason === 'abandoned' && c.closedAt !== null && inPeriod(c.closedAt, period)).length,
  };
}

const weekdayFormats = new Map<string, Intl.DateTimeFormat>();

/** The local weekday (1 = Monday … 7 = Sunday) and hour (0–23) of an instant in a time zone. */
export function localWeekdayHour(t: number, timeZone: string): { weekday: number; hour: number } {
  let format = weekdayFormats.get(timeZone);
  if (!format) weekdayFormats.set(timeZone, (format = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: 'numeric', hourCycle: 'h23' })));
  const parts = format.formatToParts(t);
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.find((p) => p.type === 'weekday')!.value) + 1;
  const hour = Number(parts.find((p) => p.type === 'hour')!.value) % 24;
  return { weekday, hour };
}

/**
 * Counts by local weekday (rows, Monday first) × hour of day (columns) of the instants in `period`: the case heatmap.
 * `weights[i]`, when given, is how many the instant `instants[i]` stands for (cases counted per quarter hour).
 */
export function weekdayHourGrid(instants: readonly number[], period: Period, timeZone: string, weights?: readonly number[]): number[][] {
  const grid = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
  // Every zone's offset is a multiple of 15 minutes: one lookup per quarter hour, not per instant.
  const quarters = new Map<number, { weekday: number; hour: number }>();
  instants.forEach((t, i) => {
    if (!inPeriod(t, period)) return;
    const q = Math.floor(t / 900_000);
    let local = quarters.get(q);
    if (!local) quarters.set(q, (local = localWeekdayHour(q * 900_000, timeZone)));
    grid[local.weekday - 1]![local.hour]! += weights ? weights[i]! : 1;
  });
  return grid;
}

/** One SLA clock as the reports read it. */
export interface SlaClockFact {
  caseId: number;
  kind: string;
  priority: string;
  queue: string;
  caseCreatedAt: number;
  dueAt: number | null;
  breachedAt: number | null;
  stoppedAt: number | null;
}

export type SlaOutcome = 'met' | 'breached' | 'running';

/** Pure: met when stopped without a breach; breached when a breach was recorded or the due time passed by `now`; else running. */
export function slaOutcome(clock: SlaClockFact, now: number): SlaOutcome {
  if (clock.breachedAt !== null && clock.breachedAt <= now) return 'breached';
  if (clock.stoppedAt !== null && clock.stoppedAt <= now) return 'met';
  if (clock.dueAt !== null && clock.dueAt <= now) return 'breached';
  return 'running';
}

export interface SlaGroup {
  key: string;
  met: number;
  breached: number;
  running: number;
  /** met ÷ (met + breached): clocks still running with time left are not judged yet. */
  attainment: number | null;
}

function slaGroup(key: string, clocks: readonly SlaClockFact[], now: number): SlaGroup {
  let met = 0;
  let breached = 0;
  let running = 0;
  for (const c of clocks) {
    const o = slaOutcome(c, now);
    if (o === 'met') met++;
    else if (o === 'breached') breached++;
    else running++;
  }
  return { key, met, breached, running, attainment: rate(met, met + breached) };
}

export interface SlaFigures {
  firstResponse: SlaGroup;
  resolution: SlaGroup;
  /** Per priority and per queue, both kinds together. */
  byPriority: SlaGroup[];
  byQueue: SlaGroup[];
}

/**
 * SLA attainment of the cases opened in `period`: clocks that met their target ÷ clocks judged (met or breached) by
 * `now`, for first response and resolution, and by priority and queue. The first response clock is the case's
 * first one (a reopened case's later clocks are not).
 */
export function slaFigures(clocks: readonly SlaClockFact[], period: Period, now: number): SlaFigures {
  const inCohort = clocks.filter((c) => inPeriod(c.caseCreatedAt, period) && (c.kind === 'first_response' || c.kind === 'resolution'));
  const group = <K extends string>(keyOf: (c: SlaClockFact) => K) => {
    const map = new Map<K, SlaClockFact[]>();
    for (const c of inCohort) {
      const k = keyOf(c);
      let list = map.get(k);
      if (!list) map.set(k, (list = []));
      list.push(c);
    }
    return [...map].map(([k, list]) => slaGroup(k, list, now)).sort((a, b) => a.key.localeCompare(b.key));
  };
  return {
    firstResponse: slaGroup('first_response', inCohort.filter((c) => c.kind === 'first_response'), now),
    resolution: slaGroup('resolution', inCohort.filter((c) => c.kind === 'resolution'), now),
    byPriority: group((c) => c.priority),
    byQueue: group((c) => c.queue),
  };
}

/** SLA attainment over both kinds: clocks that met their target ÷ clocks judged, first response and resolution together. */
export function slaAttainment(figures: Pick<SlaFigures, 'firstResponse' | 'resolution'>): number | null {
  const met = figures.firstResponse.met + figures.resolution.met;
  return rate(met, met + figures.firstResponse.breached + figures.resolution.breached);
}

/** One satisfaction survey answer. */
export interface CsatFact {
  caseId: number;
  score: number;
  nps: number | null;
  comment: string;
  createdAt: number;
}

export interface SatisfactionFigures {
  responses: number;
  /** answers of 4 or 5 ÷ answers */
  csat: number | null;
  npsResponses: number;
  /** (promoters 9–10 − detractors 0–6) ÷ NPS answers, from −1 to 1 (shown ×100) */
  nps: number | null;
  /** The period's comments, newest first. */
  comments: { caseId: number; score: number; comment: string; createdAt: number }[];
}

export function satisfactionFigures(answers: readonly CsatFact[], period: Period, commentLimit = 20): SatisfactionFigures {
  const rows = answers.filter((a) => inPeriod(a.createdAt, period));
  const npsRows = rows.filter((a) => a.nps !== null);
  const promoters = npsRows.filter((a) => a.nps! >= 9).length;
  const detractors = npsRows.filter((a) => a.nps! <= 6).length;
  return {
    responses: rows.length,
    csat: rate(rows.filter((a) => a.score >= 4).length, rows.length),
    npsResponses: npsRows.length,
    nps: rate(promoters - detractors, npsRows.length),
    comments: rows
      .filter((a) => a.comment.trim() !== '')
      .sort((a, b) => b.createdAt - a.createdAt)
      .slice(0, commentLimit)
      .map(({ caseId, score, comment, createdAt }) => ({ caseId, score, comment, createdAt })),
  };
}

/**
 * Self-service score (Zendesk/Gainsight): unique visitors who viewed an article or thread ÷ unique customers who
 * opened a case. Both are counts of distinct keys over the period; null without cases.
 */
export function selfServiceScore(viewers: number, caseCustomers: number): number | null {
  return rate(viewers, caseCustomers);
}

/** Unique keys among items in `period`. */
export function uniqueIn<T>(items: readonly T[], period: Period, at: (item: T) => number, key: (item: T) => string | null): number {
  const seen = new Set<string>();
  for (const item of items) {
    if (!inPeriod(at(item), period)) continue;
    const k = key(item);
    if (k !== null) seen.add(k);
  }
  return seen.size;
}

