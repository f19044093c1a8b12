import { commentOnPost } from '../../../../../lib/community/comment-post';
import { idSchema } from '../../../../../lib/community/schemas';
import { parseInput } from '../../../../../lib/validation';
import { apiRoute, json, readJson } from '../../../../../web/api';

export const POST = apiRoute(async ({ locals, params, request }) => {
  const { ctx, actor } = locals;
  const questionId = parseInput(idSchema, params.id);
  const body = await readJson(request);
  const comment = commentOnPost(ctx.db, actor, questionId, body, ctx.now());
  return json({ id: comment.id, postId: comment.postId, questionId: comment.questionId }, comment.created ? 201 : 200, {
    location: `/api/v1/questions/${comment.questionId}#comment-${comment.id}`,
  });
});
