import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { isBot } from '../lib/bots';
import { cacheablePage, type CacheablePage, type CachedPage, type PageCache } from '../lib/server/page-cache';
import { hasSessionCookie } from './cookies';
import { securityHeadersOf, writeRenderedPage, type RenderedPage } from './direct-pages';
import { requestIdOf } from './request-id';

export interface CachedPagesOptions {
  cache: PageCache;
  /** Renders a request through Astro's pipeline. */
  render: (req: IncomingMessage) => Promise<Response>;
  /** Renders a request without Astro when it can (src/web/direct-pages.ts), else returns null. */
  renderDirect?: (req: IncomingMessage) => RenderedPage | null;
  /** Writes a rendered response that is not shared (the render path's own writer). */
  write: (response: Response, res: ServerResponse) => Promise<void>;
  /** Releases what rendering attached to the request (its abort listener on the socket), once the body is read. */
  release: (req: IncomingMessage) => void;
  now: () => number;
  /** Whether this anonymous reader would get a page of their own (a KB article showing their vote). */
  isPersonal?: (page: CacheablePage, req: IncomingMessage) => boolean;
  /** A page served from the cache (the render path records its own views). */
  onHit?: (page: CacheablePage, req: IncomingMessage) => void;
  onError?: (error: unknown, req: IncomingMessage) => void;
}

/** Headers that belong to one response, never to a stored page. */
const PER_RESPONSE = new Set(['x-request-id', 'x-cache', 'date', 'content-length', 'transfer-encoding', 'connection', 'keep-alive']);
/** Left out of a 304, which has no body to describe. */
const BODY_HEADERS = new Set(['content-length', 'content-type']);
const NO_CACHE = /no-cache/i;

/**
 * The cache in front of the render path, at the node:http level: an anonymous GET or HEAD of a cacheable page (see
 * `cacheablePage`) is answered from memory without entering Astro, with the same status and headers a render gives —
 * a hit and a miss differ only in `x-cache` and `x-request-id`. Requests with a session cookie or an Authorization
 * header never touch it. The key holds the scheme, whether the client is a crawler and the path with its query, so
 * every kind of client gets what a render would give it (a closed duplicate redirects crawlers, cold or warm).
 * Concurrent misses of one page wait for one render; an expired or changed page is served (`x-cache: stale`) while
 * one request renders it again.
 *
 * Returns a handler that answers the request and returns true, or returns false for requests it does not take.
 */
export function cachedPages(options: CachedPagesOptions): (req: IncomingMessage, res: ServerResponse) => boolean {
  const { cache, render, write, now } = options;
  const rendering = new Map<string, Promise<void>>();
  const cacheControl = `public, max-age=0, s-maxage=${Math.max(1, Math.round(cache.ttlMs / 1000))}, stale-while-revalidate=${Math.round(cache.staleMs / 1000)}`;

  const serve = (req: IncomingMessage, res: ServerResponse, page: CachedPage, state: 'hit' | 'stale' | 'miss') => {
    const requestId = requestIdOf(req.headers['x-request-id']);
    if (matchesEtag(req.headers['if-none-match'], page.etag)) {
      const headers: string[] = [];
      for (let i = 0; i < page.headers.length; i += 2) if (!BODY_HEADERS.has(page.headers[i]!)) headers.push(page.headers[i]!, page.headers[i + 1]!);
      res.writeHead(304, [...headers, 'x-request-id', requestId, 'x-cache', state]);
      res.end();
      return;
    }
    res.writeHead(page.status, [...page.headers, 'x-request-id', requestId, 'x-cache', state]);
    res.end(req.method === 'HEAD' ? undefined : page.body);
  };

  /** Stores a page rendered to be shared and serves it. */
  const store = (req: IncomingMessage, res: ServerResponse, key: string, page: CacheablePage, started: number, rendered: Buffer, own: Iterable<[string, string]>) => {
    // A render giving the bytes stored already (a reload of a page that did not change) keeps them and their ETag.
    const previous = cache.peek(key);
    const unchanged = previous !== undefined && previous.body.equals(rendered);
    const body = unchanged ? previous.body : rendered;
    const etag = unchanged ? previous.etag : `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    const headers: string[] = [];
    let vary = 'Cookie';
    for (const [name, value] of own) {
      if (name === 'vary') vary = `${value}, Cookie`;
      else if (!PER_RESPONSE.has(name) && name !== 'cache-control') headers.push(name, value);
    }
    headers.push('cache-control', cacheControl, 'vary', vary, 'etag', etag, 'surrogate-key', page.tags.join(' '), 'content-length', String(body.length));
    const stored: CachedPage = { status: 200, headers, body, etag, tags: page.tags, storedAt: now() };
    cache.set(key, stored, started);
    serve(req, res, stored, 'miss');
  };

  const renderAndStore = async (req: IncomingMessage, res: ServerResponse, key: string, page: CacheablePage) => {
    const started = cache.renderStarted();
    let response: Response | RenderedPage;
    try {
      response = options.renderDirect?.(req) ?? (await render(req));
    } catch (error) {
      options.onError?.(error, req);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' }).end('Internal Server Error');
      return;
    }
    if (!(response instanceof Response)) {
      // A page rendered without Astro: HTML without cookies, shared unless its status is not 200 (a deleted thread's 410).
      if (response.status !== 200) return writeRenderedPage(response, req, res, ['x-cache', 'miss']);
      const own: [string, string][] = [];
      const security = securityHeadersOf(req);
      for (let i = 0; i < security.length; i += 2) own.push([security[i]!, security[i + 1]!]);
      return store(req, res, key, page, started, Buffer.from(response.body), [...own, ...response.headers]);
    }
    const type = response.headers.get('content-type') ?? '';
    const shared =
      response.status === 200 && type.startsWith('text/html') && !response.headers.has('set-cookie') && !/private|no-store/i.test(response.headers.get('cache-control') ?? '');
    if (!shared) {
      try {
        response.headers.set('x-cache', 'miss');
      } catch {
        // Response.redirect() headers are immutable
      }
      await write(response, res);
      return;
    }
    const rendered = await bodyOf(response);
    options.release(req);
    store(req, res, key, page, started, rendered, response.headers);
  };

  const answer = async (req: IncomingMessage, res: ServerResponse, key: string, page: CacheablePage, mayWait: boolean) => {
    if (mayWait) {
      const pending = rendering.get(key);
      if (pending) {
        // Concurrent misses of one page wait for one render; the page it stores serves them all.
        await pending;
        const found = cache.get(key, now());
        if (found) {
          serve(req, res, found.page, found.fresh ? 'hit' : 'stale');
          options.onHit?.(page, req);
          return;
        }
      }
    }
    const done = renderAndStore(req, res, key, page);
    if (!rendering.has(key)) {
      const settled = done.then(
        () => undefined,
        () => undefined,
      );
      rendering.set(key, settled);
      void settled.then(() => rendering.delete(key));
    }
    await done;
  };

  return (req, res) => {
    if (!cache.enabled || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const page = cacheablePage(q < 0 ? url : url.slice(0, q), q < 0 ? '' : url.slice(q + 1));
    if (!page || req.headers.authorization !== undefined || hasSessionCookie(req.headers.cookie)) return false;
    if (options.isPersonal?.(page, req)) return false;
    const key = `${(req.socket as TLSSocket).encrypted ? 's' : ''}${isBot(req.headers['user-agent']) ? 'b' : 'p'} ${url}`;
    const reload = NO_CACHE.test(req.headers['cache-control'] ?? '');
    const found = reload ? null : cache.get(key, now());
    if (found && (found.fresh || rendering.has(key))) {
      serve(req, res, found.page, found.fresh ? 'hit' : 'stale');
      options.onHit?.(page, req);
      return true;
    }
    answer(req, res, key, page, !reload).catch((error: unknown) => {
      options.onError?.(error, req);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' }).end('Internal Server Error');
      else res.destroy();
    });
    return true;
  };
}

/** A response's body as one Buffer, on the bytes read (`arrayBuffer()` copies them into a new buffer). */
async function bodyOf(response: Response): Promise<Buffer> {
  const chunks: Buffer[] = [];
  if (response.body) for await (const chunk of response.body) chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

/** RFC 9110 weak comparison of If-None-Match with an entity tag. */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  for (const candidate of ifNoneMatch.split(',')) {
    const tag = candidate.trim();
    if ((tag.startsWith('W/') ? tag.slice(2) : tag) === etag) return true;
  }
  return false;
}
