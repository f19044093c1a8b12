import { z } from 'zod';
import type { Db } from '../../../db/client';
import type { Locale } from '../../../db/schema/accounts';
import { canReadReports } from '../auth/permissions';
import type { Actor } from '../auth/sessions';
import { DomainError } from '../errors';
import { translator } from '../i18n/index';
import { csvLines } from './csv';
import { isoDay, parseReportFilters, reportFiltersSchema, type ReportFilters } from './filters';
import { REPORT_SECTIONS, reportView, type ReportSection, type ReportTable, type ReportView } from './report-views';

/** The KPI API and the exports: the reports' view models behind a permission, as JSON or CSV. */

export const kpisQuerySchema = reportFiltersSchema.extend({
  section: z.enum(REPORT_SECTIONS, { error: 'reports.field.section' }).optional(),
  lang: z.enum(['es', 'en']).optional(),
});

export const exportQuerySchema = reportFiltersSchema.extend({
  section: z.enum(REPORT_SECTIONS, { error: 'reports.field.section' }),
  table: z.string().max(80).regex(/^[a-z0-9-]+$/, { error: 'reports.field.table' }),
  format: z.enum(['csv', 'json'], { error: 'reports.field.format' }).default('json'),
  lang: z.enum(['es', 'en']).optional(),
});

function requireReader(actor: Actor | null, now: number): Actor {
  if (!actor) throw new DomainError('UNAUTHORIZED', 'Sign in or send a personal access token (Authorization: Bearer …).');
  if (!canReadReports(actor, now)) throw new DomainError('FORBIDDEN', 'Only admins and support leads read the reports.');
  return actor;
}

/** Splits the query into the report filters and the other parameters (each validated by its own schema). */
function splitQuery(query: Record<string, string>, own: readonly string[]): { filters: Record<string, string>; rest: Record<string, string> } {
  const filters: Record<string, string> = {};
  const rest: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) (own.includes(k) ? rest : filters)[k] = v;
  return { filters, rest };
}

function sectionOf(value: string | undefined): ReportSection {
  if (value === undefined) return 'overview';
  if ((REPORT_SECTIONS as readonly string[]).includes(value)) return value as ReportSection;
  throw new DomainError('INVALID', `Unknown section: choose one of ${REPORT_SECTIONS.join(', ')}.`, { section: 'reports.field.section' });
}

function langOf(value: string | undefined, actor: Actor): Locale {
  if (value === undefined) return actor.locale;
  if (value === 'es' || value === 'en') return value;
  throw new DomainError('INVALID', 'lang is es or en.', { lang: 'field.invalid' });
}

/** `GET /api/v1/kpis`: a section's KPIs (the overview by default) with the previous period, for the filters given. */
export function kpisForApi(db: Db, actor: Actor | null, query: Record<string, string>, now: number): { view: ReportView; locale: Locale } {
  const reader = requireReader(actor, now);
  const { filters, rest } = splitQuery(query, ['section', 'lang']);
  const section = sectionOf(rest.section);
  const locale = langOf(rest.lang, reader);
  const parsed = parseReportFilters(filters, now);
  return { view: reportView(db, section, parsed, now, locale, translator(locale)), locale };
}

export interface TableExport {
  filename: string;
  format: 'csv' | 'json';
  table: ReportTable;
  filters: ReportFilters;
  /** Column headings in the reader's language. */
  headings: string[];
}

/** One table of a report page (a chart's data or a listed table) for download. 404 when the page has no such table. */
export function tableForExport(db: Db, actor: Actor | null, query: Record<string, string>, now: number): TableExport {
  const reader = requireReader(actor, now);
  const { filters, rest } = splitQuery(query, ['section', 'table', 'format', 'lang']);
  const section = sectionOf(rest.section);
  const locale = langOf(rest.lang, reader);
  const format = rest.format ?? 'json';
  if (format !== 'csv' && format !== 'json') throw new DomainError('INVALID', 'format is csv or json.', { format: 'field.invalid' });
  if (!rest.table || !/^[a-z0-9-]{1,80}$/.test(rest.table)) throw new DomainError('INVALID', 'Name the table to export.', { table: 'field.invalid' });
  const parsed = parseReportFilters(filters, now);
  const t = translator(locale);
  const view = reportView(db, section, parsed, now, locale, t);
  const table = [...view.tables, ...view.charts.map((c) => c.table)].find((x) => x.id === rest.table);
  if (!table) throw new DomainError('NOT_FOUND', `The ${section} report has no table ${rest.table}.`);
  const headings = table.columns.map((c) => (/^h\d\d$/.test(c.key) ? c.key.slice(1) : t(`reports.col.${c.key}`)));
  return { filename: `${section}-${table.id}-${isoDay(parsed.period.from)}-${isoDay(parsed.period.to - 1)}.${format}`, format, table, filters: parsed, headings };
}

/** A table's cells as exported: days as YYYY-MM-DD, shares as fractions, durations in hours. */
export function exportCell(kind: string, value: string | number | null): string | number | null {
  if (value === null || typeof value === 'string') return value;
  if (kind === 'date') return isoDay(value);
  if (kind === 'duration') return Math.round((value / 3_600_000) * 100) / 100;
  return value;
}

/** The CSV lines of an export (streamed by the route). */
export function exportCsv(e: TableExport): Generator<string> {
  return csvLines(
    e.headings,
    e.table.rows.map((row) => e.table.columns.map((c) => exportCell(c.kind, row[c.key] ?? null))),
  );
}
