import { expect, test, type APIResponse } from '@playwright/test';
import { BASE_URL, tokenFor } from './helpers';

const PERSON = 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0';
const CRAWLER = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

/** The headers that describe the page: all but the per-response ones. */
function pageHeaders(res: APIResponse): Record<string, string> {
  const { date: _d, 'x-request-id': _r, 'x-cache': _c, connection: _k, 'keep-alive': _a, ...rest } = res.headers();
  return rest;
}

test('a closed duplicate redirects crawlers whether or not a person just read it; people get the cached page', async ({ playwright }) => {
  const asker = await tokenFor(await playwright.request.newContext({ baseURL: BASE_URL }), 'priya@resuelve.test');
  const moderator = await tokenFor(await playwright.request.newContext({ baseURL: BASE_URL }), 'moderator@resuelve.test');
  const api = await playwright.request.newContext({ baseURL: BASE_URL });
  const ask = async (title: string) =>
    (await (await api.post('/api/v1/questions', { headers: { authorization: `Bearer ${asker}` }, data: { title, body: 'The router loses its Wi-Fi name after every power cut.', category: 'devices', locale: 'en' } })).json()) as { id: number; url: string };
  const original = await ask(`Router forgets its Wi-Fi name ${Date.now() % 100000}`);
  const duplicate = await ask(`Router loses the Wi-Fi name ${Date.now() % 100000}`);
  const closed = await api.post(`/api/v1/questions/${duplicate.id}/moderation`, { headers: { authorization: `Bearer ${moderator}` }, data: { action: 'close', duplicateOf: original.id } });
  expect(closed.status()).toBe(200);
  const path = new URL(duplicate.url).pathname;
  const crawler = await playwright.request.newContext({ baseURL: BASE_URL, userAgent: CRAWLER });
  const person = await playwright.request.newContext({ baseURL: BASE_URL, userAgent: PERSON });

  const coldCrawler = await crawler.get(path, { maxRedirects: 0 });
  const coldPerson = await person.get(path);
  const warmPerson = await person.get(path);
  const warmCrawler = await crawler.get(path, { maxRedirects: 0 });
  expect([coldCrawler.status(), new URL(coldCrawler.headers().location!, BASE_URL).pathname]).toEqual([301, new URL(original.url).pathname]);
  expect([warmCrawler.status(), pageHeaders(warmCrawler)]).toEqual([301, pageHeaders(coldCrawler)]);
  expect([coldPerson.status(), coldPerson.headers()['x-cache'], warmPerson.headers()['x-cache']]).toEqual([200, 'miss', 'hit']);
  expect(pageHeaders(warmPerson)).toEqual(pageHeaders(coldPerson));
  expect(await warmPerson.text()).toBe(await coldPerson.text());
  // A CDN must keep crawlers and people apart on this page too.
  expect([coldPerson.headers().vary, coldCrawler.headers().vary]).toEqual(['User-Agent, Cookie', 'User-Agent']);
});

test('threads, articles, question lists and home pages come from the cache with the headers of a render, and ETags', async ({ request }) => {
  for (const path of ['/es/', '/en/kb', '/es/kb/restablecer-contrasena', '/en/questions?filter=unanswered', '/es/questions']) {
    const first = await request.get(path, { headers: { 'cache-control': 'no-cache' } });
    const second = await request.get(path);
    expect([path, first.status(), first.headers()['x-cache'], second.headers()['x-cache']]).toEqual([path, 200, 'miss', 'hit']);
    expect(pageHeaders(second)).toEqual(pageHeaders(first));
    expect(second.headers()['cache-control']).toMatch(/^public, max-age=0, s-maxage=\d+, stale-while-revalidate=\d+$/);
    expect(second.headers()['content-security-policy']).toContain("default-src 'self'");
    const revalidated = await request.get(path, { headers: { 'if-none-match': second.headers().etag!, 'cache-control': 'max-age=0' } });
    expect(revalidated.status()).toBe(304);
  }
  // Built assets are served from memory and never change under their hashed names.
  const html = await (await request.get('/es/')).text();
  const css = /href="(\/_astro\/[^"]+\.css)"/.exec(html)![1]!;
  const asset = await request.get(css);
  expect([asset.status(), asset.headers()['cache-control'], asset.headers()['content-type']]).toEqual([200, 'public, max-age=31536000, immutable', 'text/css; charset=utf-8']);
});

test('a signed-in member never gets the shared page, and their page is never shared', async ({ page, request }) => {
  const path = '/es/kb/restablecer-contrasena';
  await request.get(path);
  expect((await request.get(path)).headers()['x-cache']).toBe('hit');
  await page.goto('/es/signin');
  await page.getByLabel('Correo electrónico').fill('lucia@resuelve.test');
  await page.getByLabel('Contraseña', { exact: true }).fill('resuelve-demo');
  await page.locator('main').getByRole('button', { name: 'Iniciar sesión' }).click();
  await expect(page.getByRole('button', { name: 'Cerrar sesión' })).toBeVisible();
  const own = await page.request.get(path);
  expect([own.headers()['x-cache'], own.headers()['cache-control']]).toEqual([undefined, 'private, no-cache']);
  expect(await own.text()).toContain('Cerrar sesión');
  const anonymous = await request.get(path);
  expect(anonymous.headers()['x-cache']).toBe('hit');
  expect(await anonymous.text()).not.toContain('Cerrar sesión');
});

test('an anonymous reader who voted on an article gets their own page; others keep the shared one', async ({ playwright, request }) => {
  const path = '/en/kb/reset-your-password';
  const voter = await playwright.request.newContext({ baseURL: BASE_URL, userAgent: PERSON });
  const before = await voter.get(path);
  expect(before.status()).toBe(200);
  // its own address: earlier specs already cast this address's 3 new votes a day on this article
  const vote = await voter.post(`${path}?_action=kb.feedback`, { form: { articleId: /name="articleId" value="(\d+)"/.exec(await before.text())![1]!, helpful: 'yes' }, headers: { origin: BASE_URL, 'x-forwarded-for': '198.51.100.75' }, maxRedirects: 0 });
  expect(vote.status()).toBe(303);
  const mine = await voter.get(path);
  expect([mine.headers()['x-cache'], mine.headers()['cache-control']]).toEqual([undefined, 'private, no-cache']);
  expect(await mine.text()).toContain('You found this article helpful.');
  await request.get(path);
  const shared = await request.get(path);
  expect(shared.headers()['x-cache']).toBe('hit');
  expect(await shared.text()).not.toContain('You found this article helpful.');
});
