import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, defaultMigrationsFolder, runMigrations, type SqliteDb } from '../../../db/client';
import { deflectionEvents, deflectionSettings } from '../../../db/schema/index';
import { deflectionFigures } from '../../../src/lib/deflection/figures';
import { deflectionRates, type DeflectionFact } from '../../../src/lib/deflection/sessions';
import { translator } from '../../../src/lib/i18n/index';
import { deflectionFinalUntil, deflectionRolledUntil, loadDeflection, type DeflectionBreakdown } from '../../../src/lib/reports/deflection-kpis';
import { DAY_MS, parseReportFilters } from '../../../src/lib/reports/filters';
import { reportScope } from '../../../src/lib/reports/load';
import { reportView } from '../../../src/lib/reports/report-views';
import { rebuildKpiRollups, runKpiRollups } from '../../../src/lib/reports/rollups';
import { createCategory, createMember, createTestDb } from '../../helpers/db';

/** Days before 17 March are final at NOW (deflectionFinalUntil): rolled up; 17–25 March come from the events. */
const NOW = Date.UTC(2026, 2, 25, 12);
const at = (day: number, hour: number, minutes = 0) => Date.UTC(2026, 2, day, hour, minutes);

let db: SqliteDb;
let billing: number;
let internet: number;

type Ev = Omit<DeflectionFact, 'memberId' | 'visitorId'> & { visitorId?: string | null; memberId?: number | null };
function record(events: Ev[]) {
  for (const e of events)
    db.insert(deflectionEvents)
      .values({ occurredAt: e.at, type: e.type, surface: e.surface, visitorId: e.visitorId ?? null, memberId: e.memberId ?? null, locale: e.locale ?? null, categoryId: e.categoryId ?? null, subjectType: e.subjectType ?? null, subjectId: e.subjectId ?? null })
      .run();
}

describe('deflection KPIs in the reports, from the deflection events', () => {
  beforeAll(async () => {
    db = createTestDb();
    billing = createCategory(db, 'billing').id;
    internet = createCategory(db, 'internet').id;
    const member = await createMember(db, 'member');
    db.insert(deflectionSettings).values({ id: 1, widgetOrigins: [], disabledSurfaces: [], suggestionCount: 5, costPerCaseCents: 1500, currency: 'EUR', updatedAt: NOW }).run();
    const a = { visitorId: 'visitor-a' };
    const b = { visitorId: 'visitor-b' };
    const c = { visitorId: 'visitor-c' };
    const d = { visitorId: 'visitor-d' };
    const e = { visitorId: 'visitor-e' };
    const m = { memberId: member.id };
    record([
      // A (3 March, es, billing): contact form, a suggestion, "this solved my problem" → confirmed and implicit, held
      { ...a, at: at(3, 10), type: 'form_reached', surface: 'contact_form', locale: 'es', categoryId: billing },
      { ...a, at: at(3, 10, 1), type: 'suggestion_shown', surface: 'contact_form', subjectType: 'article', subjectId: 1 },
      { ...a, at: at(3, 10, 2), type: 'confirmed', surface: 'contact_form', subjectType: 'article', subjectId: 1 },
      // B (5 March, en, internet): ask form, suggestions, asks anyway → submitted
      { ...b, at: at(5, 9), type: 'form_reached', surface: 'ask_form', locale: 'en', categoryId: internet },
      { ...b, at: at(5, 9, 1), type: 'suggestion_shown', surface: 'ask_form', subjectType: 'question', subjectId: 2 },
      { ...b, at: at(5, 9, 6), type: 'form_submitted', surface: 'ask_form' },
      // C (10 March, es): confirms in the widget; two days later opens a case with no suggestion shown → failed
      { ...c, at: at(10, 18), type: 'confirmed', surface: 'widget', subjectType: 'question', subjectId: 2, locale: 'es' },
      { ...c, at: at(12, 8), type: 'form_reached', surface: 'contact_form', locale: 'es', categoryId: billing },
      { ...c, at: at(12, 8, 4), type: 'form_submitted', surface: 'contact_form' },
      // a member without cookie (16 March 23:50, en): ask form, suggestions, confirms after midnight → counts on the 16th
      { ...m, at: at(16, 23, 50), type: 'form_reached', surface: 'ask_form', locale: 'en', categoryId: internet },
      { ...m, at: at(16, 23, 51), type: 'suggestion_shown', surface: 'ask_form', subjectType: 'article', subjectId: 1 },
      { ...m, at: at(17, 0, 10), type: 'confirmed', surface: 'ask_form', subjectType: 'article', subjectId: 1 },
      // D (20 March, en): ask form, suggestions, leaves → implicit
      { ...d, at: at(20, 15), type: 'form_reached', surface: 'ask_form', locale: 'en', categoryId: internet },
      { ...d, at: at(20, 15, 1), type: 'suggestion_shown', surface: 'ask_form', subjectType: 'question', subjectId: 2 },
      // E (24 March, es, billing): contact form, confirms → held so far, its 7 days still open
      { ...e, at: at(24, 11), type: 'form_reached', surface: 'contact_form', locale: 'es', categoryId: billing },
      { ...e, at: at(24, 11, 1), type: 'suggestion_shown', surface: 'contact_form', subjectType: 'article', subjectId: 1 },
      { ...e, at: at(24, 11, 2), type: 'confirmed', surface: 'contact_form', subjectType: 'article', subjectId: 1 },
    ]);
    runKpiRollups(db, NOW);
  });

  const month = { from: '2026-03-01', to: '2026-03-25' };
  /** What the reports show of a breakdown: the counts and the funnel (the groups' order may differ). */
  const figures = (b: DeflectionBreakdown) => ({ total: b.total, funnel: b.funnel });

  it('rolls up the final days only, and the report mixes them with the events of the last days', () => {
    expect(deflectionFinalUntil(NOW)).toBe(Date.UTC(2026, 2, 17));
    expect(deflectionRolledUntil(db)).toBe(Date.UTC(2026, 2, 17));
    const rolled = db.all<{ metric: string; n: number }>(sql`select metric, sum(value) as n from kpi_daily where metric like 'deflection_%' group by metric order by metric`);
    expect(rolled).toEqual([
      { metric: 'deflection_confirmations', n: 3 },
      { metric: 'deflection_confirmations_forms', n: 2 },
      { metric: 'deflection_failed', n: 1 },
      { metric: 'deflection_form_sessions', n: 4 },
      // the funnel of those sessions: A, B and the member saw suggestions, A and the member confirmed, B and C sent
      { metric: 'deflection_funnel_confirmed', n: 2 },
      { metric: 'deflection_funnel_opened', n: 2 },
      { metric: 'deflection_funnel_saw', n: 3 },
      { metric: 'deflection_funnel_submitted', n: 2 },
      { metric: 'deflection_implicit', n: 2 },
    ]);
  });

  it('the month’s figures: 6 form sessions, 4 confirmations (1 failed, 1 pending), 4 implicit deflections, 3 held × 15 €', () => {
    const filters = parseReportFilters(month, NOW);
    const view = reportView(db, 'deflection', filters, NOW, 'en', translator('en'));
    const k = Object.fromEntries(view.kpis.map((x) => [x.key, x.value]));
    expect(k).toEqual({ formSessions: 6, confirmations: 4, deflectionConfirmed: 4 / 6, deflectionImplicit: 4 / 6, deflectionFailed: 1 / 4, costAvoided: 4500 });
    expect(view.kpis.find((x) => x.key === 'costAvoided')!.currency).toBe('EUR');
    expect(view.pending).toEqual([]);
    // the deflection domain's own computation over the events agrees
    expect(deflectionRates(loadDeflection(db, reportScope(db, filters), filters.period, NOW).total)).toEqual(deflectionFigures(db, filters.period, NOW));
    const byChannel = view.tables.find((t) => t.id === 'deflection-by-channel')!;
    expect(byChannel.rows.map((r) => [r.group, r.formSessions, r.confirmations, r.failedRate])).toEqual([
      ['Contact form', 3, 2, 0],
      ['Ask form', 3, 1, 0],
      ['Widget', 0, 1, 1],
    ]);
    const byLocale = view.tables.find((t) => t.id === 'deflection-by-locale')!;
    expect(byLocale.rows.map((r) => [r.group, r.formSessions, r.confirmations])).toEqual([
      ['Spanish', 3, 3],
      ['English', 3, 1],
    ]);
  });

  it.each([{}, { locale: 'es' }, { locale: 'en' }, { channel: 'contact_form' }, { channel: 'widget' }, { category: 'billing' }, { from: '2026-03-12', to: '2026-03-20' }, { from: '2026-03-17', to: '2026-03-17' }])(
    'rollups plus events equal the events alone (filters %o)',
    (input) => {
      const filters = parseReportFilters({ ...month, ...input }, NOW);
      const scope = reportScope(db, filters);
      expect(figures(loadDeflection(db, scope, filters.period, NOW))).toEqual(figures(loadDeflection(db, scope, filters.period, NOW, { fromEvents: true })));
    },
  );

  it('the funnel: 6 sessions reached a form, 5 saw suggestions, 3 opened one and confirmed it (a confirmation counts as opened), 2 submitted anyway', () => {
    const funnel = (input: Record<string, string>, locale: 'es' | 'en' = 'en') => {
      const view = reportView(db, 'deflection', parseReportFilters({ ...month, ...input }, NOW), NOW, locale, translator(locale));
      return view.charts.find((ch) => ch.id === 'deflection-funnel')!;
    };
    const chart = funnel({});
    expect(chart.table.rows).toEqual([
      { stage: 'Reached a form', sessions: 6, share: 1 },
      { stage: 'Saw suggestions', sessions: 5, share: 5 / 6 },
      { stage: 'Opened one', sessions: 3, share: 3 / 6 },
      { stage: 'Confirmed solved', sessions: 3, share: 3 / 6 },
      { stage: 'Submitted anyway', sessions: 2, share: 2 / 6 },
    ]);
    expect(chart.svg).toContain('<title');
    expect(chart.svg).toContain('Reached a form: 6');
    // C's session on the 12th reached the contact form without suggestions and sent it; A and E confirmed.
    const es = funnel({ locale: 'es', channel: 'contact_form' }, 'es');
    expect(es.table.rows.map((r) => [r.stage, r.sessions])).toEqual([
      ['Llegaron a un formulario', 3],
      ['Vieron sugerencias', 2],
      ['Abrieron una', 2],
      ['Confirmaron la solución', 2],
      ['Enviaron igualmente', 1],
    ]);
    expect(funnel({ channel: 'widget' }).table.rows.map((r) => r.sessions)).toEqual([0, 0, 0, 0, 0]);
  });

  it('filters narrow the sessions: Spanish contact-form sessions, the billing category', () => {
    const es = parseReportFilters({ ...month, locale: 'es', channel: 'contact_form' }, NOW);
    expect(loadDeflection(db, reportScope(db, es), es.period, NOW).total).toMatchObject({ formSessions: 3, confirmations: 2, failedConfirmations: 0, failedPending: 1 });
    const cat = parseReportFilters({ ...month, category: 'billing' }, NOW);
    expect(loadDeflection(db, reportScope(db, cat), cat.period, NOW).total).toMatchObject({ formSessions: 3, confirmations: 2, implicitDeflections: 2 });
  });

  it('the overview shows the deflection KPIs with values; the KB credits confirmations to articles', () => {
    const filters = parseReportFilters(month, NOW);
    const overview = reportView(db, 'overview', filters, NOW, 'es', translator('es'));
    const confirmed = overview.kpis.find((x) => x.key === 'deflectionConfirmed')!;
    expect([confirmed.value, confirmed.pending]).toEqual([4 / 6, undefined]);
    expect(overview.pending).not.toContain('deflection');
    const kb = reportView(db, 'kb', filters, NOW, 'en', translator('en'));
    expect(kb.kpis.find((x) => x.key === 'articleDeflections')!.pending).toBeUndefined();
  });

  const FILTER_SETS = [{}, { locale: 'es' }, { locale: 'en' }, { channel: 'contact_form' }, { channel: 'ask_form' }, { category: 'billing' }, { from: '2026-03-18', to: '2026-03-22' }];
  const equalsEvents = (now: number, range: { from: string; to: string } = month) => {
    for (const input of FILTER_SETS) {
      const filters = parseReportFilters({ ...range, ...input }, now);
      const scope = reportScope(db, filters);
      expect(figures(loadDeflection(db, scope, filters.period, now)), JSON.stringify(input)).toEqual(figures(loadDeflection(db, scope, filters.period, now, { fromEvents: true })));
    }
  };
  const partial = () =>
    db.get<{ days: number; forms: number; implicit: number; saw: number; confirmed: number; submitted: number }>(
      sql`select count(distinct day) as days, sum(form_sessions) as forms, sum(implicit_deflections) as implicit, sum(funnel_saw) as saw, sum(funnel_confirmed) as confirmed, sum(funnel_submitted) as submitted from kpi_deflection_partial`,
    );
  const partialConfirmations = () => db.all<{ day: number; visitorId: string | null }>(sql`select day, visitor_id as visitorId from kpi_deflection_confirmations order by at`);

  it('the days not final yet whose sessions have ended are counted by the job (17–24 March: D and E), today from the events', () => {
    expect(partial()).toEqual({ days: 2, forms: 2, implicit: 2, saw: 2, confirmed: 1, submitted: 0 });
    expect(partialConfirmations()).toEqual([{ day: Date.UTC(2026, 2, 24), visitorId: 'visitor-e' }]);
    const progress = db.all<{ source: string; lastId: number }>(sql`select source, last_id as lastId from kpi_progress where source like 'deflection_partial%' order by source`);
    expect(progress).toEqual([
      { source: 'deflection_partial', lastId: expect.any(Number) },
      { source: 'deflection_partial_from', lastId: Date.UTC(2026, 2, 17) },
      { source: 'deflection_partial_horizon', lastId: Date.UTC(2026, 2, 25) },
      { source: 'deflection_partial_until', lastId: Date.UTC(2026, 2, 25) },
    ]);
    equalsEvents(NOW);
  });

  it('a late event falls back to the events until the job counts again; a later case fails a counted confirmation when the report is read', () => {
    const f = { visitorId: 'visitor-f' };
    // F (21 March, en, billing), recorded late: contact form, a suggestion, confirmed (and an implicit deflection).
    record([
      { ...f, at: at(21, 9), type: 'form_reached', surface: 'contact_form', locale: 'en', categoryId: billing },
      { ...f, at: at(21, 9, 1), type: 'suggestion_shown', surface: 'contact_form', subjectType: 'article', subjectId: 1 },
      { ...f, at: at(21, 9, 2), type: 'confirmed', surface: 'contact_form', subjectType: 'article', subjectId: 1 },
    ]);
    const later = NOW + 3_600_000;
    equalsEvents(later);
    const filters = parseReportFilters(month, later);
    expect(loadDeflection(db, reportScope(db, filters), filters.period, later).total).toMatchObject({ formSessions: 7, confirmations: 5, failedConfirmations: 1, failedPending: 2 });
    runKpiRollups(db, later);
    expect(partial()).toEqual({ days: 3, forms: 3, implicit: 3, saw: 3, confirmed: 2, submitted: 0 });
    const counted = [
      { day: Date.UTC(2026, 2, 21), visitorId: 'visitor-f' },
      { day: Date.UTC(2026, 2, 24), visitorId: 'visitor-e' },
    ];
    expect(partialConfirmations()).toEqual(counted);
    equalsEvents(later);
    // F opens a case an hour later: not late, nothing is counted again, and F's confirmation is judged failed on reading.
    record([
      { ...f, at: later + 3_600_000, type: 'form_reached', surface: 'contact_form', locale: 'en', categoryId: billing },
      { ...f, at: later + 3_660_000, type: 'form_submitted', surface: 'contact_form' },
    ]);
    const after = later + 2 * 3_600_000;
    runKpiRollups(db, after);
    expect(partialConfirmations()).toEqual(counted);
    expect(loadDeflection(db, reportScope(db, filters), filters.period, after).total).toMatchObject({ confirmations: 5, failedConfirmations: 2, failedPending: 1 });
    equalsEvents(after);
    // Days later, with the job not run since: E's 7 days have passed (held), the figures still equal the events'.
    equalsEvents(Date.UTC(2026, 3, 2, 12));
  });

  it('a rebuild rolls the same days up again', () => {
    const snapshot = () => [
      db.all(sql`select * from kpi_daily where metric like 'deflection_%' order by metric, day, locale, category_id, channel`),
      db.all(sql`select * from kpi_deflection_partial order by day, locale, category_id, channel`),
      db.all(sql`select day, locale, category_id, channel, at, visitor_id, member_id from kpi_deflection_confirmations order by at`),
    ];
    const before = snapshot();
    expect(before.map((rows) => rows.length > 0)).toEqual([true, true, true]);
    rebuildKpiRollups(db, NOW);
    expect(snapshot()).toEqual(before);
    // a day later one more day is final
    runKpiRollups(db, NOW + DAY_MS);
    expect(deflectionRolledUntil(db)).toBe(Date.UTC(2026, 2, 18));
  });

  it('a day whose session is still going on is left to the events, and counted once that session may have ended', () => {
    const g = { visitorId: 'visitor-g' };
    record([
      { ...g, at: at(26, 23, 45), type: 'form_reached', surface: 'ask_form', locale: 'en', categoryId: internet },
      { ...g, at: at(27, 0, 5), type: 'suggestion_shown', surface: 'ask_form', subjectType: 'article', subjectId: 1 },
    ]);
    const until = () => db.get<{ lastId: number }>(sql`select last_id as lastId from kpi_progress where source = 'deflection_partial_until'`)!.lastId;
    const t = at(27, 0, 10);
    runKpiRollups(db, t);
    expect(until()).toBe(Date.UTC(2026, 2, 26));
    const toSunday = { from: '2026-03-01', to: '2026-03-27' };
    equalsEvents(t, toSunday);
    const g26 = parseReportFilters({ ...toSunday, from: '2026-03-26', locale: 'en' }, t);
    expect(loadDeflection(db, reportScope(db, g26), g26.period, t).total).toMatchObject({ formSessions: 1, implicitPending: 1 });
    runKpiRollups(db, t + 20 * 60_000);
    expect(until()).toBe(Date.UTC(2026, 2, 26));
    const ended = t + 31 * 60_000;
    runKpiRollups(db, ended);
    expect(until()).toBe(Date.UTC(2026, 2, 27));
    equalsEvents(ended, toSunday);
    expect(loadDeflection(db, reportScope(db, g26), g26.period, ended).total).toMatchObject({ formSessions: 1, implicitDeflections: 1, implicitPending: 0 });
  });
});

describe('migration 0014 on a database whose deflection days were rolled up before the funnel was kept', () => {
  const dir = mkdtempSync(join(tmpdir(), 'funnel-migration-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('forgets the deflection watermark, so the job rolls those days again with their funnel', () => {
    const before = join(dir, 'before');
    cpSync(defaultMigrationsFolder(), before, { recursive: true });
    const journal = JSON.parse(readFileSync(join(before, 'meta', '_journal.json'), 'utf8'));
    // The database as it was before 0014: later migrations are left out too (drizzle applies only those newer than the last applied).
    journal.entries = journal.entries.slice(0, journal.entries.findIndex((e: { tag: string }) => e.tag === '0014_report_indexes'));
    writeFileSync(join(before, 'meta', '_journal.json'), JSON.stringify(journal));
    const old = createDb(':memory:');
    runMigrations(old, before);
    const raw = old.$client;
    // A session on 3 March: the ask form, a suggestion, confirmed; rolled up by the job as it was (counts only).
    const insert = raw.prepare("insert into deflection_events (occurred_at, type, surface, visitor_id, locale, subject_type, subject_id) values (?, ?, 'ask_form', 'visitor-a', 'en', ?, ?)");
    insert.run(at(3, 10), 'form_reached', null, null);
    insert.run(at(3, 10, 1), 'suggestion_shown', 'article', 1);
    insert.run(at(3, 10, 2), 'confirmed', 'article', 1);
    raw.prepare("insert into kpi_daily (metric, day, locale, category_id, channel, value) values ('deflection_form_sessions', ?, 'en', 0, 'ask_form', 1)").run(Date.UTC(2026, 2, 3));
    raw.prepare("insert into kpi_progress (source, last_id, updated_at) values ('deflection_days', ?, ?)").run(Date.UTC(2026, 2, 17), NOW);

    runMigrations(old);
    expect(deflectionRolledUntil(old)).toBeNull();
    runKpiRollups(old, NOW);
    expect(deflectionRolledUntil(old)).toBe(Date.UTC(2026, 2, 17));
    const filters = parseReportFilters({ from: '2026-03-01', to: '2026-03-25' }, NOW);
    const scope = reportScope(old, filters);
    expect(loadDeflection(old, scope, filters.period, NOW).funnel).toEqual({ reachedForm: 1, sawSuggestions: 1, opened: 1, confirmed: 1, submitted: 0 });
    expect(loadDeflection(old, scope, filters.period, NOW).total).toEqual(loadDeflection(old, scope, filters.period, NOW, { fromEvents: true }).total);
  });
});
