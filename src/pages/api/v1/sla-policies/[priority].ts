import { slaPolicyJson } from '../../../../lib/cases/api-shapes';
import { saveSlaPolicy } from '../../../../lib/cases/settings';
import { apiRoute, json, objectBody, readJson } from '../../../../web/api';

export const PUT = apiRoute(async ({ locals, params, request }) => json(slaPolicyJson(saveSlaPolicy(locals.ctx.db, locals.actor, params.priority, objectBody(await readJson(request)), locals.ctx.now()))));
