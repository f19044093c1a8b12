/**
 * Pages rendered without Astro's pipeline: a few hot pages (the thread page) are built as HTML strings, and for the
 * requests those pages can answer exactly as Astro would — a GET of the page's canonical URL without query string,
 * by a visitor or a member whose session needs no renewal — src/server.ts renders them here, in front of Astro. Each
 * page is a `PageRenderer`: the paths it takes and a `render` that returns the page, or null to leave the request to
 * Astro. Everything unusual goes to Astro, whose output is the reference: `npm run bench -- same-pages` compares both.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { Actor } from '../lib/auth/sessions';
import { isBot } from '../lib/bots';
import { translator, type Locale, type Translate } from '../lib/i18n/index';
import type { Viewer } from '../lib/community/record-view';
import { visitorCookieOf } from './cookies';
import { requestIdOf } from './request-id';
import { HSTS_HEADER, SECURITY_HEADERS } from './security-headers';

/** What a renderer gets: the reader and the request, as the middleware would give them to a page. */
export interface DirectRequest {
  /** The path (there is never a query string) and the renderer's match of it. */
  path: string;
  match: RegExpExecArray;
  /** The URL's language (its first segment). */
  locale: Locale;
  t: Translate;
  actor: Actor | null;
  /** A crawler, by its user agent. */
  bot: boolean;
  /** Who reads, for the page's view count (the middleware's `countViews` for pages Astro renders). */
  viewer: Viewer;
  now: number;
  /** The `<link rel="stylesheet">` tags of the renderer's Astro route, as Astro puts them last in `<head>`. */
  stylesheets: string;
}

/** A page rendered: its status, its own headers (content type, `vary`; not the security headers) and its HTML. */
export interface RenderedPage {
  status: number;
  headers: [string, string][];
  body: string;
}

export interface PageRenderer {
  /** The Astro route that renders the same page (`/[locale]/questions/[id]/[...slug]`): its stylesheets are the page's. */
  route: string;
  /** The paths it renders; the first segment is the locale (`es` or `en`). */
  path: RegExp;
  /** The page, or null to leave the request to Astro (a redirect, a 404, a state it does not render). */
  render: (request: DirectRequest) => RenderedPage | null;
}

export interface DirectPagesOptions {
  renderers: PageRenderer[];
  /** The stylesheet tags of an Astro route, or null when they cannot be known (its pages then go to Astro). */
  stylesheetsOf: (route: string) => string | null;
  /** The member of a session token that needs no renewal (`currentSessionActor`), else null. */
  sessionActor: (token: string, now: number) => Actor | null;
  clientIp: (req: IncomingMessage) => string;
  /** Whether Astro reads `x-forwarded-*` headers (it does when the build allows some domains): such requests go to it. */
  trustsForwardedHeaders: boolean;
  now: () => number;
  /** A renderer that threw: the request goes on to Astro, which renders the page or its error page. */
  onError?: (error: unknown, req: IncomingMessage) => void;
}

export interface DirectPages {
  /** Renders an anonymous request, for the page cache (src/web/cached-pages.ts): null leaves it to Astro. */
  renderAnonymous: (req: IncomingMessage) => RenderedPage | null;
  /**
   * Renders and writes a page for this reader only (a member's, or any page the cache did not take) and returns true,
   * or returns false to leave the request to Astro.
   */
  serve: (req: IncomingMessage, res: ServerResponse) => boolean;
}

const SESSION_COOKIE = /(?:^|;)\s*(__Host-)?session=([^;]*)/g;

/** The security headers of a response to `req` (HSTS over https). */
export function securityHeadersOf(req: IncomingMessage): string[] {
  const headers: string[] = [];
  for (const [name, value] of SECURITY_HEADERS) headers.push(name, value);
  if ((req.socket as TLSSocket).encrypted) headers.push(...HSTS_HEADER);
  return headers;
}

/**
 * Writes a rendered page that is for this reader only, as src/server.ts writes Astro's (`private, no-cache`), with
 * the security headers and the request id; `extra` headers go last (the page cache's `x-cache`).
 */
export function writeRenderedPage(page: RenderedPage, req: IncomingMessage, res: ServerResponse, extra: string[] = []): void {
  const body = Buffer.from(page.body);
  const headers = securityHeadersOf(req);
  for (const [name, value] of page.headers) headers.push(name, value);
  headers.push('cache-control', 'private, no-cache', 'content-length', String(body.length), 'x-request-id', requestIdOf(req.headers['x-request-id']), ...extra);
  res.writeHead(page.status, headers);
  res.end(body);
}

export function directPages(options: DirectPagesOptions): DirectPages {
  const { renderers, now } = options;
  const stylesheets = new Map<string, string | null>();
  const stylesheetsOf = (route: string) => {
    if (!stylesheets.has(route)) stylesheets.set(route, options.stylesheetsOf(route));
    return stylesheets.get(route)!;
  };

  /** The renderer and its match for a request it may take, else null. */
  const rendererFor = (req: IncomingMessage): { renderer: PageRenderer; match: RegExpExecArray; path: string } | null => {
    const url = req.url ?? '/';
    if (req.method !== 'GET' || url.includes('?') || req.headers.authorization !== undefined) return null;
    if (options.trustsForwardedHeaders && (req.headers['x-forwarded-proto'] !== undefined || req.headers['x-forwarded-host'] !== undefined)) return null;
    for (const renderer of renderers) {
      const match = renderer.path.exec(url);
      if (match) return { renderer, match, path: url };
    }
    return null;
  };

  const render = (req: IncomingMessage, actor: Actor | null, found: { renderer: PageRenderer; match: RegExpExecArray; path: string }, at: number): RenderedPage | null => {
    const sheets = stylesheetsOf(found.renderer.route);
    if (sheets === null) return null;
    const locale = found.path.startsWith('/en/') ? 'en' : 'es';
    const userAgent = req.headers['user-agent'] ?? null;
    try {
      return found.renderer.render({
        path: found.path,
        match: found.match,
        locale,
        t: translator(locale),
        actor,
        bot: isBot(userAgent ?? undefined),
        viewer: { memberId: actor?.id ?? null, visitorId: visitorCookieOf(req.headers.cookie), ip: options.clientIp(req), userAgent },
        now: at,
        stylesheets: sheets,
      });
    } catch (error) {
      options.onError?.(error, req);
      return null;
    }
  };

  return {
    renderAnonymous: (req) => {
      const found = rendererFor(req);
      return found ? render(req, null, found, now()) : null;
    },
    serve: (req, res) => {
      const found = rendererFor(req);
      if (!found) return false;
      const at = now();
      let actor: Actor | null = null;
      const cookies = [...(req.headers.cookie ?? '').matchAll(SESSION_COOKIE)];
      if (cookies.length > 0) {
        // One session cookie, of the name this connection's scheme uses; anything else is Astro's to sort out.
        const prefix = (req.socket as TLSSocket).encrypted ? '__Host-' : undefined;
        if (cookies.length !== 1 || cookies[0]![1] !== prefix) return false;
        try {
          actor = options.sessionActor(cookies[0]![2]!.trim(), at);
        } catch (error) {
          options.onError?.(error, req);
          return false;
        }
        if (!actor) return false;
      }
      const page = render(req, actor, found, at);
      if (!page) return false;
      writeRenderedPage(page, req, res);
      return true;
    },
  };
}

/** The `<link rel="stylesheet">` tags Astro writes for a route's stylesheets, or null for any it would write otherwise. */
export function stylesheetLinks(styles: { type: string; src?: string }[], base: string, assetsPrefix: unknown): string | null {
  if (assetsPrefix) return null;
  let html = '';
  for (const style of styles) {
    if (style.type !== 'external' || !style.src) return null;
    html += `<link rel="stylesheet" href="${`${base.replace(/\/$/, '')}/${style.src.replace(/^\//, '')}`.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}">`;
  }
  return html;
}
