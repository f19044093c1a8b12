import { acceptAnswer, unacceptAnswer } from '../../../../../lib/community/accept-answer';
import { idSchema } from '../../../../../lib/community/schemas';
import { parseInput } from '../../../../../lib/validation';
import { apiRoute, json } from '../../../../../web/api';

export const POST = apiRoute(({ locals, params }) => {
  const { ctx, actor } = locals;
  const answerId = parseInput(idSchema, params.id);
  const accepted = acceptAnswer(ctx.db, actor, answerId, ctx.now(), undefined, ctx.delays);
  return json({ questionId: accepted.questionId, acceptedAnswerId: accepted.answerId });
});

export const DELETE = apiRoute(({ locals, params }) => {
  const { ctx, actor } = locals;
  const answerId = parseInput(idSchema, params.id);
  const result = unacceptAnswer(ctx.db, actor, answerId, ctx.now(), ctx.delays);
  return json({ questionId: result.questionId, acceptedAnswerId: null });
});
