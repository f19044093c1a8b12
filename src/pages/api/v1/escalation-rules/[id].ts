import { ruleJson } from '../../../../lib/cases/api-shapes';
import { idSchema } from '../../../../lib/community/schemas';
import { deleteRule, getRule, updateRule } from '../../../../lib/escalation/rules';
import { ruleWarnings } from '../../../../lib/escalation/triggers';
import { parseInput } from '../../../../lib/validation';
import { apiRoute, json, objectBody, readJson } from '../../../../web/api';

export const GET = apiRoute(({ locals, params }) => {
  const rule = getRule(locals.ctx.db, locals.actor, parseInput(idSchema, params.id), locals.ctx.now());
  return json(ruleJson(rule, ruleWarnings(rule)));
});

export const PATCH = apiRoute(async ({ locals, params, request }) => {
  const r = updateRule(locals.ctx.db, locals.actor, parseInput(idSchema, params.id), objectBody(await readJson(request)), locals.ctx.now());
  return json(ruleJson(r.rule, r.warnings));
});

/** A rule that already opened cases is disabled instead (the answer says which). */
export const DELETE = apiRoute(({ locals, params }) => {
  const id = parseInput(idSchema, params.id);
  return json({ id, ...deleteRule(locals.ctx.db, locals.actor, id, locals.ctx.now()) });
});
