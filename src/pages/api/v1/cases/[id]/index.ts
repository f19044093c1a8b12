import { caseJson } from '../../../../../lib/cases/api-shapes';
import { updateCase } from '../../../../../lib/cases/commands';
import { caseView } from '../../../../../lib/cases/queries';
import { idSchema } from '../../../../../lib/community/schemas';
import { parseInput } from '../../../../../lib/validation';
import { apiRoute, json, objectBody, readJson } from '../../../../../web/api';

export const GET = apiRoute(({ locals, params }) => json(caseJson(caseView(locals.ctx.db, locals.actor, parseInput(idSchema, params.id), locals.ctx.now()))));

/** status, priority, assigneeId (null unassigns), queueId, tags; `version` refuses a stale change with 409. */
export const PATCH = apiRoute(async ({ locals, params, request }) => {
  const { ctx, actor } = locals;
  const id = parseInput(idSchema, params.id);
  updateCase(ctx.db, actor, id, objectBody(await readJson(request)), ctx.now());
  return json(caseJson(caseView(ctx.db, actor, id, ctx.now())));
});
