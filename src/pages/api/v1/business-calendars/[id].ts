import { calendarJson } from '../../../../lib/cases/api-shapes';
import { deleteCalendar, saveCalendar } from '../../../../lib/cases/settings';
import { idSchema } from '../../../../lib/community/schemas';
import { parseInput } from '../../../../lib/validation';
import { apiRoute, json, objectBody, readJson } from '../../../../web/api';

/** Replaces the calendar (every field). */
export const PUT = apiRoute(async ({ locals, params, request }) => {
  const { calendar, warnings } = saveCalendar(locals.ctx.db, locals.actor, parseInput(idSchema, params.id), objectBody(await readJson(request)), locals.ctx.now());
  return json(calendarJson({ ...calendar, warnings }));
});

export const DELETE = apiRoute(({ locals, params }) => {
  const id = parseInput(idSchema, params.id);
  deleteCalendar(locals.ctx.db, locals.actor, id, locals.ctx.now());
  return json({ id, deleted: true });
});
