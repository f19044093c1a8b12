import { questionSummaryJson, threadJson } from '../../../../lib/community/api-shapes';
import { askQuestion } from '../../../../lib/community/ask-question';
import { getThread } from '../../../../lib/community/get-thread';
import { listQuestions } from '../../../../lib/community/list-questions';
import { apiRoute, json, readJson } from '../../../../web/api';

export const GET = apiRoute(({ locals, url }) => {
  const site = locals.ctx.config.SITE_URL;
  const page = listQuestions(locals.ctx.db, Object.fromEntries(url.searchParams));
  return json({ items: page.items.map((q) => questionSummaryJson(q, site)), nextCursor: page.nextCursor });
});

export const POST = apiRoute(async ({ locals, request }) => {
  const { ctx, actor } = locals;
  const body = await readJson(request);
  const input = body && typeof body === 'object' ? { locale: locals.locale, ...body } : body;
  const asked = askQuestion(ctx.db, actor, input, ctx.now());
  const thread = getThread(ctx.db, asked.id)!;
  const site = ctx.config.SITE_URL;
  return json(threadJson(thread, site), asked.created ? 201 : 200, { location: `/api/v1/questions/${asked.id}` });
});
