import { incidentListJson } from '../../../lib/incidents/api-shapes';
import { incidentsQuerySchema, listIncidents } from '../../../lib/incidents/incidents';
import { parseInput } from '../../../lib/validation';
import { apiRoute, json } from '../../../web/api';

export const GET = apiRoute(({ locals, url }) => {
  const q = parseInput(incidentsQuerySchema, Object.fromEntries(url.searchParams));
  const now = locals.ctx.now();
  const items = listIncidents(locals.ctx.db, q.locale, { activeOnly: q.active === 'true', now, limit: 50 });
  return json(incidentListJson(items, now));
});
