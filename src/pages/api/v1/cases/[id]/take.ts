import { takeCase } from '../../../../../lib/cases/commands';
import { idSchema } from '../../../../../lib/community/schemas';
import { parseInput } from '../../../../../lib/validation';
import { apiRoute, json } from '../../../../../web/api';

/** Assigns an unassigned case to the caller; 409 when another agent took it first. */
export const POST = apiRoute(({ locals, params }) => {
  const c = takeCase(locals.ctx.db, locals.actor, parseInput(idSchema, params.id), locals.ctx.now());
  return json({ caseId: c.id, assigneeId: c.assigneeId, version: c.version });
});
