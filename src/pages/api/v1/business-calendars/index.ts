import { calendarJson } from '../../../../lib/cases/api-shapes';
import { listCalendars, saveCalendar } from '../../../../lib/cases/settings';
import { apiRoute, json, objectBody, readJson } from '../../../../web/api';

export const GET = apiRoute(({ locals }) => json({ items: listCalendars(locals.ctx.db, locals.actor, locals.ctx.now()).map(calendarJson) }));

export const POST = apiRoute(async ({ locals, request }) => {
  const { calendar, warnings } = saveCalendar(locals.ctx.db, locals.actor, null, objectBody(await readJson(request)), locals.ctx.now());
  return json(calendarJson({ ...calendar, warnings }), 201);
});
