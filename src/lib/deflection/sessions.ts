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

/**
 * Pure: the deflection KPIs of PRODUCT.md over the sessions that started in [from, to), as seen at `now`:
 * - confirmed: "this solved my problem" confirmations ÷ sessions that reached the ask or contact form;
 * - implicit: sessions that saw ≥1 suggestion on a form and did not submit within 30 min ÷ sessions that reached the form;
 * - failed: confirmations followed by a question or case from the same visitor within 7 days ÷ confirmations.
 * A session belongs to the period it started in (a session across midnight counts on the day it began). `events`
 * must hold the period's sessions whole, plus the 7 days after `to` for failed confirmations.
 */
export function computeDeflection(events: readonly DeflectionFact[], period: { from: number; to: number }, now: number): DeflectionFigures {
  const sessions = sessionize(events).filter((s) => s.startedAt >= period.from && s.startedAt < period.to);
  const submissions = events.filter((e) => e.type === 'form_submitted');
  let formSessions = 0;
  let implicitDeflections = 0;
  let implicitPending = 0;
  const confirmations: ConfirmationFact[] = [];
  for (const s of sessions) {
    const o = sessionOutcome(s, now);
    if (o.reachedForm) formSessions++;
    if (o.implicit === 'deflected') implicitDeflections++;
    if (o.implicit === 'pending') implicitPending++;
    confirmations.push(...o.confirmations);
  }
  let failedConfirmations = 0;
  let failedPending = 0;
  for (const c of confirmations) {
    const r = confirmationFailed(c, submissions, now);
    if (r === 'failed') failedConfirmations++;
    if (r === 'pending') failedPending++;
  }
  const rate = (n: number, d: number) => (d === 0 ? null : n / d);
  return {
    formSessions,
    confirmations: confirmations.length,
    confirmationsOnForms: confirmations.filter((c) => isFormSurface(c.surface)).length,
    confirmedRate: rate(confirmations.length, formSessions),
    implicitDeflections,
    implicitPending,
    implicitRate: rate(implicitDeflections, formSessions),
    failedConfirmations,
    failedPending,
    failedRate: rate(failedConfirmations, confirmations.length),
  };
}
