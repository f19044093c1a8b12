import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PageCache } from '../../../src/lib/server/page-cache';
import { cachedPages } from '../../../src/web/cached-pages';

const PERSON = 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0';
const CRAWLER = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
const THREAD = '/es/questions/7/router-sin-wifi';
const DUPLICATE = '/es/questions/8/router-sin-red';

/**
 * The page cache in a real node:http server, in front of a stand-in for Astro's render path that answers like the
 * site does: thread 8 is a closed duplicate (crawlers get 301), a session cookie gets a member's page.
 */
describe('the page cache in front of the render path', () => {
  let server: Server;
  let base: string;
  let now: number;
  let renders: string[];
  let version: number;
  let delayMs: number;
  /** While set, renders wait for it: a render in progress, however slow the machine. */
  let gate: Promise<void> | null;
  let personal: boolean;
  let cache: PageCache;

  const render = async (req: IncomingMessage): Promise<Response> => {
    renders.push(`${req.method} ${req.url} ${req.headers['user-agent'] ?? ''}`);
    if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
    if (gate) await gate;
    const security = { 'content-security-policy': "default-src 'self'", 'x-frame-options': 'DENY', 'x-request-id': String(req.headers['x-request-id'] ?? 'rendered') };
    const bot = /bot/i.test(req.headers['user-agent'] ?? '');
    if (req.url === DUPLICATE && bot) return new Response(null, { status: 301, headers: { ...security, location: THREAD, vary: 'User-Agent' } });
    if (req.url?.startsWith('/es/questions/404/')) return new Response('<h1>404</h1>', { status: 404, headers: { ...security, 'content-type': 'text/html' } });
    const member = /session=/.test(req.headers.cookie ?? '');
    const headers: Record<string, string> = { ...security, 'content-type': 'text/html' };
    if (req.url === DUPLICATE) headers.vary = 'User-Agent';
    return new Response(`<h1>${req.url} v${version}${member ? ' — signed in as Lucía' : ''}</h1>`, { status: 200, headers });
  };

  beforeEach(async () => {
    now = 1_000_000;
    renders = [];
    version = 1;
    delayMs = 0;
    gate = null;
    personal = false;
    cache = new PageCache({ ttlMs: 10_000, staleMs: 30_000, changeDelayMs: 1000 });
    const handle = cachedPages({
      cache,
      render,
      write: async (response, res) => {
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      },
      release: () => {},
      now: () => now,
      isPersonal: () => personal,
    });
    server = createServer(async (req, res) => {
      if (handle(req, res)) return;
      const response = await render(req);
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(() => new Promise<void>((r) => server.close(() => r())));

  const get = async (path: string, headers: Record<string, string> = {}, method = 'GET') => {
    const res = await fetch(base + path, { method, headers: { 'user-agent': PERSON, ...headers }, redirect: 'manual' });
    const all = Object.fromEntries(res.headers);
    const { date: _date, 'x-request-id': _id, 'x-cache': _cache, 'keep-alive': _k, connection: _c, ...rest } = all;
    return { status: res.status, body: await res.text(), cache: all['x-cache'], requestId: all['x-request-id'], headers: rest };
  };

  it('answers a hit with the status, headers and body of the render it stored, and a request id of its own', async () => {
    const miss = await get(THREAD, { 'x-request-id': 'first' });
    const hit = await get(THREAD, { 'x-request-id': 'second' });
    expect([miss.cache, hit.cache]).toEqual(['miss', 'hit']);
    expect(hit.status).toBe(miss.status);
    expect(hit.headers).toEqual(miss.headers);
    expect(hit.body).toBe(miss.body);
    expect([miss.requestId, hit.requestId]).toEqual(['first', 'second']);
    expect(renders).toHaveLength(1);
    expect(miss.headers).toMatchObject({
      'cache-control': 'public, max-age=0, s-maxage=10, stale-while-revalidate=30',
      vary: 'Cookie',
      'surrogate-key': 'question:7',
      'content-security-policy': "default-src 'self'",
      'content-length': String(Buffer.byteLength(miss.body)),
    });
    expect(miss.headers.etag).toMatch(/^"[\w-]{27}"$/);
  });

  it('gives crawlers and people what a render gives them, cold or warm: a closed duplicate redirects crawlers', async () => {
    const coldCrawler = await get(DUPLICATE, { 'user-agent': CRAWLER });
    const person = await get(DUPLICATE);
    const warmCrawler = await get(DUPLICATE, { 'user-agent': CRAWLER });
    const warmPerson = await get(DUPLICATE);
    expect([coldCrawler.status, coldCrawler.headers.location]).toEqual([301, THREAD]);
    expect(warmCrawler.status).toBe(301);
    expect(warmCrawler.headers).toEqual(coldCrawler.headers);
    expect([person.status, warmPerson.status, warmPerson.cache]).toEqual([200, 200, 'hit']);
    expect(warmPerson.headers).toEqual(person.headers);
    expect(person.headers.vary).toBe('User-Agent, Cookie');
    // Crawlers of an ordinary thread get the page, from their own entry.
    expect((await get(THREAD, { 'user-agent': CRAWLER })).status).toBe(200);
    expect((await get(THREAD, { 'user-agent': CRAWLER })).cache).toBe('hit');
  });

  it('never gives a signed-in member (session cookie or token) a shared page, nor stores theirs', async () => {
    await get(THREAD);
    const member = await get(THREAD, { cookie: 'vid=abcdefghijklmnopqrst; session=member-token' });
    const tokenUser = await get(THREAD, { authorization: 'Bearer rsv_token' });
    expect(member.body).toContain('signed in as Lucía');
    expect([member.cache, tokenUser.cache]).toEqual([undefined, undefined]);
    expect(member.headers['cache-control']).toBeUndefined();
    // The anonymous page in the cache is still the anonymous one.
    const anonymous = await get(THREAD, { cookie: 'vid=abcdefghijklmnopqrst' });
    expect([anonymous.cache, anonymous.body.includes('signed in')]).toEqual(['hit', false]);
  });

  it('answers If-None-Match with 304 from the cache and after a render alike', async () => {
    const first = await get(THREAD);
    // (fetch() sends no-cache with a conditional request unless told otherwise; browsers revalidate with max-age=0.)
    const warm = await get(THREAD, { 'if-none-match': first.headers.etag!, 'cache-control': 'max-age=0' });
    expect([warm.status, warm.cache, warm.body]).toEqual([304, 'hit', '']);
    expect(warm.headers.etag).toBe(first.headers.etag);
    expect(warm.headers['cache-control']).toBe(first.headers['cache-control']);
    const rendered = await get(THREAD, { 'if-none-match': `W/${first.headers.etag}, "other"`, 'cache-control': 'no-cache' });
    expect([rendered.status, rendered.cache]).toEqual([304, 'miss']);
    version = 2;
    const changed = await get(THREAD, { 'if-none-match': first.headers.etag!, 'cache-control': 'no-cache' });
    expect([changed.status, changed.body]).toEqual([200, `<h1>${THREAD} v2</h1>`]);
  });

  it('keeps the stored bytes and ETag when a reload renders the same page, and replaces them when it changed', async () => {
    const first = await get(THREAD);
    const stored = cache.peek(`p ${THREAD}`)!;
    const reload = await get(THREAD, { 'cache-control': 'no-cache' });
    expect([reload.cache, reload.body, reload.headers.etag]).toEqual(['miss', first.body, first.headers.etag]);
    expect(cache.peek(`p ${THREAD}`)!.body).toBe(stored.body);
    version = 2;
    const changed = await get(THREAD, { 'cache-control': 'no-cache' });
    expect(changed.body).toBe(`<h1>${THREAD} v2</h1>`);
    expect(changed.headers.etag).not.toBe(first.headers.etag);
    expect(cache.peek(`p ${THREAD}`)!.body.toString()).toBe(changed.body);
  });

  it('renders a cold page once for many concurrent readers', async () => {
    delayMs = 50;
    const results = await Promise.all(Array.from({ length: 20 }, () => get(THREAD)));
    expect(renders).toHaveLength(1);
    expect(new Set(results.map((r) => r.body)).size).toBe(1);
    expect(results.filter((r) => r.cache === 'miss')).toHaveLength(1);
  });

  it('serves an expired page while one reader renders it again, then the new one', async () => {
    await get(THREAD);
    now += 11_000;
    version = 2;
    let open = () => {};
    gate = new Promise((r) => (open = r));
    const renewing = get(THREAD);
    while (renders.length < 2) await new Promise((r) => setTimeout(r, 5));
    const meanwhile = await get(THREAD);
    expect([meanwhile.cache, meanwhile.body]).toEqual(['stale', `<h1>${THREAD} v1</h1>`]);
    open();
    expect((await renewing).body).toBe(`<h1>${THREAD} v2</h1>`);
    expect((await get(THREAD)).body).toBe(`<h1>${THREAD} v2</h1>`);
    expect(renders).toHaveLength(2);
  });

  it('renders a changed page again once the change delay has passed, however often it changes', async () => {
    await get(THREAD);
    for (let i = 0; i < 50; i++) {
      version++;
      cache.invalidate(['question:7']);
      now += 100;
      await get(THREAD);
    }
    // 5 s of a change every 100 ms: a render at most once a second, each showing the latest version then.
    expect(renders.length).toBeLessThanOrEqual(6);
    now += 1000;
    expect((await get(THREAD)).body).toBe(`<h1>${THREAD} v${version}</h1>`);
  });

  it('keeps out what is not one shared page: errors, HEAD served from a stored GET, personal pages, reloads', async () => {
    await get('/es/questions/404/nada');
    const again = await get('/es/questions/404/nada');
    expect([again.status, again.cache]).toEqual([404, 'miss']);
    await get(THREAD);
    const head = await get(THREAD, {}, 'HEAD');
    expect([head.status, head.cache, head.body, head.headers['content-length']]).toEqual([200, 'hit', '', String(Buffer.byteLength(`<h1>${THREAD} v1</h1>`))]);
    personal = true;
    expect((await get(THREAD)).cache).toBeUndefined();
    personal = false;
    version = 3;
    const reload = await get(THREAD, { 'cache-control': 'no-cache' });
    expect([reload.cache, reload.body]).toEqual(['miss', `<h1>${THREAD} v3</h1>`]);
    expect((await get(THREAD)).body).toBe(`<h1>${THREAD} v3</h1>`);
    expect(renders.filter((r) => r.startsWith('GET /es/questions/404'))).toHaveLength(2);
  });
});

describe('the page cache with pages rendered without Astro', () => {
  let server: Server;
  let base: string;
  let astroRenders: number;
  let directRenders: number;

  beforeEach(async () => {
    astroRenders = 0;
    directRenders = 0;
    const handle = cachedPages({
      cache: new PageCache({ ttlMs: 10_000, staleMs: 30_000, changeDelayMs: 1000 }),
      render: async () => {
        astroRenders++;
        return new Response('<h1>astro</h1>', { status: 200, headers: { 'content-type': 'text/html' } });
      },
      renderDirect: (req) => {
        if (req.url === THREAD) return directRenders++, { status: 200, headers: [['content-type', 'text/html']], body: '<h1>directo — ✓</h1>' };
        if (req.url === DUPLICATE) return directRenders++, { status: 410, headers: [['content-type', 'text/html']], body: '<h1>borrada</h1>' };
        return null;
      },
      write: async (response, res) => {
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      },
      release: () => {},
      now: () => 1_000_000,
    });
    server = createServer((req, res) => void handle(req, res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(() => new Promise<void>((r) => server.close(() => r())));

  it('stores and serves a direct page as it does a render: same headers on a miss and a hit, security headers, ETag and 304', async () => {
    const first = await fetch(base + THREAD, { headers: { 'user-agent': PERSON } });
    const second = await fetch(base + THREAD, { headers: { 'user-agent': PERSON } });
    expect([first.headers.get('x-cache'), second.headers.get('x-cache')]).toEqual(['miss', 'hit']);
    expect(await first.text()).toBe('<h1>directo — ✓</h1>');
    expect(await second.text()).toBe('<h1>directo — ✓</h1>');
    const headersOf = (res: Response) => [...res.headers].filter(([name]) => !['date', 'x-request-id', 'x-cache', 'keep-alive', 'connection'].includes(name));
    expect(headersOf(second)).toEqual(headersOf(first));
    expect(first.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(first.headers.get('cache-control')).toMatch(/^public, max-age=0, s-maxage=10/);
    expect(first.headers.get('content-length')).toBe(String(Buffer.byteLength('<h1>directo — ✓</h1>')));
    expect([directRenders, astroRenders]).toEqual([1, 0]);
    // fetch sends If-None-Match with `cache-control: no-cache`: the page is rendered again, the same bytes keep the ETag.
    const etag = first.headers.get('etag')!;
    expect((await fetch(base + THREAD, { headers: { 'user-agent': PERSON, 'if-none-match': etag } })).status).toBe(304);
    expect([directRenders, astroRenders]).toEqual([2, 0]);
  });

  it('writes a direct page that is not 200 for this reader only, and leaves what it does not render to Astro', async () => {
    const gone = await fetch(base + DUPLICATE, { headers: { 'user-agent': PERSON } });
    expect(gone.status).toBe(410);
    expect(gone.headers.get('cache-control')).toBe('private, no-cache');
    expect(gone.headers.get('x-cache')).toBe('miss');
    expect(gone.headers.get('x-frame-options')).toBe('DENY');
    await fetch(base + DUPLICATE, { headers: { 'user-agent': PERSON } });
    expect(directRenders).toBe(2);
    expect(await (await fetch(`${base}/es/questions/9/otra`, { headers: { 'user-agent': PERSON } })).text()).toBe('<h1>astro</h1>');
    expect(astroRenders).toBe(1);
  });
});
