import { z } from 'zod';
import { answerSurvey } from '../../../../../lib/cases/csat';
import { idSchema } from '../../../../../lib/community/schemas';
import { parseInput } from '../../../../../lib/validation';
import { apiRoute, json, objectBody, readJson } from '../../../../../web/api';

/** The survey answer: with the signed link's `token`, or as the case's member. One per case (409 after). */
export const POST = apiRoute(async ({ locals, params, request }) => {
  const { ctx, actor } = locals;
  const body = objectBody(await readJson(request));
  const token = parseInput(z.string().max(64).optional(), body.token);
  return json(answerSurvey(ctx.db, parseInput(idSchema, params.id), { token: token ?? null, viewer: actor }, body, ctx.now()), 201);
});
