import { z } from 'zod';
import type { Locale } from '../../../db/schema/accounts';
import { translate } from '../i18n/index';
import { DAY_MS, isoDay, type Period } from './filters';
import { exportCell, type TableExport } from './kpi-api';
import type { ReportView } from './report-views';

const day = z.iso.date();
const periodShape = z.object({ from: day, to: day.meta({ description: 'Last day included' }) }).meta({ id: 'ReportPeriod' });
const periodJson = (p: Period) => ({ from: isoDay(p.from), to: isoDay(p.to - DAY_MS) });

export const kpiShape = z
  .object({
    key: z.string(),
    label: z.string(),
    definition: z.string(),
    kind: z.enum(['count', 'percent', 'duration', 'ratio', 'money', 'nps', 'text', 'date']).meta({ description: 'percent and nps as fractions (0.42), duration in milliseconds, money in cents' }),
    value: z.number().nullable(),
    previous: z.number().nullable(),
    delta: z.number().nullable(),
    relative: z.number().nullable(),
    atLeast: z.number().nullable().meta({ description: 'A censored median or p90 not reached: the wait is more than this' }),
    better: z.enum(['up', 'down']),
    currency: z.string().nullable().meta({ description: 'For money: the ISO 4217 currency of value and previous' }),
    pending: z.enum(['deflection', 'reputation']).nullable().meta({ description: 'The facts behind this KPI are not on this installation yet' }),
  })
  .meta({ id: 'Kpi' });

export const kpisShape = z.object({
  section: z.string(),
  period: periodShape,
  previous: periodShape,
  filters: z.object({ locale: z.string().nullable(), category: z.string().nullable(), channel: z.string().nullable() }),
  kpis: z.array(kpiShape),
});

export function kpisJson(view: ReportView, locale: Locale): z.output<typeof kpisShape> {
  return {
    section: view.section,
    period: periodJson(view.filters.period),
    previous: periodJson(view.filters.previous),
    filters: { locale: view.filters.locale, category: view.filters.category, channel: view.filters.channel },
    kpis: view.kpis.map((k) => ({
      key: k.key,
      label: translate(locale, `reports.kpi.${k.key}`),
      definition: translate(locale, `reports.def.${k.key}`),
      kind: k.kind,
      value: k.value,
      previous: k.previous,
      delta: k.delta,
      relative: k.relative,
      atLeast: k.atLeast ?? null,
      better: k.better,
      currency: k.currency ?? null,
      pending: k.pending ?? null,
    })),
  };
}

export const tableExportShape = z.object({
  table: z.string(),
  period: periodShape,
  columns: z.array(z.object({ key: z.string(), heading: z.string(), kind: z.string() })),
  rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))).meta({ description: 'Days as YYYY-MM-DD, shares as fractions, durations in hours' }),
});

export function tableExportJson(e: TableExport): z.output<typeof tableExportShape> {
  return {
    table: e.table.id,
    period: periodJson(e.filters.period),
    columns: e.table.columns.map((c, i) => ({ key: c.key, heading: e.headings[i]!, kind: c.kind })),
    rows: e.table.rows.map((row) => Object.fromEntries(e.table.columns.map((c) => [c.key, exportCell(c.kind, row[c.key] ?? null)]))),
  };
}
