// The thread page as src/server.ts renders it without Astro (components/community/thread-page.ts): for a visitor
// (through the page cache) and for a signed-in member, with the site's headers, its stylesheets, forms that work
// without JavaScript and the language switch. That the bytes equal Astro's is `npm run bench -- same-pages`.
import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { expectSiteHeaders, signIn } from './helpers';

const DB_PATH = process.env.E2E_DATABASE_PATH ?? `test-results/e2e-${process.env.E2E_PORT ?? 4399}.db`;
const MEMBER = 'tom@resuelve.test';

/** An open Spanish thread with a published answer by someone other than the member, which the member has not voted on. */
function thread(): { id: number; slug: string; answer: number } {
  const db = new Database(DB_PATH, { readonly: true, fileMustExist: true });
  try {
    const row = db
      .prepare(
        `select q.id, q.slug, a.id answer from questions q join answers a on a.question_id = q.id join users u on u.id = a.author_id
         where q.locale = 'es' and q.deleted_at is null and q.status = 'published' and q.locked_at is null and q.closed_at is null and a.status = 'published'
           and u.email <> ? and not exists (select 1 from votes v join users w on w.id = v.user_id where v.post_id = a.id and w.email = ?)
         order by q.id desc, a.id desc limit 1`,
      )
      .get(MEMBER, MEMBER) as { id: number; slug: string; answer: number } | undefined;
    expect(row).toBeTruthy();
    return row!;
  } finally {
    db.close();
  }
}


test('a visitor reads the thread with the site headers and styles, and switches language (es → en)', async ({ page }) => {
  const q = thread();
  const path = `/es/questions/${q.id}/${q.slug}`;
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const response = await page.goto(path, { waitUntil: 'load' });
  const headers = expectSiteHeaders(response);
  expect(headers['cache-control']).toMatch(/^public, max-age=0, s-maxage=\d+/);
  expect(headers['x-cache']).toMatch(/^(miss|hit|stale)$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Inicia sesión para responder' })).toHaveAttribute('href', `/es/signin?next=${encodeURIComponent(path)}`);
  // The route's stylesheets are there: the page's own scoped rules apply (.tags is a flex row in global.css, .tag a
  // takes the text colour from the page's scoped style).
  const tagLink = page.locator('.tags .tag a').first();
  if ((await tagLink.count()) > 0) expect(await tagLink.evaluate((a) => getComputedStyle(a).textDecorationLine)).toBe('none');
  expect(await page.evaluate(() => [...document.styleSheets].filter((s) => s.href?.includes('/_astro/')).length)).toBeGreaterThanOrEqual(2);
  expect(violations).toEqual([]);

  await page.getByRole('link', { name: 'English' }).click();
  await expect(page).toHaveURL(new RegExp(`/en/questions/${q.id}/${q.slug}$`));
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('link', { name: 'Sign in to answer' })).toBeVisible();
});

test('a member votes without JavaScript and comes back to the voted answer, on a page for them only (es)', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, MEMBER, 'es');
  const q = thread();
  const response = await page.goto(`/es/questions/${q.id}/${q.slug}`);
  const headers = expectSiteHeaders(response);
  expect(headers['cache-control']).toBe('private, no-cache');
  expect(headers['x-cache']).toBeUndefined();
  await expect(page.locator('.bell')).toHaveAttribute('href', '/es/notifications');

  const post = page.locator(`#answer-${q.answer}`);
  const score = await post.locator('.score').innerText();
  await post.getByRole('button', { name: 'Votar a favor' }).click();
  await expect(page).toHaveURL(new RegExp(`/es/questions/${q.id}/${q.slug}#answer-${q.answer}$`));
  const undo = post.getByRole('button', { name: 'Quitar mi voto' });
  await expect(undo).toHaveAttribute('aria-pressed', 'true');
  await expect(post.locator('.score')).not.toHaveText(score);
  // Taking the vote back leaves the score where it was.
  await undo.click();
  await expect(post.getByRole('button', { name: 'Votar a favor' })).toHaveAttribute('aria-pressed', 'false');
  await expect(post.locator('.score')).toHaveText(score);

  await page.getByRole('link', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expect(page.locator(`#answer-${q.answer}`).getByRole('button', { name: 'Upvote' })).toBeVisible();
  await context.close();
});
