import { runContentCommand } from '../../../../lib/moderation/commands';
import { apiRoute, json, objectBody, readJson } from '../../../../web/api';

/** Hide, restore, approve or reject a question, answer or comment; uphold or dismiss its flags (moderators). */
export const POST = apiRoute(async ({ locals, request }) => {
  const { ctx, actor } = locals;
  return json(runContentCommand(ctx.db, actor, objectBody(await readJson(request)), ctx.now()));
});
