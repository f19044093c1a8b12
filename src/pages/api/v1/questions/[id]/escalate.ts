import { idSchema } from '../../../../../lib/community/schemas';
import { escalateQuestion } from '../../../../../lib/escalation/escalate';
import { parseInput } from '../../../../../lib/validation';
import { apiRoute, json, objectBody, readJson } from '../../../../../web/api';

/** The asker asks for a human (once offered), or a moderator, agent or superuser escalates; joins an open case. */
export const POST = apiRoute(async ({ locals, params, request }) => {
  const { ctx, actor } = locals;
  const body = request.headers.get('content-length') === '0' || !request.headers.get('content-type') ? {} : objectBody(await readJson(request));
  const r = escalateQuestion(ctx.db, actor, parseInput(idSchema, params.id), body, ctx.now());
  return json(r, r.created ? 201 : 200);
});
