import { beforeAll, describe, expect, it } from 'vitest';
import type { SqliteDb } from '../../../db/client';
import { closeStaleCases } from '../../../src/lib/cases/case-jobs';
import { replyToCase } from '../../../src/lib/cases/commands';
import { answerSurvey } from '../../../src/lib/cases/csat';
import { acceptAnswer } from '../../../src/lib/community/accept-answer';
import { escalateQuestion } from '../../../src/lib/escalation/escalate';
import { translator } from '../../../src/lib/i18n/index';
import { parseReportFilters } from '../../../src/lib/reports/filters';
import { reportView, type ReportView } from '../../../src/lib/reports/report-views';
import { rebuildKpiRollups } from '../../../src/lib/reports/rollups';
import { submitContactRequest } from '../../../src/lib/support/contact-requests';
import { askAt, at, drain } from '../../helpers/cases';
import { createCategory, createMember, createTestDb } from '../../helpers/db';

const SITE = { siteUrl: 'https://help.example' };
const H = 3_600_000;
const NOW = at('2026-03-01T12:00:00+01:00');
let db: SqliteDb;

/**
 * Three cases in the week of Monday 16 February 2026 (Europe/Madrid, the default queue's calendar: 9:00–18:00 on
 * weekdays), followed through the use cases agents and customers call:
 * - A, a thread escalated by staff (high: first response within 4 business hours), answered in the thread an hour
 *   later, accepted by the asker: solved with one agent reply, in 2 business hours; CSAT 5, NPS 9.
 * - B, from the contact form on Monday 9:00 (normal: 8 business hours), first reply Tuesday 12:00 (breached Monday
 *   17:00), solved with a second reply Tuesday 14:00: 14 business hours.
 * - C, from the contact form on Monday 10:00, answered at 11:00 and left pending on the customer: closed by abandonment.
 * A second question of the week is not escalated.
 */
beforeAll(async () => {
  db = createTestDb();
  createCategory(db, 'internet');
  const asker = await createMember(db);
  const agent = await createMember(db, 'agent');
  const supervisor = await createMember(db, 'agent');
  const q = askAt(db, asker, at('2026-02-16T08:00:00+01:00'), { locale: 'en' });
  askAt(db, asker, at('2026-02-16T08:30:00+01:00'), { locale: 'en' });
  const a = escalateQuestion(db, supervisor, q.id, {}, at('2026-02-16T09:00:00+01:00')).caseId;
  const reply = replyToCase(db, agent, a, { body: 'Hold the reset button for ten seconds.', visibility: 'public' }, at('2026-02-16T10:00:00+01:00'), SITE);
  acceptAnswer(db, asker, reply.answerId!, at('2026-02-16T11:00:00+01:00'));
  answerSurvey(db, a, { token: null, viewer: asker }, { score: 5, nps: '9', comment: 'Quick and clear' }, at('2026-02-16T12:00:00+01:00'));
  const contact = (now: number, subject: string) =>
    submitContactRequest(db, null, { locale: 'es', name: 'Ana Cliente', email: 'ana@example.com', subject, message: 'Me habéis cobrado dos veces la factura de mayo.' }, { ip: null, visitorId: null }, now).id;
  const b = contact(at('2026-02-16T09:00:00+01:00'), 'Factura duplicada en mayo');
  const c = contact(at('2026-02-16T10:00:00+01:00'), 'Cambio de tarifa pendiente');
  replyToCase(db, agent, b, { body: 'Lo estamos mirando.', visibility: 'private' }, at('2026-02-17T12:00:00+01:00'), SITE);
  replyToCase(db, agent, b, { body: 'Anulado el segundo cobro.', visibility: 'private', status: 'solved' }, at('2026-02-17T14:00:00+01:00'), SITE);
  replyToCase(db, agent, c, { body: '¿Qué tarifa quieres?', visibility: 'private' }, at('2026-02-16T11:00:00+01:00'), SITE);
  expect(closeStaleCases(db, at('2026-02-23T12:00:00+01:00'))).toMatchObject({ abandoned: 1 });
  await drain(db, NOW);
  rebuildKpiRollups(db, NOW);
});

function casesReport(input: Record<string, string> = {}): ReportView {
  return reportView(db, 'cases', parseReportFilters({ from: '2026-02-16', to: '2026-02-28', ...input }, NOW), NOW, 'en', translator('en'));
}

const values = (view: ReportView) => Object.fromEntries(view.kpis.map((k) => [k.key, k.value]));
const rows = (view: ReportView, id: string) => view.tables.find((t) => t.id === id)!.rows;

describe('the cases and SLA report over real cases', () => {
  it('measures every KPI of the group, none left pending', () => {
    const view = casesReport();
    expect(view.pending).toEqual([]);
    expect(view.kpis.filter((k) => k.pending)).toEqual([]);
    expect(values(view)).toMatchObject({
      casesOpened: 3,
      // one of the two questions of the range was escalated
      escalationRate: 0.5,
      // first response: A and C met, B breached
      slaFirstResponse: 2 / 3,
      // A (one reply) and B (two) solved
      firstContactResolution: 0.5,
      // A in 2 business hours, B in 14: the lower median
      resolutionTime: 2 * H,
      pendingNow: 0,
      abandoned: 1,
      csat: 1,
      nps: 1,
    });
    expect(rows(view, 'resolution-scenarios')).toEqual([
      { scenario: 'Closed by abandonment', cases: 1, share: 1 / 3 },
      { scenario: 'Solved with one agent reply', cases: 1, share: 1 / 3 },
      { scenario: 'Solved with several agent replies', cases: 1, share: 1 / 3 },
    ]);
    expect(rows(view, 'resolution-by-queue')).toEqual([{ queue: 'General support', solved: 2, average: 8 * H }]);
    expect(rows(view, 'fastest-cases').map((r) => r.resolutionTime)).toEqual([2 * H, 14 * H]);
    expect(rows(view, 'escalations-by-trigger')).toEqual([{ trigger: 'escalated by staff', questions: 1, rate: 0.5 }]);
    expect(rows(view, 'satisfaction-comments')).toEqual([{ case: expect.stringMatching(/^C-\d{6}$/), score: 5, comment: 'Quick and clear' }]);
    expect(rows(view, 'sla-by-priority').map((r) => r.priority)).toEqual(['High', 'Normal']);
  });

  it('narrows to the channel a case came through and to its language', () => {
    expect(values(casesReport({ channel: 'contact_form' }))).toMatchObject({ casesOpened: 2, firstContactResolution: 0, abandoned: 1, csat: null });
    expect(values(casesReport({ channel: 'site' }))).toMatchObject({ casesOpened: 1, firstContactResolution: 1, slaFirstResponse: 1, csat: 1 });
    expect(values(casesReport({ channel: 'widget' }))).toMatchObject({ casesOpened: 0, firstContactResolution: null, slaFirstResponse: null, resolutionTime: null });
    expect(values(casesReport({ locale: 'es' }))).toMatchObject({ casesOpened: 2, escalationRate: null });
  });

  it('compares with the previous range (no cases then) and puts the overview figures beside the community ones', () => {
    const previous = Object.fromEntries(casesReport().kpis.map((k) => [k.key, k.previous]));
    expect(previous).toMatchObject({ casesOpened: 0, firstContactResolution: null, abandoned: 0, pendingNow: null, csat: null });
    expect(values(casesReport({ from: '2026-02-01', to: '2026-02-14' }))).toMatchObject({ casesOpened: 0, firstContactResolution: null, abandoned: 0, escalationRate: null });
    const overview = reportView(db, 'overview', parseReportFilters({ from: '2026-02-16', to: '2026-02-28' }, NOW), NOW, 'en', translator('en'));
    expect(overview.pending).toEqual([]);
    expect(values(overview)).toMatchObject({ escalationRate: 0.5, firstContactResolution: 0.5, csat: 1, nps: 1 });
    expect(overview.kpis.find((k) => k.key === 'slaAttainment')!.value).not.toBeNull();
  });

  it('counts the backlog whatever the range: a case opened in January and still open is pending now, in its scope only', () => {
    const before = values(casesReport());
    submitContactRequest(db, null, { locale: 'es', name: 'Luis', email: 'luis@example.com', subject: 'Alta pendiente', message: 'Sigo sin línea desde enero.' }, { ip: null, visitorId: null }, at('2026-01-10T10:00:00+01:00'));
    expect(values(casesReport())).toEqual({ ...before, pendingNow: 1 });
    expect(values(casesReport({ channel: 'contact_form', locale: 'es' }))).toMatchObject({ casesOpened: 2, pendingNow: 1 });
    expect(values(casesReport({ channel: 'site' }))).toMatchObject({ pendingNow: 0 });
    expect(values(casesReport({ locale: 'en' }))).toMatchObject({ pendingNow: 0 });
  });
});
