import { loadPost } from '../../../../../lib/community/load-post';
import { idSchema } from '../../../../../lib/community/schemas';
import { DomainError } from '../../../../../lib/errors';
import { flagContent, loadTarget, postFlagSchema } from '../../../../../lib/moderation/flags';
import { parseInput } from '../../../../../lib/validation';
import { apiRoute, json, readJson } from '../../../../../web/api';

export const POST = apiRoute(async ({ locals, params, request }) => {
  const { ctx, actor } = locals;
  const postId = parseInput(idSchema, params.id);
  const body = parseInput(postFlagSchema, await readJson(request));
  const post = loadPost(ctx.db, postId);
  if (!post) throw new DomainError('NOT_FOUND', `Post ${postId} does not exist.`);
  let target: { type: 'question' | 'answer' | 'comment'; id: number } = { type: post.kind, id: postId };
  if (body.commentId) {
    const comment = loadTarget(ctx.db, { type: 'comment', id: body.commentId });
    if (!comment || comment.questionId !== post.questionId) throw new DomainError('NOT_FOUND', `Comment ${body.commentId} is not on post ${postId}.`);
    target = { type: 'comment', id: body.commentId };
  }
  const result = flagContent(ctx.db, actor, target, body, ctx.now());
  return json({ id: result.flagId, target, hidden: result.hidden }, result.created ? 201 : 200);
});
