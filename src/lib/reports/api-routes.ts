import type { ApiRoute } from '../api/route';
import { kpisShape, tableExportShape } from './api-shapes';
import { exportQuerySchema, kpisQuerySchema } from './kpi-api';

export const REPORT_ROUTES: ApiRoute[] = [
  {
    method: 'get',
    path: '/kpis',
    summary: 'KPI values of a report section (overview by default) with the previous period, for admins and support leads',
    description:
      'Filters: from and to (YYYY-MM-DD, UTC days, both included; at most 366 days, default the last 30), locale, category (a slug; its sub-categories included), channel (site, widget, ask_form, contact_form). Unknown parameters, inverted or too long ranges are 400.',
    auth: 'signed-in',
    query: kpisQuerySchema,
    responses: { 200: { description: 'KPIs with their definitions', schema: kpisShape } },
    errors: [400, 401, 403],
  },
  {
    method: 'get',
    path: '/kpis/export',
    summary: 'One table of a report page (a chart’s data or a listed table) as JSON, or as CSV with format=csv (streamed, safe to open in a spreadsheet)',
    auth: 'signed-in',
    query: exportQuerySchema,
    responses: { 200: { description: 'The table', schema: tableExportShape } },
    errors: [400, 401, 403, 404],
  },
];
