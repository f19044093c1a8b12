import { describe, expect, it } from 'vitest';
import {
  computeDeflection,
  continuesSession,
  identityKey,
  sessionize,
  sessionOutcome,
  SESSION_GAP_MS,
  type DeflectionFact,
} from '../../../src/lib/deflection/sessions';
import { DAY, HOUR } from '../../helpers/time';

const MIN = 60_000;
/** 2025-03-10T00:00:00Z, a Monday. */
const DAY1 = Date.UTC(2025, 2, 10);
const T0 = DAY1 + 10 * HOUR;

type Partial = Pick<DeflectionFact, 'type' | 'surface'> & Omit<globalThis.Partial<DeflectionFact>, 'type' | 'surface'>;
/** A visitor's timeline: [minutes after T0 (or an absolute time), event]. */
function timeline(visitorId: string | null, steps: [number, Partial][], memberId: number | null = null): DeflectionFact[] {
  return steps.map(([t, e]) => ({ visitorId, memberId, subjectType: null, subjectId: null, ...e, at: t > DAY1 ? t : T0 + t * MIN }));
}
const reached = (surface: 'ask_form' | 'contact_form' = 'contact_form'): Partial => ({ type: 'form_reached', surface });
const shown = (surface: DeflectionFact['surface'] = 'contact_form', id = 7): Partial => ({ type: 'suggestion_shown', surface, subjectType: 'article', subjectId: id });
const opened = (surface: DeflectionFact['surface'] = 'contact_form', id = 7): Partial => ({ type: 'suggestion_opened', surface, subjectType: 'article', subjectId: id });
const confirmed = (surface: DeflectionFact['surface'] = 'contact_form', id = 7, subjectType: 'article' | 'question' = 'article'): Partial => ({ type: 'confirmed', surface, subjectType, subjectId: id });
const submitted = (surface: 'ask_form' | 'contact_form' = 'contact_form'): Partial => ({ type: 'form_submitted', surface });
const abandoned = (surface: 'ask_form' | 'contact_form' = 'contact_form'): Partial => ({ type: 'form_abandoned', surface });
const period = { from: DAY1, to: DAY1 + DAY };
const later = DAY1 + 30 * DAY;

describe('session model: 30 minutes of inactivity ends a session', () => {
  it('an event 29:59 after the last one continues the session; 30:00 after starts a new one', () => {
    expect(continuesSession(T0, T0 + SESSION_GAP_MS - 1)).toBe(true);
    expect(continuesSession(T0, T0 + SESSION_GAP_MS)).toBe(false);
    const events = timeline('visitor-aaaaaaaaaaaa', [
      [0, shown('search')],
      [29, opened('search')],
      [58, opened('search')], // 29 minutes after the previous one: still the same session, 58 minutes long
      [88, opened('search')], // exactly 30 minutes later: a new session
    ]);
    const sessions = sessionize(events);
    expect(sessions.map((s) => s.events.length)).toEqual([3, 1]);
    expect(sessions[0]!.endedAt - sessions[0]!.startedAt).toBe(58 * MIN);
  });

  it('keys sessions by visitor id, else member id; events with neither belong to no session', () => {
    expect(identityKey({ visitorId: 'v1', memberId: 3 })).toBe('v:v1');
    expect(identityKey({ visitorId: null, memberId: 3 })).toBe('m:3');
    expect(identityKey({ visitorId: null, memberId: null })).toBeNull();
    const events = [...timeline('visitor-a', [[0, reached()]]), ...timeline(null, [[1, reached()]], 42), ...timeline(null, [[2, reached()]])];
    expect(sessionize(events).map((s) => s.key)).toEqual(['v:visitor-a', 'm:42']);
  });

  it('sorts a visitor’s events by time whatever order they arrive in', () => {
    const events = timeline('visitor-b', [[40, opened()], [0, reached()], [20, shown()]]);
    expect(sessionize(events)[0]!.events.map((e) => e.type)).toEqual(['form_reached', 'suggestion_shown', 'suggestion_opened']);
  });
});

describe('named timelines', () => {
  it('confirmed: reaches the contact form, sees a suggestion, says it solved the problem, sends nothing', () => {
    const events = timeline('visitor-confirmed', [[0, reached()], [1, shown()], [2, opened()], [4, confirmed()]]);
    const [session] = sessionize(events);
    expect(sessionOutcome(session!, T0 + 5 * MIN)).toMatchObject({ reachedForm: true, implicit: 'pending' });
    expect(sessionOutcome(session!, T0 + 31 * MIN).implicit).toBe('deflected');
    expect(computeDeflection(events, period, later)).toEqual({
      formSessions: 1,
      confirmations: 1,
      confirmationsOnForms: 1,
      confirmedRate: 1,
      implicitDeflections: 1,
      implicitPending: 0,
      implicitRate: 1,
      failedConfirmations: 0,
      failedPending: 0,
      failedRate: 0,
    });
  });

  it('implicit: sees suggestions on the ask form, opens one, never sends the question', () => {
    const events = timeline(null, [[0, reached('ask_form')], [2, shown('ask_form')], [3, opened('ask_form')]], 5);
    const at = (minutes: number) => computeDeflection(events, period, T0 + minutes * MIN);
    expect(at(20)).toMatchObject({ formSessions: 1, implicitDeflections: 0, implicitPending: 1, confirmations: 0, confirmedRate: 0, failedRate: null });
    // The window closes 30 minutes after the last suggestion shown.
    expect(at(31)).toMatchObject({ implicitDeflections: 0, implicitPending: 1 });
    expect(at(32)).toMatchObject({ implicitDeflections: 1, implicitPending: 0, implicitRate: 1 });
  });

  it('not deflected: sees suggestions and sends the request 10 minutes later', () => {
    const events = timeline('visitor-sends', [[0, reached()], [1, shown()], [11, submitted()]]);
    expect(computeDeflection(events, period, later)).toMatchObject({ formSessions: 1, implicitDeflections: 0, implicitPending: 0, implicitRate: 0 });
  });

  it('failed: confirms in the widget, then opens a case 3 days later; a case 8 days later does not count', () => {
    const failing = timeline('visitor-failed', [[0, shown('widget')], [1, confirmed('widget', 12, 'question')], [3 * DAY + T0, reached()], [3 * DAY + T0 + 5 * MIN, submitted()]]);
    const holding = timeline('visitor-held', [[0, shown('widget')], [1, confirmed('widget')], [8 * DAY + T0, reached()], [8 * DAY + T0 + 5 * MIN, submitted()]]);
    const figures = computeDeflection([...failing, ...holding], period, later);
    // Both confirmations happened in widget sessions that never reached a form that day: no form session in the period.
    expect(figures).toMatchObject({ formSessions: 0, confirmations: 2, confirmationsOnForms: 0, confirmedRate: null, failedConfirmations: 1, failedRate: 0.5 });
    // Before the 7 days are over the held confirmation is still pending.
    expect(computeDeflection(holding, period, T0 + 2 * DAY)).toMatchObject({ failedConfirmations: 0, failedPending: 1 });
  });

  it('failed across devices: the confirmation and the question share the member, not the visitor id', () => {
    const phone = timeline('visitor-phone', [[0, reached('ask_form')], [1, shown('ask_form')], [2, confirmed('ask_form')]], 9);
    const laptop = timeline('visitor-laptop', [[DAY + T0, reached('ask_form')], [DAY + T0 + MIN, submitted('ask_form')]], 9);
    expect(computeDeflection([...phone, ...laptop], period, later)).toMatchObject({ confirmations: 1, failedConfirmations: 1, failedRate: 1 });
  });

  it('abandoned: types on the contact form and leaves; with suggestions it counts as implicit, without it does not', () => {
    const withSuggestions = timeline('visitor-left-1', [[0, reached()], [1, shown()], [3, abandoned()]]);
    const without = timeline('visitor-left-2', [[0, reached()], [3, abandoned()]]);
    expect(sessionOutcome(sessionize(without)[0]!, later).implicit).toBe('no_suggestions');
    expect(computeDeflection([...withSuggestions, ...without], period, later)).toMatchObject({ formSessions: 2, implicitDeflections: 1, implicitRate: 0.5 });
  });

  it('abandoned and back 40 minutes later to send it: the first session was deflected for a while, the second was not', () => {
    const events = timeline('visitor-back', [[0, reached()], [1, shown()], [2, abandoned()], [42, reached()], [44, submitted()]]);
    expect(sessionize(events)).toHaveLength(2);
    expect(computeDeflection(events, period, later)).toMatchObject({ formSessions: 2, implicitDeflections: 1 });
  });

  it('across midnight: one session from 23:50 to 00:20 counts on the day it started', () => {
    const midnight = DAY1 + DAY;
    const events = timeline('visitor-night', [[midnight - 10 * MIN, reached()], [midnight - 5 * MIN, shown()], [midnight + 5 * MIN, shown()], [midnight + 20 * MIN, confirmed()]]);
    expect(sessionize(events)).toHaveLength(1);
    expect(computeDeflection(events, period, later)).toMatchObject({ formSessions: 1, confirmations: 1, implicitDeflections: 1 });
    expect(computeDeflection(events, { from: midnight, to: midnight + DAY }, later)).toMatchObject({ formSessions: 0, confirmations: 0, implicitDeflections: 0 });
  });

  it('counts a subject confirmed twice in a session once, and two different subjects twice', () => {
    const events = timeline('visitor-twice', [[0, reached()], [1, shown()], [2, confirmed()], [3, confirmed()], [4, confirmed('contact_form', 8)]]);
    expect(computeDeflection(events, period, later)).toMatchObject({ formSessions: 1, confirmations: 2, confirmedRate: 2 });
  });

  it('search and article suggestions do not make a form session', () => {
    const events = timeline('visitor-reader', [[0, shown('search')], [1, opened('search')], [2, shown('article')], [3, confirmed('article')]]);
    expect(computeDeflection(events, period, later)).toMatchObject({ formSessions: 0, confirmations: 1, confirmedRate: null, implicitDeflections: 0 });
  });

  it('an empty period has no rates', () => {
    expect(computeDeflection([], period, later)).toEqual({
      formSessions: 0, confirmations: 0, confirmationsOnForms: 0, confirmedRate: null, implicitDeflections: 0, implicitPending: 0, implicitRate: null, failedConfirmations: 0, failedPending: 0, failedRate: null,
    });
  });
});
