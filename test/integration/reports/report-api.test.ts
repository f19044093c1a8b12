import { beforeAll, describe, expect, it } from 'vitest';
import type { SqliteDb } from '../../../db/client';
import { searchEvents, users } from '../../../db/schema/index';
import { setLead } from '../../../src/lib/auth/accounts';
import { canReadReports } from '../../../src/lib/auth/permissions';
import { createSession, validateSessionToken, type Actor } from '../../../src/lib/auth/sessions';
import { translator } from '../../../src/lib/i18n/index';
import { kpisJson, tableExportJson } from '../../../src/lib/reports/api-shapes';
import { exportCsv, kpisForApi, tableForExport } from '../../../src/lib/reports/kpi-api';
import { parseReportFilters } from '../../../src/lib/reports/filters';
import { REPORT_SECTIONS, reportView } from '../../../src/lib/reports/report-views';
import { runKpiRollups } from '../../../src/lib/reports/rollups';
import { expectCode } from '../../helpers/errors';
import { createCategory, createMember, createTestDb } from '../../helpers/db';

const NOW = Date.UTC(2026, 2, 15, 12);
let db: SqliteDb;
let admin: Actor;
let lead: Actor;
let member: Actor;

beforeAll(async () => {
  db = createTestDb();
  createCategory(db, 'billing');
  admin = await createMember(db, 'admin');
  lead = { ...(await createMember(db, 'agent')), lead: true };
  member = await createMember(db, 'member');
  for (const [i, query] of ['=cmd|calc', '@SUM(1)', 'router', 'router'].entries()) {
    db.insert(searchEvents).values({ occurredAt: NOW - (i + 1) * 3_600_000, query, resultCount: 0, locale: 'es', surface: 'site' }).run();
  }
  runKpiRollups(db, NOW);
});

describe('the KPI API and exports', () => {
  it('answers admins and leads; refuses members and anonymous callers', () => {
    expect(kpisForApi(db, admin, {}, NOW).view.section).toBe('overview');
    expect(kpisForApi(db, lead, { section: 'search' }, NOW).view.section).toBe('search');
    expectCode(() => kpisForApi(db, member, {}, NOW), 'FORBIDDEN');
    expectCode(() => kpisForApi(db, null, {}, NOW), 'UNAUTHORIZED');
  });
  it('bad input is a field error: unknown section, filter or category, inverted range', () => {
    const bad: Record<string, string>[] = [{ section: 'nope' }, { foo: 'bar' }, { category: 'no-such-category' }, { from: '2026-03-10', to: '2026-03-01' }, { lang: 'fr' }];
    for (const query of bad) {
      expectCode(() => kpisForApi(db, admin, query, NOW), 'INVALID');
    }
  });
  it('the KPI JSON carries labels, definitions and the previous period', () => {
    const { view, locale } = kpisForApi(db, admin, { section: 'search', from: '2026-03-15', to: '2026-03-15', lang: 'en' }, NOW);
    const body = kpisJson(view, locale);
    expect(body.period).toEqual({ from: '2026-03-15', to: '2026-03-15' });
    expect(body.previous).toEqual({ from: '2026-03-14', to: '2026-03-14' });
    const zero = body.kpis.find((k) => k.key === 'zeroResultRate')!;
    expect([zero.value, zero.previous, zero.label]).toEqual([1, null, 'Zero-result rate']);
    expect(body.kpis.find((k) => k.key === 'searches')!.value).toBe(4);
  });
  it('exports a table as JSON and as CSV, formulas neutralised', () => {
    const e = tableForExport(db, admin, { section: 'search', table: 'zero-result-queries', format: 'csv', lang: 'es' }, NOW);
    const csv = [...exportCsv(e)].join('');
    expect(csv).toContain('Búsqueda,Búsquedas\r\n');
    expect(csv).toContain('router,2\r\n');
    expect(csv).toContain("'=cmd|calc,1\r\n");
    expect(csv).toContain("'@SUM(1),1\r\n");
    expect(e.filename).toMatch(/^search-zero-result-queries-2026-02-14-2026-03-15\.csv$/);
    const json = tableExportJson(tableForExport(db, admin, { section: 'search', table: 'zero-result-queries' }, NOW));
    expect(json.rows[0]).toEqual({ query: 'router', searches: 2 });
    expectCode(() => tableForExport(db, admin, { section: 'search', table: 'nope' }, NOW), 'NOT_FOUND');
    expectCode(() => tableForExport(db, admin, { section: 'search', table: 'zero-result-queries', format: 'xlsx' }, NOW), 'INVALID');
    expectCode(() => tableForExport(db, member, { section: 'search', table: 'zero-result-queries' }, NOW), 'FORBIDDEN');
  });
  it('every section renders for an empty range and for a one-day range, in both languages', () => {
    for (const locale of ['es', 'en'] as const) {
      for (const section of REPORT_SECTIONS) {
        for (const range of [{ from: '2020-01-01', to: '2020-01-31' }, { from: '2026-03-15', to: '2026-03-15' }]) {
          const view = reportView(db, section, parseReportFilters(range, NOW), NOW, locale, translator(locale));
          expect(view.section).toBe(section);
          for (const chart of view.charts) expect(chart.svg).not.toMatch(/NaN|undefined/);
        }
      }
    }
  });
  it('the lead flag on an account reaches its session, and with it the reports', () => {
    const agent = db.select().from(users).all().find((u) => u.role === 'agent')!;
    const before = validateSessionToken(db, createSession(db, agent.id, NOW).token, NOW)!.actor;
    expect(canReadReports(before, NOW)).toBe(false);
    expect(setLead(db, ` ${agent.email.toUpperCase()} `, true)).toEqual({ id: agent.id });
    const after = validateSessionToken(db, createSession(db, agent.id, NOW).token, NOW)!.actor;
    expect([after.lead, canReadReports(after, NOW)]).toEqual([true, true]);
    setLead(db, agent.email, false);
    expect(canReadReports(validateSessionToken(db, createSession(db, agent.id, NOW).token, NOW)!.actor, NOW)).toBe(false);
    expectCode(() => setLead(db, 'nobody@example.test', true), 'NOT_FOUND');
  });
});
