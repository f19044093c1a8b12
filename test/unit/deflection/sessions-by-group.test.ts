import { describe, expect, it } from 'vitest';
import { DEFLECTION_EVENT_TYPES, DEFLECTION_SURFACES, isFormSurface } from '../../../src/lib/deflection/events';
import {
  computeDeflection,
  computeDeflectionBy,
  confirmationFailed,
  confirmationFailedIndexed,
  deflectionRates,
  indexSubmissions,
  sessionCategory,
  sessionChannel,
  sessionize,
  sessionLocale,
  sessionOutcome,
  type ConfirmationFact,
  type DeflectionFact,
  type DeflectionFigures,
} from '../../../src/lib/deflection/sessions';
import { DAY, HOUR } from '../../helpers/time';

const MIN = 60_000;
const DAY1 = Date.UTC(2025, 2, 10);
const T0 = DAY1 + 10 * HOUR;

/** The computation as it was before indexing: every confirmation checked against every submission (O(n×m)). */
function quadratic(events: readonly DeflectionFact[], period: { from: number; to: number }, now: number): DeflectionFigures {
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

/** mulberry32: the same events on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 3,000 events of 120 visitors (some signed in, some members without cookie) over 12 days, in bursts. */
function seeded(seed: number): DeflectionFact[] {
  const rand = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const events: DeflectionFact[] = [];
  let at = DAY1;
  for (let i = 0; i < 3000; i++) {
    at += Math.floor(rand() * 8 * MIN);
    const v = Math.floor(rand() * 120);
    const type = pick(DEFLECTION_EVENT_TYPES);
    const withSubject = type === 'confirmed' || type === 'suggestion_opened' || type === 'suggestion_shown';
    events.push({
      at: at - Math.floor(rand() * 40 * MIN),
      type,
      surface: type.startsWith('form_') ? pick(['ask_form', 'contact_form'] as const) : pick(DEFLECTION_SURFACES),
      visitorId: v % 10 === 9 ? null : `visitor-${v}`,
      memberId: v % 4 === 0 ? v : null,
      subjectType: withSubject ? pick(['article', 'question'] as const) : null,
      subjectId: withSubject ? 1 + Math.floor(rand() * 6) : null,
      locale: rand() < 0.1 ? null : pick(['es', 'en']),
      categoryId: rand() < 0.3 ? null : 1 + Math.floor(rand() * 3),
    });
  }
  return events;
}

describe('computeDeflection, indexed, equals the quadratic computation', () => {
  it.each([1, 2, 3, 4])('on seeded events (seed %i), for several periods and instants', (seed) => {
    const events = seeded(seed);
    let failed = 0;
    for (const [from, to] of [
      [0, 12],
      [2, 3],
      [5, 9],
      [11, 12],
    ] as const) {
      for (const now of [DAY1 + 3 * DAY, DAY1 + 9 * DAY + 5 * HOUR, DAY1 + 30 * DAY]) {
        const period = { from: DAY1 + from * DAY, to: DAY1 + to * DAY };
        const fast = computeDeflection(events, period, now);
        expect(fast).toEqual(quadratic(events, period, now));
        failed += fast.failedConfirmations;
      }
    }
    // the data exercise the failed path, not only the empty one
    expect(failed).toBeGreaterThan(0);
  });

  it('a confirmation fails on the same visitor’s submission within 7 days, by visitor id or by member', () => {
    const c: ConfirmationFact = { at: T0, visitorId: 'v1', memberId: 9, subjectType: 'article', subjectId: 1, surface: 'contact_form' };
    const cases: [string, { at: number; visitorId: string | null; memberId: number | null }[], 'failed' | 'held' | 'pending'][] = [
      ['same visitor 1 minute later', [{ at: T0 + MIN, visitorId: 'v1', memberId: null }], 'failed'],
      ['same member on another device 7 days later to the millisecond', [{ at: T0 + 7 * DAY, visitorId: 'v2', memberId: 9 }], 'failed'],
      ['same visitor 7 days and 1 ms later', [{ at: T0 + 7 * DAY + 1, visitorId: 'v1', memberId: null }], 'held'],
      ['same visitor before the confirmation', [{ at: T0 - MIN, visitorId: 'v1', memberId: null }], 'held'],
      ['same time as the confirmation', [{ at: T0, visitorId: 'v1', memberId: null }], 'held'],
      ['another visitor', [{ at: T0 + MIN, visitorId: 'v3', memberId: 4 }], 'held'],
    ];
    for (const [name, subs, expected] of cases) {
      const now = T0 + 30 * DAY;
      expect([name, confirmationFailedIndexed(c, indexSubmissions(subs), now)]).toEqual([name, expected]);
      expect([name, confirmationFailed(c, subs, now)]).toEqual([name, expected]);
    }
    expect(confirmationFailedIndexed(c, indexSubmissions([]), T0 + DAY)).toBe('pending');
  });
});

describe('deflection by channel, locale and category', () => {
  const ev = (minutes: number, e: Partial<DeflectionFact> & Pick<DeflectionFact, 'type' | 'surface'>, visitorId = 'visitor-a'): DeflectionFact => ({
    at: T0 + minutes * MIN,
    visitorId,
    memberId: null,
    subjectType: null,
    subjectId: null,
    locale: null,
    categoryId: null,
    ...e,
  });

  it('a widget session belongs to the widget, a form session to the first form reached, the rest to the site', () => {
    const [widget, ask, site] = sessionize([
      ev(0, { type: 'suggestion_shown', surface: 'widget', locale: 'en', categoryId: 3 }, 'w'),
      ev(2, { type: 'form_reached', surface: 'contact_form' }, 'w'),
      ev(1, { type: 'form_reached', surface: 'ask_form' }, 'a'),
      ev(3, { type: 'form_reached', surface: 'contact_form', locale: 'es' }, 'a'),
      ev(4, { type: 'suggestion_opened', surface: 'search', categoryId: 2 }, 's'),
    ]);
    expect([sessionChannel(widget!), sessionChannel(ask!), sessionChannel(site!)]).toEqual(['widget', 'ask_form', 'site']);
    expect([sessionLocale(widget!), sessionLocale(ask!), sessionLocale(site!)]).toEqual(['en', 'es', null]);
    expect([sessionCategory(widget!), sessionCategory(ask!), sessionCategory(site!)]).toEqual([3, null, 2]);
  });

  it('a session counts in the category of what solved it, else of its first event that has one', () => {
    const [confirmedElsewhere, onlyShown, formThenConfirmed, confirmedWithout] = sessionize([
      // The widget first lists a billing article (3), the visitor searches and confirms an internet thread (2).
      ev(0, { type: 'suggestion_shown', surface: 'widget', subjectType: 'article', subjectId: 1, categoryId: 3 }, 'w'),
      ev(1, { type: 'suggestion_shown', surface: 'widget', subjectType: 'question', subjectId: 7, categoryId: 2 }, 'w'),
      ev(2, { type: 'confirmed', surface: 'widget', subjectType: 'question', subjectId: 7, categoryId: 2 }, 'w'),
      ev(0, { type: 'suggestion_shown', surface: 'widget', subjectType: 'article', subjectId: 1, categoryId: 3 }, 'x'),
      ev(1, { type: 'suggestion_shown', surface: 'widget', subjectType: 'question', subjectId: 7, categoryId: 2 }, 'x'),
      // The contact form was reached under billing (3); the article that solved it is in internet (2).
      ev(0, { type: 'form_reached', surface: 'contact_form', categoryId: 3 }, 'y'),
      ev(1, { type: 'confirmed', surface: 'contact_form', subjectType: 'article', subjectId: 4, categoryId: 2 }, 'y'),
      ev(0, { type: 'form_reached', surface: 'contact_form', categoryId: 3 }, 'z'),
      ev(1, { type: 'confirmed', surface: 'contact_form', subjectType: 'article', subjectId: 5 }, 'z'),
    ]).sort((a, b) => a.key.localeCompare(b.key));
    expect([confirmedElsewhere, onlyShown, formThenConfirmed, confirmedWithout].map((s) => s!.key)).toEqual(['v:w', 'v:x', 'v:y', 'v:z']);
    expect([sessionCategory(confirmedElsewhere!), sessionCategory(onlyShown!), sessionCategory(formThenConfirmed!), sessionCategory(confirmedWithout!)]).toEqual([2, 3, 2, 3]);
  });

  it('groups add up to the whole, and a confirmation fails on a submission made in another group', () => {
    const events = [
      // visitor a: confirms on the contact form (es), then asks on the ask form two days later (en): failed
      ev(0, { type: 'form_reached', surface: 'contact_form', locale: 'es' }, 'a'),
      ev(1, { type: 'suggestion_shown', surface: 'contact_form', subjectType: 'article', subjectId: 1 }, 'a'),
      ev(2, { type: 'confirmed', surface: 'contact_form', subjectType: 'article', subjectId: 1 }, 'a'),
      ev(2 * 24 * 60, { type: 'form_reached', surface: 'ask_form', locale: 'en' }, 'a'),
      ev(2 * 24 * 60 + 5, { type: 'form_submitted', surface: 'ask_form' }, 'a'),
      // visitor b: sees suggestions on the ask form in English and leaves: implicit deflection
      ev(10, { type: 'form_reached', surface: 'ask_form', locale: 'en' }, 'b'),
      ev(11, { type: 'suggestion_shown', surface: 'ask_form', subjectType: 'question', subjectId: 5 }, 'b'),
      // visitor c: confirms in the widget (held)
      ev(20, { type: 'confirmed', surface: 'widget', subjectType: 'question', subjectId: 5, locale: 'es' }, 'c'),
    ];
    const period = { from: DAY1, to: DAY1 + 3 * DAY };
    const now = DAY1 + 20 * DAY;
    const byLocale = computeDeflectionBy(events, period, now, (s) => sessionLocale(s) ?? '');
    expect(Object.fromEntries([...byLocale].map(([k, c]) => [k, [c.formSessions, c.confirmations, c.implicitDeflections, c.failedConfirmations]]))).toEqual({
      es: [1, 2, 1, 1], // a's contact-form session (confirmed, and sent nothing within 30 minutes) and c's widget confirmation
      en: [2, 0, 1, 0], // a's ask-form session two days later (submitted) and b's
    });
    const whole = computeDeflection(events, period, now);
    expect(whole).toMatchObject({ formSessions: 3, confirmations: 2, implicitDeflections: 2, failedConfirmations: 1, confirmedRate: 2 / 3, implicitRate: 2 / 3, failedRate: 1 / 2 });
    const byChannel = computeDeflectionBy(events, period, now, sessionChannel);
    expect(deflectionRates(byChannel.get('widget')!)).toMatchObject({ formSessions: 0, confirmations: 1, confirmedRate: null, failedRate: 0 });
    expect(byChannel.get('ask_form')!.implicitDeflections).toBe(1);
  });
});
