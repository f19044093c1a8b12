import { kpisJson } from '../../../../lib/reports/api-shapes';
import { kpisForApi } from '../../../../lib/reports/kpi-api';
import { apiRoute, json } from '../../../../web/api';

export const GET = apiRoute(({ locals, url }) => {
  const { view, locale } = kpisForApi(locals.ctx.db, locals.actor, Object.fromEntries(url.searchParams), locals.ctx.now());
  return json(kpisJson(view, locale), 200, { 'cache-control': 'private, no-store' });
});
