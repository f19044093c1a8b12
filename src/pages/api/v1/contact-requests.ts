import { contactRequestPageJson } from '../../../lib/support/api-shapes';
import { CONTACT_RESPONSE_HOURS, listContactRequests, submitContactRequest } from '../../../lib/support/contact-requests';
import { apiRoute, clientIp, json, readJson } from '../../../web/api';

/** Anyone may write to support (the widget and integrations too); rate-limited per address and visitor id. */
export const POST = apiRoute(async (context) => {
  const { ctx, actor, locale } = context.locals;
  const body = await readJson(context.request);
  const input = body && typeof body === 'object' && !Array.isArray(body) ? { locale, ...body } : body;
  const client = { ip: clientIp(context, ctx.config.TRUST_PROXY), visitorId: null };
  const r = submitContactRequest(ctx.db, actor, input, client, ctx.now(), { siteUrl: ctx.config.SITE_URL, responseHours: CONTACT_RESPONSE_HOURS });
  return json({ id: r.id, reference: r.reference, status: 'open', expectedResponseHours: CONTACT_RESPONSE_HOURS }, 201);
});

/** Agents, moderators and admins: newest first, `cursor` = the previous page's nextCursor. */
export const GET = apiRoute(({ locals, url }) => {
  const page = listContactRequests(locals.ctx.db, locals.actor, Object.fromEntries(url.searchParams), locals.ctx.now());
  return json(contactRequestPageJson(page));
});
