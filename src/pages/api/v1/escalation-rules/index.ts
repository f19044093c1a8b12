import { ruleJson } from '../../../../lib/cases/api-shapes';
import { createRule, listRules } from '../../../../lib/escalation/rules';
import { apiRoute, json, objectBody, readJson } from '../../../../web/api';

export const GET = apiRoute(({ locals }) => json({ items: listRules(locals.ctx.db, locals.actor, locals.ctx.now()).map((r) => ruleJson(r.rule, r.warnings)) }));

export const POST = apiRoute(async ({ locals, request }) => {
  const r = createRule(locals.ctx.db, locals.actor, objectBody(await readJson(request)), locals.ctx.now());
  return json(ruleJson(r.rule, r.warnings), 201);
});
