import { macroJson } from '../../../../lib/cases/api-shapes';
import { listAllMacros, saveMacro } from '../../../../lib/cases/settings';
import { apiRoute, json, objectBody, readJson } from '../../../../web/api';

export const GET = apiRoute(({ locals }) => json({ items: listAllMacros(locals.ctx.db, locals.actor, locals.ctx.now()).map(macroJson) }));

export const POST = apiRoute(async ({ locals, request }) => json(macroJson(saveMacro(locals.ctx.db, locals.actor, null, objectBody(await readJson(request)), locals.ctx.now())), 201));
