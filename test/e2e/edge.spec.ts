// Regressions at the HTTP edge, each as it was found: percent-encoding, the sign-in `next`, protocol-relative links,
// control characters through the forms, and feeds and sitemaps read by a real XML parser.
import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { BASE_URL, DEMO_PASSWORD, tokenFor } from './helpers';

const DB_PATH = process.env.E2E_DATABASE_PATH ?? `test-results/e2e-${process.env.E2E_PORT ?? 4399}.db`;
const ORIGIN = { origin: BASE_URL };
const unique = Date.now() % 1_000_000;
// eslint-disable-next-line no-control-regex -- what a page must never carry
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

test('malformed percent-encoding: 400 problem+json under /api, the 400 page in the URL’s language elsewhere', async ({ request }) => {
  for (const path of ['/api/v1/search?q=%E0%A4%A', '/api/v1/questions/%ZZ', '/api/v1/no-such-route/%C0%AF']) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(400);
    expect(res.headers()['content-type'], path).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({ status: 400, detail: 'The URL has malformed percent-encoding.' });
  }
  for (const [path, lang, title] of [
    ['/es/questions/%E0%A4%A', 'es', 'Dirección no válida'],
    ['/en/search?q=100%', 'en', 'Address not valid'],
    ['/en/kb/%ZZ', 'en', 'Address not valid'],
  ] as const) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(400);
    const html = await res.text();
    expect(html, path).toContain(`<html lang="${lang}"`);
    expect(html, path).toContain(title);
    expect(res.headers()['content-security-policy'], path).toContain("default-src 'self'");
  }
  const form = await request.post('/en/signin?_action=auth.signIn&next=%ZZ', { form: { email: 'tom@resuelve.test', password: DEMO_PASSWORD }, headers: ORIGIN, maxRedirects: 0 });
  expect(form.status()).toBe(400);
});

test('next after sign-in: only a path of this site, always a valid Location; every sign-in gets its cookie', async ({ playwright }) => {
  const db = new Database(DB_PATH, { readonly: true });
  const sessionsOf = (email: string) => (db.prepare('select count(*) as n from sessions s join users u on u.id = s.user_id where u.email = ?').get(email) as { n: number }).n;
  const cases: [next: string, location: string][] = [
    ['%E2%82%AC', '/en/'],
    ['%2F%E2%82%AC', '/%E2%82%AC'],
    ['%2F%0A%2Fx', '/en/'],
    ['%2F%0D%0ASet-Cookie:%20x=1', '/en/'],
    ['%2F%09%2Fevil.example', '/en/'],
    ['%2F%2Fevil.example', '/en/'],
    ['%2F%5Cevil.example', '/en/'],
    ['%5C%5Cevil.example', '/en/'],
    ['%2F..%2F%2Fevil.example', '/en/'],
    ['javascript%3Aalert(1)', '/en/'],
    ['https%3A%2F%2Fevil.example%2F', '/en/'],
    ['%2Fen%2Fquestions%3Ffilter%3Dunanswered', '/en/questions?filter=unanswered'],
    ['%2Fes%2Fkb%2Fcontrase%C3%B1a', '/es/kb/contrase%C3%B1a'],
  ];
  const before = sessionsOf('tom@resuelve.test');
  for (const [next, location] of cases) {
    const context = await playwright.request.newContext({ baseURL: BASE_URL });
    const page = await context.get(`/en/signin?next=${next}`);
    expect(page.status(), next).toBe(200);
    const res = await context.post(`/en/signin?_action=auth.signIn&next=${next}`, { form: { email: 'tom@resuelve.test', password: DEMO_PASSWORD }, headers: ORIGIN, maxRedirects: 0 });
    expect([res.status(), res.headers().location], next).toEqual([303, location]);
    expect(res.headers()['set-cookie'], next).toMatch(/^session=/);
    // the cookie works: the session row it names is not an orphan
    expect(await (await context.get('/en/account')).text(), next).toContain('tom@resuelve.test');
    await context.dispose();
  }
  expect(sessionsOf('tom@resuelve.test') - before).toBe(cases.length);
  db.close();
});

test('protocol-relative links are links to other sites: nofollow ugc, and within the new-member link limit', async ({ playwright }) => {
  const asker = await playwright.request.newContext({ baseURL: BASE_URL });
  const askerToken = await tokenFor(asker, 'tom@resuelve.test');
  const question = await (
    await asker.post('/api/v1/questions', { data: { title: `Where is the guide for the modem ${unique}`, body: 'I cannot find the guide for my modem anywhere.', category: 'internet', locale: 'en' }, headers: { authorization: `Bearer ${askerToken}` } })
  ).json();
  await asker.dispose();
  const context = await playwright.request.newContext({ baseURL: BASE_URL });
  const token = await tokenFor(context, 'lucia@resuelve.test');
  const answer = await context.post(`/api/v1/questions/${question.id}/answers`, {
    data: { body: `The steps are in [this guide](//evil.example/guide-${unique}) and [that one](https:/evil.example/other-${unique}).` },
    headers: { authorization: `Bearer ${token}` },
  });
  expect(answer.status()).toBe(201);
  const html = await (await context.get(question.url.replace(BASE_URL, ''))).text();
  expect(html).toContain(`<a href="//evil.example/guide-${unique}" rel="nofollow ugc noopener">this guide</a>`);
  expect(html).toContain(`<a href="https:/evil.example/other-${unique}" rel="nofollow ugc noopener">that one</a>`);
  await context.dispose();

  // a member on their first day may put one link in a post; two protocol-relative ones are two
  const fresh = await playwright.request.newContext({ baseURL: BASE_URL });
  const signup = await fresh.post('/en/signup?_action=auth.signUp', { form: { displayName: `Edge ${unique}`, email: `edge${unique}@example.test`, password: 'a very long password' }, headers: ORIGIN, maxRedirects: 0 });
  expect(signup.status()).toBe(303);
  const ask = (body: string) =>
    fresh.post('/en/questions/ask?_action=community.ask', { form: { title: `Links from a new member ${unique}`, body, category: 'internet', tags: '', locale: 'en' }, headers: ORIGIN, maxRedirects: 0 });
  const refused = await ask('Look at [one](//a.example/x) and [two](//b.example/y), please.');
  expect(refused.status()).toBe(400);
  expect(await refused.text()).toContain('New members can include only one link per post.');
  expect((await ask('Look at [one](//a.example/x), please; it explains the problem.')).status()).toBe(303);
  await fresh.dispose();
});

test('control characters through the forms: a title of NULs is refused, escapes are stripped from what is stored and shown', async ({ playwright }) => {
  const context = await playwright.request.newContext({ baseURL: BASE_URL });
  await tokenFor(context, 'tom@resuelve.test');
  // postAnyway: earlier specs leave a solved thread about router lights, whose near-duplicate warning is not this test's subject.
  const ask = (title: string, body: string) => context.post('/en/questions/ask?_action=community.ask', { form: { title, body, category: 'internet', tags: '', locale: 'en', postAnyway: '1' }, headers: ORIGIN, maxRedirects: 0 });
  const nul = await ask('\u0000'.repeat(30), 'A body that is long enough to be a question.');
  expect(nul.status()).toBe(400);
  expect(await nul.text()).toContain('This field is required.');
  const digits = await ask('1234567890 !!!! ????', 'A body that is long enough to be a question.');
  expect(digits.status()).toBe(400);
  expect(await digits.text()).toContain('Write the title with words, not only numbers or symbols.');
  const asked = await ask(`\u001b[31mRouter\u0000 lights\u000c blink red ${unique}\u001b[0m`, 'Since the update\u0007 the router\u001b[5m lights blink red.\r\nAll of them.');
  expect(asked.status()).toBe(303);
  const location = asked.headers().location!;
  expect(location).toMatch(new RegExp(`/en/questions/\\d+/router-lights-blink-red-${unique}$`));
  const html = await (await context.get(location)).text();
  expect(html).toContain(`Router lights blink red ${unique}`);
  expect(html).toContain('Since the update the router lights blink red.');
  expect(html).not.toMatch(CONTROL);
  const id = location.split('/')[3];
  const json = await (await context.get(`/api/v1/questions/${id}`)).json();
  expect([json.title, json.body]).toEqual([`Router lights blink red ${unique}`, 'Since the update the router lights blink red.\nAll of them.']);
  await context.dispose();
});

test('a vote through the form still counts: form strings are converted, JSON stays strict', async ({ playwright }) => {
  const helper = await playwright.request.newContext({ baseURL: BASE_URL });
  const auth = { authorization: `Bearer ${await tokenFor(helper, 'lucia@resuelve.test')}` };
  const asked = await helper.post('/api/v1/questions', { data: { title: `Form votes count ${unique}: the modem restarts at night`, body: 'Every night at three the modem restarts by itself.', category: 'internet', locale: 'en' }, headers: auth });
  const question = await asked.json();
  const answer = await (await helper.post(`/api/v1/questions/${question.id}/answers`, { data: { body: 'Turn off the automatic firmware update in the modem settings.' }, headers: auth })).json();
  await helper.dispose();
  const context = await playwright.request.newContext({ baseURL: BASE_URL });
  const token = await tokenFor(context, 'tom@resuelve.test');
  const vote = (value: string) => context.post(`${new URL(question.url).pathname}?_action=community.vote`, { form: { postId: String(answer.id), value }, headers: ORIGIN, maxRedirects: 0 });
  const scoreOf = async () => (await (await context.get(`/api/v1/questions/${question.id}`)).json()).answers.find((a: { id: number }) => a.id === answer.id).score;
  expect(await scoreOf()).toBe(0);
  expect((await vote('1')).status()).toBeLessThan(400);
  expect(await scoreOf()).toBe(1);
  expect((await vote('true')).status()).toBe(400);
  expect(await scoreOf()).toBe(1);
  expect((await vote('0')).status()).toBeLessThan(400);
  expect(await scoreOf()).toBe(0);
  // the API takes the number only
  const api = (value: unknown) => context.post(`/api/v1/posts/${answer.id}/votes`, { data: { value }, headers: { authorization: `Bearer ${token}` } });
  expect((await api('1')).status()).toBe(400);
  expect((await api(1)).status()).toBe(200);
  expect(await scoreOf()).toBe(1);
  await context.dispose();
});

test('feeds and sitemaps stay well-formed XML whatever the content (read by the browser’s XML parser)', async ({ page, request }) => {
  const db = new Database(DB_PATH);
  db.pragma('busy_timeout = 5000');
  const article = db.prepare("select id, title, summary from articles where locale = 'en' and status = 'published' order by id limit 1").get() as { id: number; title: string; summary: string };
  // stored as an older version (or an import) could have left it: a form feed, an escape, a noncharacter
  db.prepare('update articles set title = ?, summary = ? where id = ?').run(`${article.title}\u000c\u001b[1m (\uffff) fixed`, `${article.summary}\u0000\u0008`, article.id);
  try {
    await page.goto('/en/');
    for (const path of ['/en/kb/feed.xml', '/es/kb/feed.xml', '/sitemap.xml', '/sitemaps/kb.xml', '/sitemaps/threads/1.xml']) {
      const res = await request.get(path);
      expect(res.status(), path).toBe(200);
      const xml = await res.text();
      const parsed = await page.evaluate((text) => {
        const document = new DOMParser().parseFromString(text, 'application/xml');
        const error = document.querySelector('parsererror');
        return { error: error?.textContent ?? null, root: document.documentElement.nodeName, titles: [...document.querySelectorAll('entry > title')].map((t) => t.textContent) };
      }, xml);
      expect(parsed.error, path).toBeNull();
      expect(['feed', 'urlset', 'sitemapindex'], path).toContain(parsed.root);
      if (path === '/en/kb/feed.xml') expect(parsed.titles).toContain(`${article.title}[1m () fixed`);
    }
  } finally {
    db.prepare('update articles set title = ?, summary = ? where id = ?').run(article.title, article.summary, article.id);
    db.close();
  }
});
