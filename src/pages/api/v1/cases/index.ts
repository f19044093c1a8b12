import { caseListJson } from '../../../../lib/cases/api-shapes';
import { listCases } from '../../../../lib/cases/queries';
import { apiRoute, json } from '../../../../web/api';

export const GET = apiRoute(({ locals, url }) => json(caseListJson(listCases(locals.ctx.db, locals.actor, Object.fromEntries(url.searchParams), locals.ctx.now()))));
