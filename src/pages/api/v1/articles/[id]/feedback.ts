import { idSchema } from '../../../../../lib/community/schemas';
import { getHelpfulness, recordFeedback } from '../../../../../lib/kb/feedback';
import { parseInput } from '../../../../../lib/validation';
import { apiRoute, clientIp, json, readJson } from '../../../../../web/api';

export const POST = apiRoute(async (context) => {
  const { locals, params } = context;
  const { ctx, actor } = locals;
  const id = parseInput(idSchema, params.id);
  const voter = { userId: actor?.id ?? null, visitorId: null, ip: clientIp(context, ctx.config.TRUST_PROXY) };
  const result = recordFeedback(ctx.db, id, voter, await readJson(context.request), ctx.now());
  return json({ articleId: id, helpful: result.helpful, helpfulness: getHelpfulness(ctx.db, id) }, 200);
});
