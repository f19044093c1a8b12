import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { signIn, tokenFor } from './helpers';

const DB_PATH = process.env.E2E_DATABASE_PATH ?? `test-results/e2e-${process.env.E2E_PORT ?? 4399}.db`;
const DAY = 86_400_000;

function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(DB_PATH, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** An open, unsolved question older than the accept-on-behalf delay with an answer by `email` and one by someone else. */
function unsolvedWithAnswerBy(email: string) {
  const rows = query<{ id: number; slug: string; locale: 'es' | 'en'; own: number; other: number }>(
    `select q.id, q.slug, q.locale,
            (select a.id from answers a join users u on u.id = a.author_id where a.question_id = q.id and u.email = ? and a.deleted_at is null and a.status = 'published' limit 1) own,
            (select a.id from answers a join users u on u.id = a.author_id where a.question_id = q.id and u.email <> ? and a.deleted_at is null and a.status = 'published' limit 1) other
     from questions q
     where q.deleted_at is null and q.status = 'published' and q.closed_at is null and q.locked_at is null and q.created_at < ?
       and not exists (select 1 from accepted_answers aa where aa.question_id = q.id)
       and own is not null and other is not null
     order by q.id limit 1`,
    email,
    email,
    Date.now() - 8 * DAY,
  );
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

test('a superuser accepts others’ answers on the asker’s behalf but never their own; the thread says who accepted (en)', async ({ page, request }) => {
  const q = unsolvedWithAnswerBy('superuser@resuelve.test');
  const token = await tokenFor(request, 'superuser@resuelve.test');
  const own = await request.post(`/api/v1/answers/${q.own}/accept`, { headers: { authorization: `Bearer ${token}` } });
  expect(own.status()).toBe(403);
  expect(own.headers()['content-type']).toContain('application/problem+json');

  await signIn(page, 'superuser@resuelve.test', 'en');
  await page.goto(`/en/questions/${q.id}/${q.slug}`);
  await expect(page.locator(`#answer-${q.own}`).getByRole('button', { name: 'Accept this answer' })).toHaveCount(0);
  await page.locator(`#answer-${q.other}`).getByRole('button', { name: 'Accept this answer' }).click();
  const accepted = page.locator(`#answer-${q.other}`);
  await expect(accepted).toHaveClass(/accepted/);
  await expect(accepted.getByText(/^Accepted .+ by Sam Superuser on behalf of the asker$/)).toBeVisible();
  await expect(accepted.getByRole('link', { name: 'Sam Superuser' })).toHaveAttribute('href', /\/en\/members\/\d+$/);
  const json = (await (await request.get(`/api/v1/questions/${q.id}`)).json()) as { acceptance: { by: { displayName: string } } | null };
  expect(json.acceptance?.by.displayName).toBe('Sam Superuser');
});

test('a solved thread names who accepted, with a space before the views (es)', async ({ page }) => {
  const [row] = query<{ id: number; slug: string; name: string }>(
    `select q.id, q.slug, u.display_name name from questions q join accepted_answers aa on aa.question_id = q.id join users u on u.id = aa.accepted_by
     where q.locale = 'es' and aa.accepted_by = q.author_id and q.status = 'published' and q.deleted_at is null order by q.id limit 1`,
  );
  await page.goto(`/es/questions/${row!.id}/${row!.slug}`);
  await expect(page.locator('section.post.accepted').getByText(new RegExp(`^Aceptada el .+ por ${row!.name}$`))).toBeVisible();
  const meta = (await page.locator('h1 + .meta').innerText()).replace(/\s+/g, ' ');
  expect(meta).toMatch(new RegExp(`por ${row!.name} · \\d+ visitas?`));
  expect(meta).not.toMatch(/\S·/);
});

test('voting without JavaScript returns to the voted post; the tooltip says what the button does (es)', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, 'tom@resuelve.test', 'es');
  const [row] = query<{ id: number; slug: string; answer: number }>(
    `select q.id, q.slug, a.id answer from questions q join answers a on a.question_id = q.id join users u on u.id = a.author_id
     where q.locale = 'es' and q.answer_count >= 3 and q.deleted_at is null and q.status = 'published' and q.locked_at is null and a.status = 'published' and u.email <> 'tom@resuelve.test'
       and not exists (select 1 from votes v join users w on w.id = v.user_id where v.post_id = a.id and w.email = 'tom@resuelve.test')
     order by q.answer_count desc, a.created_at desc limit 1`,
  );
  await page.goto(`/es/questions/${row!.id}/${row!.slug}`);
  const post = page.locator(`#answer-${row!.answer}`);
  const up = post.getByRole('button', { name: 'Votar a favor' });
  await expect(up).toHaveAttribute('title', 'Votar a favor');
  await up.click();
  await expect(page).toHaveURL(new RegExp(`#answer-${row!.answer}$`));
  const undo = post.getByRole('button', { name: 'Quitar mi voto' });
  await expect(undo).toHaveAttribute('aria-pressed', 'true');
  await expect(undo).toHaveAttribute('title', 'Quitar mi voto');
  await expect(post).toBeInViewport();
  expect(await page.evaluate(() => document.activeElement?.id ?? '')).toBe(`answer-${row!.answer}`);
  // Tab from there reaches the post's own controls, not the header.
  await page.keyboard.press('Tab');
  expect(await page.evaluate((id) => document.getElementById(id)!.contains(document.activeElement), `answer-${row!.answer}`)).toBe(true);
  await context.close();
});

test('a code block wider than the page can be scrolled with the keyboard (axe scrollable-region-focusable)', async ({ page }) => {
  await signIn(page, 'john@resuelve.test', 'en');
  await page.goto('/en/questions/ask');
  const long = Array.from({ length: 30 }, (_, i) => `segment${i}`).join('/');
  await page.getByLabel('Title').fill(`Router log line too long to read ${Date.now() % 100000}`);
  await page.getByLabel('Details').fill(`My router prints this and then drops the line:\n\n\`\`\`\nERROR ${long}\n\`\`\``);
  await page.getByLabel('Category').selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Post your question' }).click();
  await expect(page.locator('pre')).toHaveAttribute('tabindex', '0');
  const results = await new AxeBuilder({ page }).withRules(['scrollable-region-focusable']).analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);
});

async function headerShare(page: Page): Promise<number> {
  const box = (await page.locator('header.site-header').boundingBox())!;
  return box.height / page.viewportSize()!.height;
}

/** The placeholder's text fits in the search field (it was cut at 390 px). */
async function placeholderFits(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).evaluate((input: HTMLInputElement) => {
    const style = getComputedStyle(input);
    const context = document.createElement('canvas').getContext('2d')!;
    context.font = `${style.fontSize} ${style.fontFamily}`;
    const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return context.measureText(input.placeholder).width <= room;
  });
}

for (const locale of ['es', 'en'] as const) {
  test(`at 390 px the header stays small and search shows results first (${locale})`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`/${locale}/questions`);
    expect(await headerShare(page)).toBeLessThan(0.2);
    expect(await placeholderFits(page, '#site-search')).toBe(true);
    await page.goto(`/${locale}/search?q=router`);
    const first = page.locator('.search-hit').first();
    const top = (await first.boundingBox())!.y;
    expect(top).toBeLessThan(844);
    await page.getByRole('link', { name: locale === 'es' ? 'Filtrar resultados' : 'Filter results' }).click();
    await expect(page.locator('#filters')).toBeInViewport();

    await signIn(page, locale === 'es' ? 'carlos@resuelve.test' : 'priya@resuelve.test', locale);
    await page.goto(`/${locale}/questions`);
    expect(await headerShare(page)).toBeLessThan(0.2);
    await context.close();
  });
}
