import type { DeflectionEventType, DeflectionSurface } from './events';
import { isFormSurface } from './events';

/** 30 minutes without an event ends a visitor's session. */
export const SESSION_GAP_MS = 30 * 60 * 1000;
/** A session that saw suggestions on a form and sent nothing this long after the last one was deflected (implicit). */
export const IMPLICIT_WINDOW_MS = 30 * 60 * 1000;
/** A confirmation followed by a question or case from the same visitor this soon failed. */
export const FAILED_WINDOW_MS = 7 * 24 * 3600 * 1000;

/** One deflection event as the session model reads it. */
export interface DeflectionFact {
  at: number;
  type: DeflectionEventType;
  surface: DeflectionSurface;
  visitorId: string | null;
  memberId: number | null;
  subjectType?: 'article' | 'question' | null;
  subjectId?: number | null;
  /** The page's language and category, when the event had them (the reports' breakdowns). */
  locale?: string | null;
  categoryId?: number | null;
}

/**
 * Whose events a session groups: the visitor id, else the member id. An event with neither (a visitor who opted out
 * of the cookie through Global Privacy Control or Do Not Track, without an account) belongs to no session.
 */
export function identityKey(e: Pick<DeflectionFact, 'visitorId' | 'memberId'>): string | null {
  if (e.visitorId) return `v:${e.visitorId}`;
  if (e.memberId !== null) return `m:${e.memberId}`;
  return null;
}

/** An event at `at` belongs to the session whose last event was at `lastAt`. */
export function continuesSession(lastAt: number, at: number): boolean {
  return at - lastAt < SESSION_GAP_MS;
}

export interface Session<E extends DeflectionFact = DeflectionFact> {
  key: string;
  startedAt: number;
  endedAt: number;
  /** In time order. */
  events: E[];
}

/** Pure: a visitor's events cut into sessions at every gap of SESSION_GAP_MS or more; events without identity are left out. */
export function sessionize<E extends DeflectionFact>(events: readonly E[]): Session<E>[] {
  const byKey = new Map<string, E[]>();
  for (const e of events) {
    const key = identityKey(e);
    if (key === null) continue;
    let list = byKey.get(key);
    if (!list) byKey.set(key, (list = []));
    list.push(e);
  }
  const sessions: Session<E>[] = [];
  for (const [key, list] of byKey) {
    list.sort((a, b) => a.at - b.at);
    let current: Session<E> | null = null;
    for (const e of list) {
      if (current && continuesSession(current.endedAt, e.at)) {
        current.events.push(e);
        current.endedAt = e.at;
      } else {
        current = { key, startedAt: e.at, endedAt: e.at, events: [e] };
        sessions.push(current);
      }
    }
  }
  return sessions.sort((a, b) => a.startedAt - b.startedAt || a.key.localeCompare(b.key));
}

export type ImplicitOutcome = 'deflected' | 'submitted' | 'pending' | 'no_suggestions';

export interface SessionOutcome {
  /** Reached the ask or contact form (the denominator of both deflection rates). */
  reachedForm: boolean;
  /** Distinct articles and threads confirmed as "this solved my problem" in the session. */
  confirmations: ConfirmationFact[];
  /**
   * For a session that reached a form: `deflected` when it saw ≥1 suggestion on a form and no question or case was
   * sent from the first one until IMPLICIT_WINDOW_MS after the last one; `pending` while that window is still open;
   * `submitted` when something was sent; `no_suggestions` when no suggestion was shown on a form.
   */
  implicit: ImplicitOutcome | null;
}

export interface ConfirmationFact {
  at: number;
  visitorId: string | null;
  memberId: number | null;
  subjectType: 'article' | 'question';
  subjectId: number;
  surface: DeflectionSurface;
}

/** Pure: what a session amounts to at `now`. */
export function sessionOutcome(session: Session, now: number): SessionOutcome {
  const events = session.events;
  const reachedForm = events.some((e) => isFormSurface(e.surface));
  const confirmations: ConfirmationFact[] = [];
  const seen = new Set<string>();
  for (const e of events) {
    if (e.type !== 'confirmed' || !e.subjectType || !e.subjectId) continue;
    const key = `${e.subjectType}:${e.subjectId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    confirmations.push({ at: e.at, visitorId: e.visitorId, memberId: e.memberId, subjectType: e.subjectType, subjectId: e.subjectId, surface: e.surface });
  }
  let implicit: ImplicitOutcome | null = null;
  if (reachedForm) {
    const shown = events.filter((e) => e.type === 'suggestion_shown' && isFormSurface(e.surface));
    if (shown.length === 0) implicit = 'no_suggestions';
    else {
      const first = shown[0]!.at;
      const until = shown.at(-1)!.at + IMPLICIT_WINDOW_MS;
      // The session's own events cover the window: an event within it continues the session (SESSION_GAP_MS).
      const sent = events.some((e) => e.type === 'form_submitted' && e.at >= first && e.at < until);
      implicit = sent ? 'submitted' : now < until ? 'pending' : 'deflected';
    }
  }
  return { reachedForm, confirmations, implicit };
}

/** Pure: a confirmation failed when the same visitor (visitor id or member) sent a question or case within FAILED_WINDOW_MS. */
export function confirmationFailed(
  confirmation: ConfirmationFact,
  submissions: readonly Pick<DeflectionFact, 'at' | 'visitorId' | 'memberId'>[],
  now: number,
): 'failed' | 'held' | 'pending' {
  const sameVisitor = (s: Pick<DeflectionFact, 'visitorId' | 'memberId'>) =>
    (confirmation.visitorId !== null && s.visitorId === confirmation.visitorId) || (confirmation.memberId !== null && s.memberId === confirmation.memberId);
  const failed = submissions.some((s) => s.at > confirmation.at && s.at <= confirmation.at + FAILED_WINDOW_MS && sameVisitor(s));
  if (failed) return 'failed';
  return now < confirmation.at + FAILED_WINDOW_MS ? 'pending' : 'held';
}

export interface DeflectionFigures {
  /** Sessions (started in the period) that reached the ask or contact form. */
  formSessions: number;
  /** "This solved my problem" confirmations in those sessions' period: distinct subjects per session. */
  confirmations: number;
  /** Of which on the ask or contact form. */
  confirmationsOnForms: number;
  /** confirmations ÷ formSessions, or null without form sessions. */
  confirmedRate: number | null;
  /** Sessions that saw ≥1 suggestion on a form and sent nothing within 30 minutes. */
  implicitDeflections: number;
  /** Sessions whose 30-minute window is still open at `now` (neither deflected nor submitted yet). */
  implicitPending: number;
  /** implicitDeflections ÷ formSessions, or null. */
  implicitRate: number | null;
  /** Confirmations followed by a question or case from the same visitor within 7 days. */
  failedConfirmations: number;
  /** Confirmations whose 7-day window is still open at `now` and have not failed yet. */
  failedPending: number;
  /** failedConfirmations ÷ confirmations, or null. */
  failedRate: number | null;
}

/** Where each visitor (visitor id and member) sent a question or case: their submission times, sorted. */
export type SubmissionIndex = Map<string, number[]>;

/** Pure: the submissions indexed by visitor id (`v:`) and member id (`m:`), each list in time order. */
export function indexSubmissions(submissions: readonly Pick<DeflectionFact, 'at' | 'visitorId' | 'memberId'>[]): SubmissionIndex {
  const index: SubmissionIndex = new Map();
  const add = (key: string, at: number) => {
    const list = index.get(key);
    if (list) list.push(at);
    else index.set(key, [at]);
  };
  for (const s of submissions) {
    if (s.visitorId !== null) add(`v:${s.visitorId}`, s.at);
    if (s.memberId !== null) add(`m:${s.memberId}`, s.at);
  }
  for (const list of index.values()) list.sort((a, b) => a - b);
  return index;
}

/** The first time in a sorted list after `at`, or undefined. */
function firstAfter(times: readonly number[], at: number): number | undefined {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! <= at) lo = mid + 1;
    else hi = mid;
  }
  return times[lo];
}

/** Pure: confirmationFailed against indexed submissions (a binary search per visitor key instead of a scan of all). */
export function confirmationFailedIndexed(confirmation: ConfirmationFact, index: SubmissionIndex, now: number): 'failed' | 'held' | 'pending' {
  const keys = [confirmation.visitorId !== null ? `v:${confirmation.visitorId}` : null, confirmation.memberId !== null ? `m:${confirmation.memberId}` : null];
  for (const key of keys) {
    const next = key === null ? undefined : firstAfter(index.get(key) ?? [], confirmation.at);
    if (next !== undefined && next <= confirmation.at + FAILED_WINDOW_MS) return 'failed';
  }
  return now < confirmation.at + FAILED_WINDOW_MS ? 'pending' : 'held';
}

/** The reports' channel of a session: the widget if it used it, else the first form it reached, else the site. */
export function sessionChannel(session: Session): 'widget' | 'ask_form' | 'contact_form' | 'site' {
  if (session.events.some((e) => e.surface === 'widget')) return 'widget';
  const form = session.events.find((e) => isFormSurface(e.surface));
  return form ? (form.surface as 'ask_form' | 'contact_form') : 'site';
}

/** A session's language: the first of its events that has one. */
export function sessionLocale(session: Session): string | null {
  return session.events.find((e) => e.locale)?.locale ?? null;
}

/**
 * A session's category: that of its first confirmation (what solved the problem), else of the first of its events
 * that has one (the form's category, the first suggestion shown).
 */
export function sessionCategory(session: Session): number | null {
  const confirmed = session.events.find((e) => e.type === 'confirmed' && e.categoryId != null);
  return (confirmed ?? session.events.find((e) => e.categoryId != null))?.categoryId ?? null;
}

/** Counts that add up across groups and days; the rates are computed from them (deflectionRates). */
export type DeflectionCounts = Pick<DeflectionFigures, 'formSessions' | 'confirmations' | 'confirmationsOnForms' | 'implicitDeflections' | 'implicitPending' | 'failedConfirmations' | 'failedPending'>;

export const NO_DEFLECTION: DeflectionCounts = { formSessions: 0, confirmations: 0, confirmationsOnForms: 0, implicitDeflections: 0, implicitPending: 0, failedConfirmations: 0, failedPending: 0 };

export function addDeflectionCounts(a: DeflectionCounts, b: DeflectionCounts): DeflectionCounts {
  const out = { ...a };
  for (const k of Object.keys(NO_DEFLECTION) as (keyof DeflectionCounts)[]) out[k] += b[k];
  return out;
}

/** Pure: the figures (rates included) of counts. */
export function deflectionRates(c: DeflectionCounts): DeflectionFigures {
  const rate = (n: number, d: number) => (d === 0 ? null : n / d);
  return { ...c, confirmedRate: rate(c.confirmations, c.formSessions), implicitRate: rate(c.implicitDeflections, c.formSessions), failedRate: rate(c.failedConfirmations, c.confirmations) };
}

/**
 * Pure: computeDeflection per group of sessions: `groupOf` names a session's group (null leaves it out). A
 * confirmation fails on any question or case of its visitor, whatever that one's group.
 */
export function computeDeflectionBy<K>(events: readonly DeflectionFact[], period: { from: number; to: number }, now: number, groupOf: (s: Session) => K | null): Map<K, DeflectionCounts> {
  const sessions = sessionize(events).filter((s) => s.startedAt >= period.from && s.startedAt < period.to);
  const index = indexSubmissions(events.filter((e) => e.type === 'form_submitted'));
  const groups = new Map<K, DeflectionCounts>();
  for (const s of sessions) {
    const key = groupOf(s);
    if (key === null) continue;
    const c = groups.get(key) ?? { ...NO_DEFLECTION };
    groups.set(key, c);
    const o = sessionOutcome(s, now);
    if (o.reachedForm) c.formSessions++;
    if (o.implicit === 'deflected') c.implicitDeflections++;
    if (o.implicit === 'pending') c.implicitPending++;
    for (const conf of o.confirmations) {
      c.confirmations++;
      if (isFormSurface(conf.surface)) c.confirmationsOnForms++;
      const r = confirmationFailedIndexed(conf, index, now);
      if (r === 'failed') c.failedConfirmations++;
      if (r === 'pending') c.failedPending++;
    }
  }
  return groups;
}

/**
 * Pure: the deflection KPIs of PRODUCT.md over the sessions that started in [from, to), as seen at `now`:
 * - confirmed: "this solved my problem" confirmations ÷ sessions that reached the ask or contact form;
 * - implicit: sessions that saw ≥1 suggestion on a form and did not submit within 30 min ÷ sessions that reached the form;
 * - failed: confirmations followed by a question or case from the same visitor within 7 days ÷ confirmations.
 * A session belongs to the period it started in (a session across midnight counts on the day it began). `events`
 * must hold the period's sessions whole, plus the 7 days after `to` for failed confirmations. Sorting and indexing
 * make it O(n log n) in the events.
 */
export function computeDeflection(events: readonly DeflectionFact[], period: { from: number; to: number }, now: number): DeflectionFigures {
  return deflectionRates(computeDeflectionBy(events, period, now, () => 'all').get('all') ?? NO_DEFLECTION);
}
