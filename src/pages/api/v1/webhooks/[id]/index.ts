import { webhookJson } from '../../../../../lib/cases/api-shapes';
import { deleteWebhook, updateWebhook } from '../../../../../lib/cases/webhooks';
import { idSchema } from '../../../../../lib/community/schemas';
import { parseInput } from '../../../../../lib/validation';
import { apiRoute, json, objectBody, readJson } from '../../../../../web/api';

export const PATCH = apiRoute(async ({ locals, params, request }) => json(webhookJson(updateWebhook(locals.ctx.db, locals.actor, parseInput(idSchema, params.id), objectBody(await readJson(request)), locals.ctx.now()))));

export const DELETE = apiRoute(({ locals, params }) => {
  const id = parseInput(idSchema, params.id);
  deleteWebhook(locals.ctx.db, locals.actor, id, locals.ctx.now());
  return json({ id, deleted: true });
});
