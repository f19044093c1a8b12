import { expect, test, type APIRequestContext } from '@playwright/test';
import Database from 'better-sqlite3';

const DB_PATH = process.env.E2E_DATABASE_PATH ?? `test-results/e2e-${process.env.E2E_PORT ?? 4399}.db`;

async function switchHref(request: APIRequestContext, path: string): Promise<string> {
  const response = await request.get(path);
  expect(response.status(), path).toBe(200);
  const href = /<a class="lang-switch" href="([^"]+)"/.exec(await response.text())?.[1];
  expect(href, `language switch on ${path}`).toBeTruthy();
  return href!.replace(/&amp;/g, '&');
}

test('the language switch of every KB article and guided flow leads to its translation (200)', async ({ request }) => {
  const sitemap = await (await request.get('/sitemaps/kb.xml')).text();
  const articles = [...sitemap.matchAll(/<loc>[^<]*?(\/(?:es|en)\/kb\/(?!categories\/)[^<]+)<\/loc>/g)].map((m) => m[1]!);
  expect(articles).toHaveLength(24);
  for (const path of articles) {
    const href = await switchHref(request, path);
    expect(href, path).toMatch(path.startsWith('/es/') ? /^\/en\/kb\/[a-z0-9-]+$/ : /^\/es\/kb\/[a-z0-9-]+$/);
    const target = await request.get(href);
    expect(target.status(), `${path} → ${href}`).toBe(200);
    // The translation points back: the switch is a pair.
    expect(await switchHref(request, href)).toBe(path);
  }
  for (const locale of ['es', 'en'] as const) {
    const list = await (await request.get(`/${locale}/flows`)).text();
    const flows = [...new Set([...list.matchAll(/href="(\/(?:es|en)\/flows\/[a-z0-9-]+)"/g)].map((m) => m[1]!))];
    expect(flows.length).toBe(2);
    for (const path of flows) {
      const href = await switchHref(request, path);
      expect(href).toMatch(new RegExp(`^/${locale === 'es' ? 'en' : 'es'}/flows/[a-z0-9-]+$`));
      expect((await request.get(href)).status()).toBe(200);
    }
  }
  // A step of a flow leads to the translated flow's start (step ids are not shared).
  expect(await switchHref(request, '/en/flows/no-internet/outage')).toBe('/es/flows/sin-internet');
});

test('an article without translation switches to the other locale’s KB home', async ({ request }) => {
  const db = new Database(DB_PATH, { fileMustExist: true });
  try {
    const category = (db.prepare(`select id from categories where slug = 'billing'`).get() as { id: number }).id;
    const now = Date.now();
    db.prepare(
      `insert or ignore into articles (slug, locale, translation_key, title, summary, body_md, body_html, body_text, category_id, status, created_at, updated_at, published_at)
       values ('solo-en-espanol', 'es', 'solo-en-espanol', 'Solo en español', '', 'Texto', '<p>Texto</p>', 'Texto', ?, 'published', ?, ?, ?)`,
    ).run(category, now, now, now);
  } finally {
    db.close();
  }
  expect(await switchHref(request, '/es/kb/solo-en-espanol')).toBe('/en/kb');
});

test('a reader switches language on an article and on a flow and lands on the translation', async ({ page }) => {
  await page.goto('/es/kb/restablecer-contrasena');
  await page.getByRole('banner').getByRole('link', { name: 'English' }).click();
  await expect(page).toHaveURL(/\/en\/kb\/reset-your-password$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.getByRole('banner').getByRole('link', { name: 'Español' }).click();
  await expect(page).toHaveURL(/\/es\/kb\/restablecer-contrasena$/);

  await page.goto('/es/flows/sin-internet');
  await page.getByRole('banner').getByRole('link', { name: 'English' }).click();
  await expect(page).toHaveURL(/\/en\/flows\/no-internet$/);
  await expect(page.getByRole('link', { name: 'The Internet light is red or blinking' })).toBeVisible();

  // Pages that exist in both languages keep their path and query.
  await page.goto('/en/questions?sort=unanswered');
  await page.getByRole('banner').getByRole('link', { name: 'Español' }).click();
  await expect(page).toHaveURL(/\/es\/questions\?sort=unanswered$/);
});
