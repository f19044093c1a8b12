import { supportPromise } from '../../../lib/cases/queries';
import { contactRequestApiSchema } from '../../../lib/support/api-shapes';
import { submitContactRequest } from '../../../lib/support/contact-requests';
import { parseInput } from '../../../lib/validation';
import { apiRoute, clientIp, json, readJson } from '../../../web/api';

/** Anyone may write to support (the widget and integrations too): opens a case; rate-limited per address and visitor id. */
export const POST = apiRoute(async (context) => {
  const { ctx, actor, locale } = context.locals;
  const body = await readJson(context.request);
  const input = body && typeof body === 'object' && !Array.isArray(body) ? { locale, ...body } : body;
  const { channel } = parseInput(contactRequestApiSchema.pick({ channel: true }), input && typeof input === 'object' ? input : {});
  const r = submitContactRequest(ctx.db, actor, input, { ip: clientIp(context, ctx.config.TRUST_PROXY), visitorId: null }, ctx.now(), { channel });
  return json({ id: r.id, reference: r.reference, status: 'new', expectedResponseHours: supportPromise(ctx.db, locale).hours }, 201);
});

