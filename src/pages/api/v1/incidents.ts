import { incidentsQuerySchema, listIncidents } from '../../../lib/incidents/incidents';
import { parseInput } from '../../../lib/validation';
import { apiRoute, json } from '../../../web/api';

export const GET = apiRoute(({ locals, url }) => {
  const q = parseInput(incidentsQuerySchema, Object.fromEntries(url.searchParams));
  const now = locals.ctx.now();
  const items = listIncidents(locals.ctx.db, q.locale, { activeOnly: q.active === 'true', now, limit: 50 });
  return json({
    items: items.map((i) => ({
      id: i.id,
      title: i.title,
      bodyHtml: i.bodyHtml,
      severity: i.severity,
      categories: i.categories.map((c) => c.slug),
      startsAt: new Date(i.startsAt).toISOString(),
      resolvedAt: i.resolvedAt === null ? null : new Date(i.resolvedAt).toISOString(),
      active: i.resolvedAt === null && i.startsAt <= now,
    })),
  });
});
