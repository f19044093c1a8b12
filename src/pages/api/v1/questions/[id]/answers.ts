import { answerQuestion } from '../../../../../lib/community/answer-question';
import { idSchema } from '../../../../../lib/community/schemas';
import { parseInput } from '../../../../../lib/validation';
import { apiRoute, json, readJson } from '../../../../../web/api';

export const POST = apiRoute(async ({ locals, params, request }) => {
  const { ctx, actor } = locals;
  const questionId = parseInput(idSchema, params.id);
  const body = await readJson(request);
  const answer = answerQuestion(ctx.db, actor, questionId, body, ctx.now());
  return json({ id: answer.id, questionId: answer.questionId }, answer.created ? 201 : 200, {
    location: `/api/v1/questions/${questionId}#answer-${answer.id}`,
  });
});
