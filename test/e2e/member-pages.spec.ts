// The leaderboard and the member page as src/server.ts renders them without Astro (components/reputation/
// leaderboard-page.ts, member-page.ts): with the site's headers and cache policy, the styles of the components they
// kept (ReputationPanel's, the page's own) and the language switch. That the bytes equal Astro's is
// `npm run bench -- same-pages`.
import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { expectSiteHeaders, signIn } from './helpers';

const DB_PATH = process.env.E2E_DATABASE_PATH ?? `test-results/e2e-${process.env.E2E_PORT ?? 4399}.db`;
const MEMBER = 'tom@resuelve.test';

function memberId(email: string): number {
  const db = new Database(DB_PATH, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('select id from users where email = ?').get(email) as { id: number }).id;
  } finally {
    db.close();
  }
}


test('a visitor reads the leaderboard, for them only, with its styles, then a member page from the page cache (es → en)', async ({ page }) => {
  const leaderboard = await page.goto('/es/leaderboards');
  const headers = expectSiteHeaders(leaderboard);
  expect(headers['cache-control']).toBe('private, no-cache');
  await expect(page.getByRole('heading', { level: 1, name: 'Clasificación' })).toBeVisible();
  // The page's scoped rules apply (.filters is a flex row in the page's style, not in global.css).
  expect(await page.locator('form.filters').evaluate((f) => getComputedStyle(f).display)).toBe('flex');

  const first = page.locator('table.data-table tbody a').first();
  const href = await first.getAttribute('href');
  expect(href).toMatch(/^\/es\/members\/\d+$/);
  const profile = await page.goto(href!);
  const profileHeaders = expectSiteHeaders(profile);
  expect(profileHeaders['cache-control']).toMatch(/^public, max-age=0, s-maxage=\d+/);
  expect(profileHeaders['x-cache']).toMatch(/^(miss|hit|stale)$/);
  await expect(page.getByRole('heading', { level: 2, name: 'Reputación' })).toBeVisible();
  // ReputationPanel's styles came with the page although the panel is written by profile-html.ts (1rem above it).
  expect(await page.locator('section.reputation').evaluate((s) => getComputedStyle(s).marginTop)).toBe('16px');
  expect(await page.locator('ul.stats').first().evaluate((s) => getComputedStyle(s).display)).toBe('flex');

  await page.getByRole('link', { name: 'English' }).click();
  await expect(page).toHaveURL(new RegExp(`${href!.replace('/es/', '/en/')}$`));
  await expect(page.getByRole('heading', { level: 2, name: 'Reputation' })).toBeVisible();
});

test('a member reads their own page, for them only, with their points history (es)', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, MEMBER, 'es');
  const id = memberId(MEMBER);
  const response = await page.goto(`/es/members/${id}`);
  const headers = expectSiteHeaders(response);
  expect(headers['cache-control']).toBe('private, no-cache');
  expect(headers['x-cache']).toBeUndefined();
  await expect(page.getByRole('link', { name: 'Historial de puntos' })).toHaveAttribute('href', `/es/members/${id}/reputation`);
  await expect(page.getByRole('button', { name: 'Cerrar sesión' })).toBeVisible();
  await context.close();
});
