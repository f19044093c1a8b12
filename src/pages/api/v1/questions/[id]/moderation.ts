import { idSchema } from '../../../../../lib/community/schemas';
import { runThreadCommand } from '../../../../../lib/moderation/commands';
import { parseInput } from '../../../../../lib/validation';
import { apiRoute, json, objectBody, readJson } from '../../../../../web/api';

/** Lock, unlock, pin, unpin, reopen, move, retag or close the thread as a duplicate (moderators of its category). */
export const POST = apiRoute(async ({ locals, params, request }) => {
  const { ctx, actor } = locals;
  const questionId = parseInput(idSchema, params.id);
  return json(runThreadCommand(ctx.db, actor, questionId, objectBody(await readJson(request)), ctx.now()));
});
