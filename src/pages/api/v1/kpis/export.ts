import { tableExportJson } from '../../../../lib/reports/api-shapes';
import { exportCsv, tableForExport } from '../../../../lib/reports/kpi-api';
import { apiRoute, json, streamText } from '../../../../web/api';

export const GET = apiRoute(({ locals, url }) => {
  const table = tableForExport(locals.ctx.db, locals.actor, Object.fromEntries(url.searchParams), locals.ctx.now());
  const headers = { 'cache-control': 'private, no-store', 'content-disposition': `attachment; filename="${table.filename}"` };
  if (table.format === 'csv') return streamText(exportCsv(table), 'text/csv; charset=utf-8', headers);
  return json(tableExportJson(table), 200, headers);
});
