import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import type { Locale } from '../../../db/schema/accounts';
import { receivesKpiDigest } from '../auth/permissions';
import { translator } from '../i18n/index';
import { queueMail } from '../notifications/mail';
import { DAY_MS, filtersQuery, startOfUtcDay, type ReportFilters } from './filters';
import { formatChange, formatValue } from './format';
import { reportView } from './report-views';

/** Monday 00:00 UTC of the week holding `t` (ISO weeks). */
export function weekStart(t: number): number {
  const day = startOfUtcDay(t);
  const weekday = (new Date(day).getUTCDay() + 6) % 7;
  return day - weekday * DAY_MS;
}

/** Pure: the week a digest sent at `now` covers: the last whole week, Monday to Sunday (UTC). */
export function digestWeek(now: number): ReportFilters {
  const from = weekStart(now) - 7 * DAY_MS;
  const period = { from, to: from + 7 * DAY_MS };
  return { period, previous: { from: from - 7 * DAY_MS, to: from }, locale: null, category: null, channel: null };
}

/** The digest's text: the overview's measured KPIs against the week before, and a link to the reports. */
export function digestText(db: Db, filters: ReportFilters, now: number, locale: Locale, siteUrl: string): { subject: string; text: string } {
  const t = translator(locale);
  const view = reportView(db, 'overview', filters, now, locale, t);
  const day = (ms: number) => formatValue(locale, 'date', ms);
  const range = { from: day(filters.period.from), to: day(filters.period.to - DAY_MS) };
  const lines = view.kpis
    .filter((k) => !k.pending)
    .map((k) => {
      const value = k.value === null && k.atLeast ? t('reports.atLeast', { value: formatValue(locale, k.kind, k.atLeast) }) : formatValue(locale, k.kind, k.value);
      const change = formatChange(locale, k.kind, k.delta, k.relative);
      return `- ${t(`reports.kpi.${k.key}`)}: ${value}${change ? ` (${change}; ${t('reports.previous', { value: formatValue(locale, k.kind, k.previous) })})` : ''}`;
    });
  const url = `${siteUrl}/${locale}/reports?${new URLSearchParams(filtersQuery(filters))}`;
  return {
    subject: t('reports.digest.subject', range),
    text: [t('reports.digest.intro', range), '', ...lines, '', t('reports.digest.link', { url }), '', t('reports.digest.footer')].join('\n'),
  };
}

/**
 * The weekly digest to admins and support leads (a periodic job): once a week, from Monday on, the last whole week's
 * headline KPIs by mail, each reader in their language. Remembers the week it sent (`kpi_progress`), so running it
 * again in the same week sends nothing. Returns the number of mails queued.
 */
export function sendKpiDigest(db: Db, now: number, siteUrl: string): number {
  const filters = digestWeek(now);
  const week = Math.round(filters.period.from / DAY_MS);
  return db.transaction((tx) => {
    const sent = tx.get<{ last_id: number }>(sql`select last_id from kpi_progress where source = 'digest'`)?.last_id ?? 0;
    if (sent >= week) return 0;
    tx.run(sql`insert into kpi_progress (source, last_id, updated_at) values ('digest', ${week}, ${now}) on conflict do update set last_id = excluded.last_id, updated_at = excluded.updated_at`);
    const readers = tx.all<{ id: number; email: string; displayName: string; role: 'member' | 'superuser' | 'moderator' | 'agent' | 'admin'; locale: Locale; suspendedUntil: number | null; lead: number }>(
      sql`select id, email, display_name as displayName, role, locale, suspended_until as suspendedUntil, lead from users where role = 'admin' or lead = 1`,
    );
    const texts = new Map<Locale, { subject: string; text: string }>();
    let queued = 0;
    for (const r of readers) {
      if (!receivesKpiDigest({ ...r, lead: r.lead === 1 }, now)) continue;
      let mail = texts.get(r.locale);
      if (!mail) texts.set(r.locale, (mail = digestText(tx, filters, now, r.locale, siteUrl)));
      queueMail(tx, { to: r.email, ...mail }, now);
      queued++;
    }
    return queued;
  });
}

