import { webhookJson } from '../../../../lib/cases/api-shapes';
import { createWebhook, listWebhooks } from '../../../../lib/cases/webhooks';
import { apiRoute, json, objectBody, readJson } from '../../../../web/api';

export const GET = apiRoute(({ locals }) => json({ items: listWebhooks(locals.ctx.db, locals.actor, locals.ctx.now()).map((h) => webhookJson(h)) }));

/** The answer carries the signing secret, once. */
export const POST = apiRoute(async ({ locals, request }) => json(webhookJson(createWebhook(locals.ctx.db, locals.actor, objectBody(await readJson(request)), locals.ctx.now()), true), 201));
