import { z } from 'zod';
import { idSchema } from '../../../../../lib/community/schemas';
import { respondToNomination } from '../../../../../lib/reputation/superusers';
import { parseInput } from '../../../../../lib/validation';
import { apiRoute, json, readJson } from '../../../../../web/api';

const answerSchema = z.object({ answer: z.enum(['accept', 'decline'], { error: 'field.invalid' }) });

export const POST = apiRoute(async ({ locals, params, request }) => {
  const { ctx, actor } = locals;
  const { answer } = parseInput(answerSchema, await readJson(request));
  return json(respondToNomination(ctx.db, actor, parseInput(idSchema, params.id), answer === 'accept', ctx.now()));
});
