import { readdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { BASE_URL, tokenFor } from './helpers';

test('security headers on pages and API responses', async ({ request }) => {
  for (const path of ['/es/', '/api/v1/search?q=router', '/es/no-such-page']) {
    const res = await request.get(path);
    const h = res.headers();
    expect(h['content-security-policy'], path).toContain("script-src 'self'");
    expect(h['content-security-policy']).not.toContain('unsafe-inline');
    expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['referrer-policy']).toBe('strict-origin-when-cross-origin');
  }
});

test('pages have no inline scripts or styles (CSP without unsafe-inline)', async ({ request }) => {
  for (const path of ['/es/', '/en/questions', '/es/signin', '/es/questions/1/x']) {
    const res = await request.get(path);
    const html = await res.text();
    expect(html, path).not.toMatch(/<script(?![^>]*\bsrc=)(?![^>]*application\/ld\+json)[^>]*>/);
    expect(html, path).not.toMatch(/<style[\s>]/);
    expect(html, path).not.toMatch(/\sstyle="/);
  }
});

test('cross-origin state-changing requests are rejected with 403', async ({ request }) => {
  const form = await request.post('/es/signin?_action=auth.signIn', { form: { email: 'a@b.co', password: 'x' }, headers: { origin: 'https://evil.example' } });
  expect(form.status()).toBe(403);
  const api = await request.post('/api/v1/questions', { data: { title: 'x' }, headers: { origin: 'https://evil.example', cookie: 'session=abc' } });
  expect(api.status()).toBe(403);
  expect(api.headers()['content-type']).toContain('application/problem+json');
});

test('Accept-Language picks the locale at /', async ({ request }) => {
  const en = await request.get('/', { headers: { 'accept-language': 'en-US,en;q=0.9' }, maxRedirects: 0 });
  expect(en.status()).toBe(302);
  expect(en.headers().location).toBe('/en/');
  const es = await request.get('/', { headers: { 'accept-language': 'es-AR,es;q=0.9,en;q=0.5' }, maxRedirects: 0 });
  expect(es.headers().location).toBe('/es/');
});

test('friendly 404 page in the right language; unknown locale is 404', async ({ request }) => {
  const es = await request.get('/es/nada-por-aqui');
  expect(es.status()).toBe(404);
  expect(await es.text()).toContain('Página no encontrada');
  const en = await request.get('/en/nothing-here');
  expect(await en.text()).toContain('Page not found');
  expect((await request.get('/fr/questions')).status()).toBe(404);
  // pages that answer 404 themselves (unknown article, thread, flow step) keep the URL's language, whatever the browser's
  for (const [path, lang, title, accept] of [
    ['/en/kb/nope', 'en', 'Page not found', 'es-ES,es;q=0.9'],
    ['/en/questions/99999999', 'en', 'Page not found', 'es'],
    ['/es/kb/nope', 'es', 'Página no encontrada', 'en-US,en;q=0.9'],
    ['/es/flows/sin-internet/nope', 'es', 'Página no encontrada', 'en'],
  ]) {
    const res = await request.get(path!, { headers: { 'accept-language': accept! } });
    expect(res.status(), path).toBe(404);
    const html = await res.text();
    expect(html, path).toContain(`<html lang="${lang}"`);
    expect(html, path).toContain(title!);
  }
});

test('hreflang alternates and canonical on the home page', async ({ request }) => {
  const html = await (await request.get('/en/')).text();
  expect(html).toContain(`<link rel="canonical" href="${BASE_URL}/en/">`);
  expect(html).toContain(`hreflang="es" href="${BASE_URL}/es/"`);
  expect(html).toContain(`hreflang="en" href="${BASE_URL}/en/"`);
});

test('health and readiness', async ({ request }) => {
  expect(await (await request.get('/healthz')).json()).toEqual({ status: 'ok' });
  const ready = await request.get('/readyz');
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toMatchObject({ status: 'ready', checks: { database: true, migrations: true, search: true } });
});

test('OpenAPI 3.1 document covers every API route file', async ({ request }) => {
  const doc = await (await request.get('/api/v1/openapi.json')).json();
  expect(doc.openapi).toBe('3.1.0');
  const routes = readdirSync('src/pages/api/v1', { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('openapi.json.ts'))
    .map((f) => `/${f.replace(/\\/g, '/').replace(/(\/index)?\.ts$/, '').replace(/\[(\w+)\]/g, '{$1}')}`)
    .sort();
  expect(routes.length).toBeGreaterThanOrEqual(7);
  for (const route of routes) expect(Object.keys(doc.paths), route).toContain(route);
  expect(Object.keys(doc.paths['/questions'])).toEqual(expect.arrayContaining(['get', 'post']));
  expect(doc.paths['/questions'].post.requestBody.content['application/json'].schema.properties.title.maxLength).toBe(150);
});

test('API: ask, answer and accept with Bearer tokens; problem+json on bad input', async ({ playwright }) => {
  const asker = await playwright.request.newContext({ baseURL: BASE_URL });
  const helper = await playwright.request.newContext({ baseURL: BASE_URL });
  const askerToken = await tokenFor(asker, 'valentina@resuelve.test');
  const helperToken = await tokenFor(helper, 'priya@resuelve.test');
  const api = await playwright.request.newContext({ baseURL: BASE_URL });
  const auth = (t: string) => ({ authorization: `Bearer ${t}` });

  const question = { title: 'API question about the fibre router lights', body: 'The red light blinks twice then stays on. What does it mean?', category: 'internet', tags: ['router'], locale: 'en' };
  const created = await api.post('/api/v1/questions', { data: question, headers: auth(askerToken) });
  expect(created.status()).toBe(201);
  const q = await created.json();
  expect(q).toMatchObject({ title: question.title, locale: 'en', tags: ['router'], solved: false, answers: [] });
  // the same submit again returns the first question
  const again = await api.post('/api/v1/questions', { data: question, headers: auth(askerToken) });
  expect(again.status()).toBe(200);
  expect((await again.json()).id).toBe(q.id);

  const answer = await api.post(`/api/v1/questions/${q.id}/answers`, { data: { body: 'Two red blinks mean the fibre signal is lost; check the green cable.' }, headers: auth(helperToken) });
  expect(answer.status()).toBe(201);
  const a = await answer.json();
  expect((await api.post(`/api/v1/answers/${a.id}/accept`, { headers: auth(helperToken) })).status()).toBe(403);
  const accepted = await api.post(`/api/v1/answers/${a.id}/accept`, { headers: auth(askerToken) });
  expect(await accepted.json()).toEqual({ questionId: q.id, acceptedAnswerId: a.id });
  const thread = await (await api.get(`/api/v1/questions/${q.id}`)).json();
  expect(thread).toMatchObject({ solved: true, acceptedAnswerId: a.id });

  const noAuth = await api.post('/api/v1/questions', { data: question });
  expect(noAuth.status()).toBe(401);
  expect(noAuth.headers()['content-type']).toContain('application/problem+json');
  expect((await api.post('/api/v1/questions', { data: question, headers: { authorization: 'Bearer rsv_nope' } })).status()).toBe(401);

  const bad = await api.post('/api/v1/questions', { data: { title: 42, body: '', category: 'nope' }, headers: auth(askerToken) });
  expect(bad.status()).toBe(400);
  const problem = await bad.json();
  expect(problem.errors.title.code).toBe('field.required');
  expect(problem.errors.body.code).toBe('field.required');
  const unknownCategory = await api.post('/api/v1/questions', { data: { ...question, title: 'A different title for the category check', category: 'nope' }, headers: auth(askerToken) });
  expect((await unknownCategory.json()).errors.category.code).toBe('field.unknownCategory');

  const malformed = await api.post('/api/v1/questions', { data: '{"title": ', headers: { ...auth(askerToken), 'content-type': 'application/json' } });
  expect(malformed.status()).toBe(400);
  const huge = await api.post('/api/v1/questions', { data: JSON.stringify({ title: 'x', body: 'y'.repeat(1_100_000) }), headers: { ...auth(askerToken), 'content-type': 'application/json' } });
  expect(huge.status()).toBe(413);
  const notJson = await api.post('/api/v1/questions', { data: 'title=x', headers: { ...auth(askerToken), 'content-type': 'text/plain' } });
  expect(notJson.status()).toBe(415);
  expect((await api.get('/api/v1/questions/0')).status()).toBe(400);
  expect((await api.get('/api/v1/questions/99999999')).status()).toBe(404);
  expect((await api.get('/api/v1/nope')).headers()['content-type']).toContain('application/problem+json');
});

test('API search and suggest treat hostile queries as text', async ({ request }) => {
  for (const q of ['"', 'NEAR(router', "' OR 1=1 --", '🔥🔥', 'x'.repeat(10_000), '']) {
    const res = await request.get(`/api/v1/search?q=${encodeURIComponent(q)}`);
    expect(res.status(), q.slice(0, 10)).toBe(200);
    const body = await res.json();
    expect(Array.isArray(body.hits)).toBe(true);
  }
  const found = await (await request.get('/api/v1/search?q=router&limit=5')).json();
  expect(found.total).toBeGreaterThan(0);
  expect(found.hits.length).toBeLessThanOrEqual(5);
  expect(found.facets.type).toBeTruthy();
  expect((await request.get('/api/v1/search?q=x&limit=1000')).status()).toBe(400);
  const suggest = await (await request.get('/api/v1/suggest?q=factura&locale=es')).json();
  expect(suggest.suggestions.length).toBeGreaterThan(0);
});

test('sign-in is throttled per account with 429 and Retry-After', async ({ request }) => {
  const headers = { origin: BASE_URL };
  let last = 0;
  let retryAfter: string | undefined;
  for (let i = 0; i < 6; i++) {
    const res = await request.post('/en/signin?_action=auth.signIn', { form: { email: 'throttle-probe@example.test', password: 'wrong password' }, headers });
    last = res.status();
    retryAfter = res.headers()['retry-after'];
  }
  expect(last).toBe(429);
  expect(Number(retryAfter)).toBeGreaterThan(0);
});

test('anonymous thread pages come from a microcache that a change to the thread drops', async ({ playwright, request }) => {
  const member = await playwright.request.newContext({ baseURL: BASE_URL });
  const token = await tokenFor(member, 'john@resuelve.test');
  const auth = { authorization: `Bearer ${token}` };
  const created = await (await request.post('/api/v1/questions', { headers: auth, data: { title: 'Microcache check: does the router keep its settings?', body: 'After a power cut the router forgot my Wi-Fi name. Is that normal?', category: 'devices', locale: 'en' } })).json();
  const path = new URL(created.url).pathname;
  const first = await request.get(path);
  expect(first.headers()['x-cache']).toBe('miss');
  const second = await request.get(path);
  expect(second.headers()['x-cache']).toBe('hit');
  expect(await second.text()).toBe(await first.text());
  const fresh = await request.get(path, { headers: { 'cache-control': 'no-cache' } });
  expect(fresh.headers()['x-cache']).toBe('miss');

  const other = await playwright.request.newContext({ baseURL: BASE_URL });
  const otherToken = await tokenFor(other, 'priya@resuelve.test');
  await request.post(`/api/v1/questions/${created.id}/answers`, { headers: { authorization: `Bearer ${otherToken}` }, data: { body: 'Yes if it was reset to factory settings by the surge; restore your backup from the app.' } });
  await expect(async () => {
    expect(await (await request.get(path)).text()).toContain('restore your backup from the app');
  }).toPass({ timeout: 5000 });
  // signed-in members always get a fresh render
  const signedIn = await member.get(path);
  expect(signedIn.headers()['x-cache']).toBeUndefined();
});
