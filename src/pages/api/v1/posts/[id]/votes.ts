import { idSchema } from '../../../../../lib/community/schemas';
import { votePost } from '../../../../../lib/community/vote-post';
import { parseInput } from '../../../../../lib/validation';
import { apiRoute, json, readJson } from '../../../../../web/api';

export const POST = apiRoute(async ({ locals, params, request }) => {
  const { ctx, actor } = locals;
  const postId = parseInput(idSchema, params.id);
  const result = votePost(ctx.db, actor, postId, await readJson(request), ctx.now());
  return json(result);
});
