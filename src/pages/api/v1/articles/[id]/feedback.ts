import { idSchema } from '../../../../../lib/community/schemas';
import { apiFeedbackSchema } from '../../../../../lib/kb/api';
import { getHelpfulness, recordFeedback } from '../../../../../lib/kb/feedback';
import { consume } from '../../../../../lib/rate-limits/rate-limits';
import { parseInput } from '../../../../../lib/validation';
import { apiRoute, clientIp, json, readJson } from '../../../../../web/api';

export const POST = apiRoute(async (context) => {
  const { locals, params } = context;
  const { ctx, actor } = locals;
  const id = parseInput(idSchema, params.id);
  const body = parseInput(apiFeedbackSchema, await readJson(context.request));
  const now = ctx.now();
  // Anonymous visitor ids are chosen by the caller: the address is limited too.
  if (!actor) consume(ctx.db, `kb-feedback-ip:${clientIp(context, ctx.config.TRUST_PROXY)}`, { max: 60, windowMs: 3600_000 }, now);
  const result = recordFeedback(ctx.db, id, { userId: actor?.id ?? null, visitorId: body.visitorId ?? null }, body, now);
  return json({ articleId: id, helpful: result.helpful, helpfulness: getHelpfulness(ctx.db, id) }, 200);
});
