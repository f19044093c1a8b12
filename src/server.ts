/**
 * The server (built into dist/server/entry.mjs in place of @astrojs/node's standalone server, see astro.config.mjs):
 * built assets from memory, then the page cache, then the pages rendered without Astro (src/web/direct-pages.ts),
 * then Astro's pipeline. A page from the cache never enters Astro: that is what makes a cached page cost about what
 * Node needs to write its bytes.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { getHeapSpaceStatistics } from 'node:v8';
import { fileURLToPath } from 'node:url';
import { createApp } from 'astro/app/entrypoint';
import { createRequestFromNodeRequest, getAbortControllerCleanup, writeResponse } from 'astro/app/node';
import { THREAD_FORM_PATHS } from './components/community/thread-actions';
import { threadPageRenderer } from './components/community/thread-page';
import { leaderboardPageRenderer } from './components/reputation/leaderboard-page';
import { memberPageRenderer } from './components/reputation/member-page';
import { PROFILE_FORM_PATHS } from './components/reputation/profile-actions';
import { isBot } from './lib/bots';
import { threadViews } from './lib/community/record-view';
import { articleViews, publishedArticleId } from './lib/kb/articles';
import { hasVisitorVoted } from './lib/kb/feedback';
import { currentSessionActor } from './lib/auth/sessions';
import { appContext } from './lib/server/context';
import { statementCacheSize } from '../db/client';
import { searchWorkerHeaps } from '../search/worker-pool';
import { cachedPages } from './web/cached-pages';
import { visitorCookieOf } from './web/cookies';
import { directPages, stylesheetLinks, type PageRenderer } from './web/direct-pages';
import { refuseTunnel, screenRequest, type EdgeLocals } from './web/server-edge';
import { staticFiles } from './web/static-files';

/** @astrojs/node's default; the middleware refuses larger declared bodies itself. */
const BODY_SIZE_LIMIT = 1024 * 1024 * 1024;

const app = createApp({ streaming: false });
const ctx = appContext();
const { HOST: host, PORT: port, TRUST_PROXY: trustProxy } = ctx.config;
const requestOptions = { allowedDomains: app.getAllowedDomains?.() ?? [], bodySizeLimit: BODY_SIZE_LIMIT, port };

function render(req: IncomingMessage, locals?: EdgeLocals): Promise<Response> {
  const request = createRequestFromNodeRequest(req, requestOptions);
  return app.render(request, { addCookieHeader: true, routeData: app.match(request), locals });
}

/** Writes a rendered response; HTML without a cache policy of its own is for this reader only. */
async function write(response: Response, res: ServerResponse): Promise<void> {
  if (!response.headers.has('cache-control') && response.headers.get('content-type')?.startsWith('text/html')) {
    try {
      response.headers.set('cache-control', 'private, no-cache');
    } catch {
      // Response.redirect() headers are immutable (and a redirect has no HTML)
    }
  }
  await writeResponse(response, res);
}

function clientIpOf(req: IncomingMessage): string {
  const forwarded = trustProxy ? String(req.headers['x-forwarded-for'] ?? '').split(',')[0]?.trim() : '';
  return forwarded || req.socket.remoteAddress || 'unknown';
}

/** The pages rendered without Astro, for the requests they can answer as Astro would (see src/web/direct-pages.ts). */
const PAGE_RENDERERS: PageRenderer[] = [threadPageRenderer(ctx, THREAD_FORM_PATHS), memberPageRenderer(ctx, PROFILE_FORM_PATHS), leaderboardPageRenderer(ctx)];

const direct = directPages({
  renderers: PAGE_RENDERERS,
  stylesheetsOf: (route) => {
    const info = app.manifest.routes.find((r) => r.routeData.route === route);
    if (!info || info.scripts.length > 0 || info.links.length > 0) return null;
    return stylesheetLinks(info.styles as { type: string; src?: string }[], app.manifest.base, app.manifest.assetsPrefix);
  },
  sessionActor: (token, now) => currentSessionActor(ctx.db, token, now),
  clientIp: clientIpOf,
  trustsForwardedHeaders: requestOptions.allowedDomains.length > 0,
  now: ctx.now,
  onError: (err, req) => ctx.log.error({ err, url: req.url }, 'direct render failed; rendering through Astro'),
});

const serveStatic = staticFiles(fileURLToPath(new URL('../client/', import.meta.url)));
const servePage = cachedPages({
  cache: ctx.pageCache,
  render,
  renderDirect: direct.renderAnonymous,
  write,
  release: (req) => getAbortControllerCleanup(req)?.(),
  now: ctx.now,
  isPersonal: (page, req) => {
    if (page.kind !== 'article') return false;
    const visitorId = visitorCookieOf(req.headers.cookie);
    return visitorId !== null && hasVisitorVoted(ctx.db, page.locale, page.subject as string, visitorId);
  },
  onHit: (page, req) => {
    if (isBot(req.headers['user-agent'])) return;
    const viewer = { memberId: null, visitorId: visitorCookieOf(req.headers.cookie), ip: clientIpOf(req), userAgent: req.headers['user-agent'] ?? null };
    if (page.kind === 'thread') threadViews.recordView(ctx.db, page.subject as number, viewer, ctx.now());
    else if (page.kind === 'article') {
      const articleId = publishedArticleId(ctx.db, page.locale, page.subject as string);
      if (articleId !== null) articleViews.recordView(ctx.db, articleId, viewer, ctx.now());
    }
  },
  onError: (err, req) => ctx.log.error({ err, url: req.url }, 'page cache: render failed'),
});

async function serveAstro(req: IncomingMessage, res: ServerResponse, locals?: EdgeLocals): Promise<void> {
  try {
    await write(await render(req, locals), res);
  } catch (err) {
    ctx.log.error({ err, url: req.url }, 'render failed');
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' }).end('Internal Server Error');
    else res.destroy();
  }
}

/**
 * Where every request is first seen: the edge's refusals (src/web/server-edge.ts), then built assets, then the page
 * cache (which renders anonymous readers' pages without Astro when it can), then the other pages rendered without
 * Astro (members' pages), then Astro. A target with malformed percent-encoding goes straight to Astro, which answers 400.
 */
function handle(req: IncomingMessage, res: ServerResponse): void {
  const edge = screenRequest(req, res);
  if (!edge) return;
  if (edge.malformedUrl) return void serveAstro(req, res, edge);
  if (serveStatic(req, res) || servePage(req, res) || direct.serve(req, res)) return;
  void serveAstro(req, res);
}

const server = createServer(handle);
server.on('connect', refuseTunnel);

const sweep = setInterval(() => ctx.pageCache.sweep(ctx.now()), Math.max(1000, ctx.pageCache.ttlMs + ctx.pageCache.staleMs));
sweep.unref();

// The bound port, not the configured one: PORT=0 lets the system pick a free port (the disk-full spec's own server).
server.listen(port, host, () => {
  const bound = server.address();
  console.log(`Server listening on http://${host}:${typeof bound === 'object' && bound ? bound.port : port}`);
});

/** `kill -USR2 <pid>`: one line on stderr saying what holds the server's memory. */
process.on('SIGUSR2', async () => {
  const mb = (n: number) => Math.round(n / 1048576);
  const m = process.memoryUsage();
  const workers = await searchWorkerHeaps();
  const statements = statementCacheSize(ctx.db.$client);
  const spaces = getHeapSpaceStatistics()
    .filter((s) => s.space_size >= 1048576)
    .map((s) => `${s.space_name.replace('_space', '')} ${mb(s.space_used_size)}/${mb(s.space_size)}`)
    .join(', ');
  console.error(
    `memory: rss ${mb(m.rss)} MB, heap ${mb(m.heapUsed)}/${mb(m.heapTotal)} MB (${spaces}), external ${mb(m.external)} MB; ` +
      `page cache ${ctx.pageCache.size} pages, ${mb(ctx.pageCache.bytes)} MB; views remembered: threads ${threadViews.tracked}, articles ${articleViews.tracked}; ` +
      `statements ${statements.statements} (${Math.round(statements.sqlChars / 1000)}k characters of SQL); search workers ${workers.workers} (${workers.started} started in all, ${workers.recycled} recycled), heaps ${mb(workers.used)}/${mb(workers.total)} MB`,
  );
});

/** Views counted and deflection events queued in memory are written before the process ends. */
function shutdown(): void {
  server.close();
  try {
    threadViews.flush(ctx.db, ctx.now());
    articleViews.flush(ctx.db, ctx.now());
    ctx.deflection.flush();
  } finally {
    process.exit(0);
  }
}
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
