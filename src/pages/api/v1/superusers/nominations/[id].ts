import { idSchema } from '../../../../../lib/community/schemas';
import { nominationAnswerSchema } from '../../../../../lib/reputation/api-shapes';
import { respondToNomination } from '../../../../../lib/reputation/superusers';
import { parseInput } from '../../../../../lib/validation';
import { apiRoute, json, readJson } from '../../../../../web/api';

export const POST = apiRoute(async ({ locals, params, request }) => {
  const { ctx, actor } = locals;
  const { answer } = parseInput(nominationAnswerSchema, await readJson(request));
  return json(respondToNomination(ctx.db, actor, parseInput(idSchema, params.id), answer === 'accept', ctx.now()));
});
