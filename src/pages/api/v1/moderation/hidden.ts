import { hiddenListJson } from '../../../../lib/moderation/api-shapes';
import { moderationScope } from '../../../../lib/moderation/commands';
import { listHiddenContent } from '../../../../lib/moderation/hidden';
import { apiRoute, json } from '../../../../web/api';

/** Hidden questions, answers and comments, newest first, with who hid them, when and why. */
export const GET = apiRoute(({ locals }) => {
  const { ctx, actor } = locals;
  const items = listHiddenContent(ctx.db, { categoryIds: moderationScope(ctx.db, actor, ctx.now()) });
  return json(hiddenListJson(items));
});
