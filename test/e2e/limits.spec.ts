import { expect, test, type APIRequestContext } from '@playwright/test';
import Database from 'better-sqlite3';
import { BASE_URL, DEMO_PASSWORD } from './helpers';

/** Pose as another client: the test server trusts X-Forwarded-For (TRUST_PROXY). */
const from = (ip: string) => ({ 'x-forwarded-for': ip });

async function articleId(request: APIRequestContext, locale: string, index: number): Promise<number> {
  const list = await (await request.get(`/api/v1/articles?locale=${locale}&limit=20`)).json();
  return list.items[index].id;
}

test('feedback API: made-up visitor ids from one address cannot pile "no" votes on an article', async ({ request }) => {
  const id = await articleId(request, 'en', 3);
  const votes = async () => (await (await request.get(`/api/v1/articles/${id}`)).json()).helpfulness.votes as number;
  const before = await votes();
  const statuses: number[] = [];
  for (let i = 0; i < 31; i++) {
    const res = await request.post(`/api/v1/articles/${id}/feedback`, {
      data: { helpful: false, visitorId: `made-up-visitor-${String(i).padStart(6, '0')}` },
      headers: from('203.0.113.77'),
    });
    statuses.push(res.status());
    if (res.status() === 429) {
      expect(res.headers()['content-type']).toContain('application/problem+json');
      expect(Number(res.headers()['retry-after'])).toBeGreaterThan(0);
    }
  }
  expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
  expect(statuses.slice(3)).toEqual(Array(28).fill(429));
  expect(await votes()).toBe(before + 3);

  // A visitor from that address may still change their own vote; another address may vote; the direct address is limited too.
  const change = await request.post(`/api/v1/articles/${id}/feedback`, { data: { helpful: true, visitorId: 'made-up-visitor-000000' }, headers: from('203.0.113.77') });
  expect(change.status()).toBe(200);
  const other = await request.post(`/api/v1/articles/${id}/feedback`, { data: { helpful: false, visitorId: 'another-visitor-000001' }, headers: from('198.51.100.23') });
  expect(other.status()).toBe(200);
  expect(await votes()).toBe(before + 4);
  const direct: number[] = [];
  const other2 = await articleId(request, 'en', 4);
  for (let i = 0; i < 5; i++) {
    direct.push((await request.post(`/api/v1/articles/${other2}/feedback`, { data: { helpful: false, visitorId: `direct-visitor-${String(i).padStart(6, '0')}` } })).status());
  }
  expect(direct).toEqual([200, 200, 200, 429, 429]);
});

test('feedback API: an IPv6 client is limited by its /64, whatever host address it picks', async ({ request }) => {
  const id = await articleId(request, 'es', 5);
  const statuses: number[] = [];
  for (let i = 1; i <= 5; i++) {
    const res = await request.post(`/api/v1/articles/${id}/feedback`, { data: { helpful: false, visitorId: `v6-visitor-000000${i}` }, headers: from(`2001:db8:aa:bb::${i.toString(16)}`) });
    statuses.push(res.status());
  }
  expect(statuses).toEqual([200, 200, 200, 429, 429]);
});

const DB_PATH = `test-results/e2e-${process.env.E2E_PORT ?? 4399}.db`;

function newestMailTo(to: string): { subject: string; text: string } | undefined {
  const db = new Database(DB_PATH, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('select subject, text from mails where "to" = ? order by id desc limit 1').get(to) as { subject: string; text: string } | undefined;
  } finally {
    db.close();
  }
}

async function signInForm(request: APIRequestContext, email: string, password: string, ip: string, locale = 'en') {
  return request.post(`/${locale}/signin?_action=auth.signIn`, { form: { email, password }, headers: { origin: BASE_URL, ...from(ip) }, maxRedirects: 0 });
}

// Every attempt checks an argon2id hash (tens of milliseconds on a busy machine): these specs make over a hundred.
test.describe.configure({ timeout: 120_000 });

test('sign-in: an office behind one address is not locked out by its own successful sign-ins; failures are limited', async ({ playwright }) => {
  const office = '203.0.113.60';
  const people = ['lucia', 'carlos', 'valentina', 'john', 'priya', 'tom'].map((n) => `${n}@resuelve.test`);
  for (let i = 0; i < 25; i++) {
    const request = await playwright.request.newContext({ baseURL: BASE_URL });
    const res = await signInForm(request, people[i % people.length]!, DEMO_PASSWORD, office);
    expect(res.status(), `sign-in ${i + 1}`).toBe(303);
    await request.dispose();
  }
  const request = await playwright.request.newContext({ baseURL: BASE_URL });
  for (let i = 0; i < 20; i++) expect((await signInForm(request, `nobody${i}@resuelve.test`, 'not the password', office)).status()).toBe(401);
  const limited = await signInForm(request, 'lucia@resuelve.test', DEMO_PASSWORD, office);
  expect(limited.status()).toBe(429);
  expect(Number(limited.headers()['retry-after'])).toBeGreaterThan(800);
  await request.dispose();
});

test('sign-in: wrong passwords from 30 addresses do not lock the owner out of their account', async ({ playwright }) => {
  const request = await playwright.request.newContext({ baseURL: BASE_URL });
  const statuses = new Map<number, number>();
  for (let address = 1; address <= 30; address++) {
    for (let i = 0; i < 5; i++) {
      const status = (await signInForm(request, 'tom@resuelve.test', `guess ${address}-${i}`, `198.51.100.${address}`)).status();
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  }
  // each address gets three free guesses and a fourth before its first delay
  expect(Object.fromEntries(statuses)).toEqual({ 401: 120, 429: 30 });
  const owner = await signInForm(request, 'tom@resuelve.test', DEMO_PASSWORD, '192.0.2.44');
  expect(owner.status()).toBe(303);
  expect(owner.headers()['set-cookie']).toMatch(/^session=[a-z2-7]{32};/);
  await request.dispose();
});

test('sign-in link: the owner of a throttled pair gets in by mail, once', async ({ playwright }) => {
  const ip = '198.51.100.201';
  const email = 'carlos@resuelve.test';
  const request = await playwright.request.newContext({ baseURL: BASE_URL });
  for (let i = 0; i < 4; i++) expect((await signInForm(request, email, `wrong ${i}`, ip)).status()).toBe(401);
  const throttled = await signInForm(request, email, DEMO_PASSWORD, ip);
  expect(throttled.status()).toBe(429);
  const html = await throttled.text();
  expect(html).toContain('You can still get in: we can email you a link');
  expect(html).toContain(`href="/en/signin/link?email=${encodeURIComponent(email)}"`);

  const asked = await request.post('/en/signin/link?_action=auth.requestSignInLink', { form: { email }, headers: { origin: BASE_URL, ...from(ip) } });
  expect(asked.status()).toBe(200);
  expect(await asked.text()).toContain('If an account exists for that email, a sign-in link is on its way.');
  const mail = newestMailTo(email)!;
  const path = /http:\/\/127\.0\.0\.1:\d+(\/es\/signin\/link\?token=[a-z2-7]{32})/.exec(mail.text)![1]!;
  expect(mail.subject).toBe('Tu enlace para iniciar sesión en Resuelve');

  // opening the link (a mail scanner would) spends nothing; the button does
  const confirm = await request.get(path, { headers: from(ip) });
  expect(confirm.status()).toBe(200);
  expect(await confirm.text()).toContain('Iniciar mi sesión');
  const token = new URL(path, BASE_URL).searchParams.get('token')!;
  const used = await request.post('/es/signin/link?_action=auth.signInWithLink', { form: { token }, headers: { origin: BASE_URL, ...from(ip) }, maxRedirects: 0 });
  expect(used.status()).toBe(303);
  expect(used.headers().location).toBe('/es/');
  expect(await (await request.get('/es/account')).text()).toContain(email);
  // the link works once; the pair's delays are lifted
  const again = await request.post('/es/signin/link?_action=auth.signInWithLink', { form: { token }, headers: { origin: BASE_URL, ...from(ip) }, maxRedirects: 0 });
  expect(again.status()).toBe(400);
  expect(await again.text()).toContain('Este enlace para iniciar sesión no es válido');
  expect((await request.get(path)).status()).toBe(400);
  expect((await signInForm(request, email, DEMO_PASSWORD, ip)).status()).toBe(303);
  await request.dispose();
});

test('sign-in page offers a sign-in link by mail, in Spanish and English, without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, extraHTTPHeaders: from('192.0.2.91') });
  const page = await context.newPage();
  await page.goto('/es/signin');
  await page.getByRole('link', { name: 'Envíame un enlace para iniciar sesión' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Inicia sesión con un enlace por correo' })).toBeVisible();
  await page.getByLabel('Correo electrónico').fill('valentina@resuelve.test');
  await page.getByRole('button', { name: 'Envíame el enlace' }).click();
  await expect(page.getByRole('status')).toContainText('te hemos enviado un enlace para iniciar sesión');
  const url = /http:\/\/127\.0\.0\.1:\d+\/\w\w\/signin\/link\?token=[a-z2-7]{32}/.exec(newestMailTo('valentina@resuelve.test')!.text)![0];
  await page.goto(url);
  await page.getByRole('button', { name: 'Iniciar mi sesión' }).click();
  await expect(page.getByRole('button', { name: 'Cerrar sesión' })).toBeVisible();

  await page.goto('/en/signin/link');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in with a link by email' })).toBeVisible();
  await page.goto('/en/signin/link?token=abcdefghijklmnopqrstuvwxyz234567');
  await expect(page.getByRole('alert')).toContainText('This sign-in link is invalid, was already used or has expired.');
  await context.close();
});
