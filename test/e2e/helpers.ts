import { expect, type APIRequestContext, type Page, type Response } from '@playwright/test';

export const DEMO_PASSWORD = 'resuelve-demo';
export const BASE_URL = `http://127.0.0.1:${process.env.E2E_PORT ?? 4399}`;

const LABELS = {
  es: { email: 'Correo electrónico', password: 'Contraseña', signIn: 'Iniciar sesión', signOut: 'Cerrar sesión' },
  en: { email: 'Email', password: 'Password', signIn: 'Sign in', signOut: 'Sign out' },
} as const;

export async function signIn(page: Page, email: string, locale: 'es' | 'en' = 'es', password = DEMO_PASSWORD) {
  const l = LABELS[locale];
  await page.goto(`/${locale}/signin`);
  await page.getByLabel(l.email).fill(email);
  await page.getByLabel(l.password, { exact: true }).fill(password);
  await page.locator('main').getByRole('button', { name: l.signIn }).click();
  await expect(page.getByRole('button', { name: l.signOut })).toBeVisible();
}

export async function signOut(page: Page, locale: 'es' | 'en' = 'es') {
  await page.getByRole('button', { name: LABELS[locale].signOut }).click();
  await expect(page.getByRole('banner').getByRole('link', { name: LABELS[locale].signIn })).toBeVisible();
}

/** Signs the request context in (its cookie jar keeps the session) and creates a personal access token. */
export async function tokenFor(request: APIRequestContext, email: string): Promise<string> {
  const signin = await request.post('/en/signin?_action=auth.signIn', { form: { email, password: DEMO_PASSWORD }, headers: { origin: BASE_URL }, maxRedirects: 0 });
  expect(signin.status()).toBe(303);
  const created = await request.post('/en/account?_action=auth.createToken', { form: { name: `e2e ${Date.now()}` }, headers: { origin: BASE_URL } });
  expect(created.status()).toBe(200);
  const token = /rsv_[a-z2-7]{32}/.exec(await created.text())?.[0];
  expect(token).toBeTruthy();
  return token!;
}

/** A 200 HTML page with the site's security headers (the list src/web/security-headers.ts gives Astro's middleware and
 * the pages src/server.ts renders itself); returns the headers for the caller's own checks. */
export function expectSiteHeaders(response: Response | null) {
  const headers = response!.headers();
  expect(response!.status()).toBe(200);
  expect(headers['content-type']).toBe('text/html');
  expect(headers['content-security-policy']).toBe(
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'",
  );
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(headers['x-request-id']).toBeTruthy();
  return headers;
}
