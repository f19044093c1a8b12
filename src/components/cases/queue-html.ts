/**
 * The agent queue's table rows as one HTML string: a page of 25 cases with seven cells each costs more as Astro
 * expressions than the rest of the page, as the thread's posts did (components/community/post-html.ts). Every value is
 * escaped here, as Astro escapes expressions.
 */
import type { CaseListItem } from '../../lib/cases/queries';
import type { Locale, Translate } from '../../lib/i18n/index';
import { escapeHtml } from '../community/post-html';
import { formatDuration } from './format';

export interface QueueHtmlContext {
  locale: Locale;
  t: Translate;
  now: number;
  queueName: (id: number) => string;
}

/** "Due in 2 h" or "Overdue by 3 d" for a case's next SLA due time, "—" without a running clock. */
export function dueLabel({ t, now }: Pick<QueueHtmlContext, 't' | 'now'>, due: number | null): string {
  if (due === null) return '—';
  return due <= now ? t('agent.overdue', { time: formatDuration(now - due) }) : t('agent.dueIn', { time: formatDuration(due - now) });
}

/** One `<tr>` per case: selection box, number and subject, customer, status, priority, assignee and SLA due time. */
export function caseRowsHtml(ctx: QueueHtmlContext, items: readonly CaseListItem[]): string {
  const { locale, t, now, queueName } = ctx;
  // Statuses, priorities and channels repeat down the page: each label is translated and escaped once.
  const labels = new Map<string, string>();
  const label = (key: string) => {
    let html = labels.get(key);
    if (html === undefined) labels.set(key, (html = escapeHtml(t(key))));
    return html;
  };
  let html = '';
  for (const c of items) {
    const lang = c.locale === locale ? '' : ` lang="${c.locale}"`;
    const overdue = c.nextDueAt !== null && c.nextDueAt <= now;
    html +=
      `<tr><td><input type="checkbox" name="ids" value="${c.id}" id="sel-${c.id}" aria-label="${escapeHtml(t('agent.select', { number: c.number }))}"></td>` +
      `<td><a href="/${locale}/agent/cases/${c.id}" data-case-link><strong>${c.number}</strong> <span${lang} translate="no">${escapeHtml(c.subject)}</span></a>` +
      `<br><span class="meta">${label(`case.channel.${c.channel}`)} · ${escapeHtml(queueName(c.queueId))} · ${c.locale.toUpperCase()}</span></td>` +
      `<td><span translate="no">${escapeHtml(c.customerName)}</span></td>` +
      `<td>${label(`case.status.${c.status}`)}</td>` +
      `<td class="prio-${c.priority}">${label(`case.priority.${c.priority}`)}</td>` +
      `<td>${c.assigneeName !== null ? escapeHtml(c.assigneeName) : `<span class="meta">${label('agent.unassigned')}</span>`}</td>` +
      `<td${overdue ? ' class="sla-breached"' : ''}>${escapeHtml(dueLabel(ctx, c.nextDueAt))}${c.breached ? `<br><span class="sla-breached">${label('agent.breached')}</span>` : ''}</td></tr>`;
  }
  return html;
}
