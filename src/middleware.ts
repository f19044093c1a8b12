import { defineMiddleware, sequence } from 'astro:middleware';
import { authenticateAccessToken } from './lib/auth/accounts';
import { canEnterArea } from './lib/auth/permissions';
import { validateSessionToken } from './lib/auth/sessions';
import { isLocale, negotiateLocale, translator } from './lib/i18n/index';
import { threadViews } from './lib/community/record-view';
import { articleViews, publishedArticleId } from './lib/kb/articles';
import { recordSighting } from './lib/reputation/sightings';
import { appContext } from './lib/server/context';
import { unlessStorageFull } from './lib/errors';
import { clientIp, MAX_BODY_BYTES, readBodyUpTo } from './web/api';
import { sentVisitorId, sessionCookieName, setSessionCookie, visitorFor } from './web/cookies';
import { problem } from './web/problem';
import { requestIdOf } from './web/request-id';
import { HSTS_HEADER, SECURITY_HEADERS } from './web/security-headers';
import { refuseMethod } from './web/request-line';
import { redirectToSignIn } from './web/sign-in';
import { isWidgetOriginAllowed } from './lib/deflection/settings';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** The API routes the widget calls from other sites (CORS for the origins an admin allowed). */
const WIDGET_API = new Set(['/api/v1/suggest', '/api/v1/events']);

function isApi(url: URL): boolean {
  return url.pathname.startsWith('/api/');
}

const requestContext = defineMiddleware((context, next) => {
  context.locals.requestId = requestIdOf(context.request.headers.get('x-request-id'));
  context.locals.ctx = appContext();
  context.locals.actor = null;
  context.locals.sessionId = null;
  context.locals.auth = 'none';
  context.locals.corsOrigin = null;
  return next();
});

const securityHeaders = defineMiddleware(async (context, next) => {
  const response = await next();
  const h = response.headers;
  for (const [name, value] of SECURITY_HEADERS) h.set(name, value);
  h.set('x-request-id', context.locals.requestId);
  if (context.url.protocol === 'https:') h.set(...HSTS_HEADER);
  return response;
});

/**
 * A URL with malformed percent-encoding (`%ZZ`, `%E0%A4%A`; flagged by src/web/server-edge.ts) is a 400: problem+json under
 * /api, the 400 page in the URL's language elsewhere. Methods a path does not take get 405 with `Allow`.
 */
const requestLine = defineMiddleware((context, next) => {
  const { request, url } = context;
  if (context.locals.malformedUrl) {
    if (isApi(url)) return problem(400, 'The URL has malformed percent-encoding.');
    context.locals.malformedUrl = false;
    return context.rewrite('/400');
  }
  return refuseMethod(request.method, url.pathname) ?? next();
});

/**
 * The widget's API calls from the sites an admin allowed (deflection settings): preflights are answered here, and
 * responses carry `Access-Control-Allow-Origin`. Other origins get no CORS headers (the browser keeps the response
 * from the page) and a 403 for anything but a GET. Cookies are never allowed cross-origin: the widget sends its own
 * visitor id.
 */
const widgetCors = defineMiddleware(async (context, next) => {
  const { request, url, locals } = context;
  const origin = request.headers.get('origin');
  if (!WIDGET_API.has(url.pathname) || !origin || origin === url.origin || origin === new URL(locals.ctx.config.SITE_URL).origin) return next();
  const allowed = isWidgetOriginAllowed(locals.ctx.deflection.settings.get(locals.ctx.db, locals.ctx.now()), origin);
  const cors: Record<string, string> = allowed ? { 'access-control-allow-origin': origin, vary: 'Origin' } : { vary: 'Origin' };
  if (request.method === 'OPTIONS') {
    if (!allowed) return problem(403, 'This origin may not call the API from a browser; an admin can allow it in the deflection settings.', {}, cors);
    return new Response(null, {
      status: 204,
      headers: { ...cors, 'access-control-allow-methods': 'GET, POST', 'access-control-allow-headers': 'content-type', 'access-control-max-age': '600' },
    });
  }
  if (!allowed && !SAFE_METHODS.has(request.method)) return problem(403, 'This origin may not send events; an admin can allow it in the deflection settings.', {}, cors);
  if (allowed) locals.corsOrigin = origin;
  const response = await next();
  for (const [k, v] of Object.entries(cors)) response.headers.set(k, v);
  return response;
});

const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i;

function isActionCall(url: URL): boolean {
  return url.pathname.startsWith('/_actions/') || url.searchParams.has('_action');
}

/**
 * Rejects cross-origin state-changing requests (CSRF), oversized bodies (a chunked body is read up to the limit, no
 * further) and action calls that are not forms, before any handler runs.
 */
const requestGuard = defineMiddleware(async (context, next) => {
  const { request, url } = context;
  if (SAFE_METHODS.has(request.method)) return next();
  const tooLarge = () => problem(413, 'The body is larger than 1 MB.', {}, { connection: 'close' });
  const length = request.headers.get('content-length');
  if (length === null && request.body && (await readBodyUpTo(request.clone(), MAX_BODY_BYTES)) === null) return tooLarge();
  if (Number(length ?? 0) > MAX_BODY_BYTES) return tooLarge();
  // Every action takes a form; Astro would parse a JSON body first (and answer malformed JSON with a 500).
  if (isActionCall(url) && !FORM_TYPES.test(request.headers.get('content-type') ?? '')) {
    return problem(415, 'Send the form as application/x-www-form-urlencoded or multipart/form-data.');
  }
  const bearerOnly = request.headers.get('authorization')?.startsWith('Bearer ') && !request.headers.get('cookie');
  if (bearerOnly || context.locals.corsOrigin) return next();
  const origin = request.headers.get('origin');
  const site = new URL(context.locals.ctx.config.SITE_URL).origin;
  const sameOrigin = origin ? origin === url.origin || origin === site : request.headers.get('sec-fetch-site') !== 'cross-site';
  if (!sameOrigin) {
    return isApi(url)
      ? problem(403, 'Cross-origin requests that change state are not allowed.')
      : new Response('Cross-origin form submissions are not allowed.', { status: 403, headers: { 'content-type': 'text/plain' } });
  }
  return next();
});

const locale = defineMiddleware((context, next) => {
  const { ctx } = context.locals;
  // A page rewritten to /404 or /403 keeps the language of the URL the reader asked for.
  const first = context.originPathname.split('/')[1];
  context.locals.locale = isLocale(first)
    ? first
    : negotiateLocale(context.request.headers.get('accept-language'), ctx.config.DEFAULT_LOCALE);
  context.locals.t = translator(context.locals.locale);
  if (context.params.locale !== undefined && !isLocale(context.params.locale)) {
    return context.rewrite('/404');
  }
  return next();
});

const session = defineMiddleware((context, next) => {
  const { ctx } = context.locals;
  const now = ctx.now();
  const authorization = context.request.headers.get('authorization');
  if (authorization?.startsWith('Bearer ')) {
    const actor = authenticateAccessToken(ctx.db, authorization.slice(7).trim(), now);
    if (!actor) return problem(401, 'The access token is invalid, expired or revoked.', {}, { 'www-authenticate': 'Bearer' });
    context.locals.actor = actor;
    context.locals.auth = 'token';
    return next();
  }
  const token = context.cookies.get(sessionCookieName(context.url))?.value;
  if (token) {
    const result = validateSessionToken(ctx.db, token, now);
    if (result) {
      context.locals.actor = result.actor;
      context.locals.sessionId = result.session.id;
      context.locals.auth = 'cookie';
      if (result.renewed) setSessionCookie(context.cookies, context.url, token, result.session.expiresAt);
    } else {
      context.cookies.delete(sessionCookieName(context.url), { path: '/' });
    }
  }
  return next();
});

/** Whole areas gated by role; finer rules live in src/lib/auth/permissions.ts. */
const areas = defineMiddleware((context, next) => {
  const match = /^\/(?:es|en)\/(admin|agent|reports)(?:\/|$)/.exec(context.url.pathname);
  if (match) {
    const area = match[1] as 'admin' | 'agent' | 'reports';
    if (!context.locals.actor) {
      return redirectToSignIn(context);
    }
    if (!canEnterArea(context.locals.actor, area, context.locals.ctx.now())) return context.rewrite('/403');
  }
  return next();
});

const THREAD_PATH = /^\/(?:es|en)\/questions\/(\d{1,15})\/[^/]+$/;

const ARTICLE_PATH = /^\/(es|en)\/kb\/([a-z0-9-]{1,200})$/;

/**
 * Counts a view for every thread and article page rendered (src/server.ts counts those served from the page cache):
 * people, not bots, once per visitor and page a day. A failure here never costs the reader the page.
 */
const countViews = defineMiddleware(async (context, next) => {
  const response = await next();
  if (context.request.method !== 'GET' || response.status !== 200) return response;
  const { pathname } = context.url;
  const thread = THREAD_PATH.exec(pathname);
  const article = thread ? null : ARTICLE_PATH.exec(pathname);
  if (!thread && !article) return response;
  const { ctx, actor } = context.locals;
  const viewer = {
    memberId: actor?.id ?? null,
    visitorId: visitorFor(context, false).visitorId,
    ip: clientIp(context, ctx.config.TRUST_PROXY),
    userAgent: context.request.headers.get('user-agent'),
  };
  try {
    if (thread) threadViews.recordView(ctx.db, Number(thread[1]), viewer, ctx.now());
    else {
      const articleId = publishedArticleId(ctx.db, article![1] as 'es' | 'en', article![2]!);
      if (articleId !== null) articleViews.recordView(ctx.db, articleId, viewer, ctx.now());
    }
  } catch (err) {
    ctx.log.error({ err }, 'counting a page view failed');
  }
  return response;
});

/** Remembers (hashed) where members write from, before the write, so votes between related accounts earn nothing. */
const recordSightings = defineMiddleware((context, next) => {
  const { ctx, actor } = context.locals;
  if (actor && !SAFE_METHODS.has(context.request.method)) {
    // A sighting is a side record: with the disk full the request goes on to answer 507 (or succeed) on its own.
    unlessStorageFull(() => recordSighting(ctx.db, actor.id, { visitorId: sentVisitorId(context.cookies), ip: clientIp(context, ctx.config.TRUST_PROXY) }, ctx.now()), undefined);
  }
  return next();
});

/** Kicks the outbox after a write so search and mail follow within moments, not at the next timer tick. */
const drainAfterWrite = defineMiddleware(async (context, next) => {
  const response = await next();
  if (!SAFE_METHODS.has(context.request.method)) setImmediate(() => void context.locals.ctx.drain());
  return response;
});

export const onRequest = sequence(requestContext, securityHeaders, widgetCors, requestLine, requestGuard, locale, session, areas, recordSightings, drainAfterWrite, countViews);
