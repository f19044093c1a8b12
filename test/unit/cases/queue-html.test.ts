import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../src/components/community/post-html';
import { caseRowsHtml, dueLabel } from '../../../src/components/cases/queue-html';
import type { CaseListItem } from '../../../src/lib/cases/queries';
import { translator } from '../../../src/lib/i18n/index';
import { HOUR, NOW } from '../../helpers/time';

const HOSTILE = `<script>alert("x")</script>'&`;
const queueName = (id: number) => (id === 1 ? 'General' : `Cola "${id}"`);
const es = { locale: 'es' as const, t: translator('es'), now: NOW, queueName };
const en = { locale: 'en' as const, t: translator('en'), now: NOW, queueName };

const item = (over: Partial<CaseListItem> = {}): CaseListItem => ({
  id: 42,
  number: 'C-000042',
  reference: 'C-000042',
  subject: 'No puedo entrar',
  status: 'open',
  priority: 'high',
  channel: 'contact_form',
  locale: 'es',
  queueId: 1,
  assigneeId: 7,
  assigneeName: 'Lucía',
  customerName: 'Ana',
  questionId: null,
  legacyRequestId: null,
  createdAt: NOW - 5 * HOUR,
  updatedAt: NOW - HOUR,
  version: 3,
  nextDueAt: NOW + 2 * HOUR,
  breached: false,
  ...over,
});

const rows = (html: string) => html.match(/<tr>/g)?.length ?? 0;

describe('agent queue rows as HTML', () => {
  it('escapes every value taken from a case, as Astro escapes expressions', () => {
    const html = caseRowsHtml(es, [item({ subject: HOSTILE, customerName: HOSTILE, assigneeName: HOSTILE, queueId: 2 })]);
    expect(html).not.toContain('<script>');
    expect(html.split(escapeHtml(HOSTILE))).toHaveLength(4); // subject, customer and assignee
    expect(html).toContain('Cola &quot;2&quot;');
  });

  it('renders one row per case with its number, link, labels and selection box, in either language', () => {
    const html = caseRowsHtml(es, [item(), item({ id: 43, number: 'C-000043', status: 'pending_customer', priority: 'urgent', channel: 'thread', locale: 'en', assigneeId: null, assigneeName: null })]);
    expect(rows(html)).toBe(2);
    expect(html).toContain('<input type="checkbox" name="ids" value="42" id="sel-42" aria-label="Seleccionar C-000042">');
    expect(html).toContain('<a href="/es/agent/cases/42" data-case-link><strong>C-000042</strong> <span translate="no">No puedo entrar</span></a>');
    // A subject in the other language says so; the unassigned case says it has nobody.
    expect(html).toContain('<strong>C-000043</strong> <span lang="en" translate="no">');
    expect(html).toContain('<span class="meta">Sin asignar</span>');
    expect(html).toContain('<td class="prio-urgent">Urgente</td>');
    expect(html).toContain('<td>Pendiente del cliente</td>');
    expect(html).toContain('Formulario de contacto · General · ES');
    const english = caseRowsHtml(en, [item()]);
    expect(english).toContain('aria-label="Select C-000042"');
    expect(english).toContain('<span lang="es" translate="no">No puedo entrar</span>');
    expect(english).toContain('<td class="prio-high">High</td>');
    expect(caseRowsHtml(en, [])).toBe('');
  });

  it('marks overdue and breached cases, and says when the next clock is due', () => {
    expect(dueLabel(en, null)).toBe('—');
    expect(dueLabel(en, NOW + 2 * HOUR)).toBe(en.t('agent.dueIn', { time: '2 h' }));
    expect(dueLabel(en, NOW - 30 * 60_000)).toBe(en.t('agent.overdue', { time: '30 min' }));
    const late = caseRowsHtml(en, [item({ nextDueAt: NOW - 3 * HOUR, breached: true })]);
    expect(late).toContain(`<td class="sla-breached">${en.t('agent.overdue', { time: '3 h' })}<br><span class="sla-breached">${en.t('agent.breached')}</span></td>`);
    const onTime = caseRowsHtml(en, [item()]);
    expect(onTime).toContain(`<td>${en.t('agent.dueIn', { time: '2 h' })}</td>`);
    expect(onTime).not.toContain('sla-breached');
  });
});
