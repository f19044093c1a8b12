import { macroJson } from '../../../../lib/cases/api-shapes';
import { deleteMacro, saveMacro } from '../../../../lib/cases/settings';
import { idSchema } from '../../../../lib/community/schemas';
import { parseInput } from '../../../../lib/validation';
import { apiRoute, json, objectBody, readJson } from '../../../../web/api';

export const PUT = apiRoute(async ({ locals, params, request }) => json(macroJson(saveMacro(locals.ctx.db, locals.actor, parseInput(idSchema, params.id), objectBody(await readJson(request)), locals.ctx.now()))));

export const DELETE = apiRoute(({ locals, params }) => {
  const id = parseInput(idSchema, params.id);
  deleteMacro(locals.ctx.db, locals.actor, id, locals.ctx.now());
  return json({ id, deleted: true });
});
