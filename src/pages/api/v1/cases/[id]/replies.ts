import { replyToCase } from '../../../../../lib/cases/commands';
import { idSchema } from '../../../../../lib/community/schemas';
import { parseInput } from '../../../../../lib/validation';
import { apiRoute, json, objectBody, readJson } from '../../../../../web/api';

/** `visibility: public` answers in the thread (as support), `private` mails the customer; `status` after it. */
export const POST = apiRoute(async ({ locals, params, request }) => {
  const { ctx, actor } = locals;
  const r = replyToCase(ctx.db, actor, parseInput(idSchema, params.id), objectBody(await readJson(request)), ctx.now(), { siteUrl: ctx.config.SITE_URL });
  return json({ caseId: r.case.id, status: r.case.status, answerId: r.answerId, mailId: r.mailId }, 201);
});
