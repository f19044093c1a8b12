import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { signIn } from './helpers';

const DB_PATH = process.env.E2E_DATABASE_PATH ?? `test-results/e2e-${process.env.E2E_PORT ?? 4399}.db`;

function count(sql: string, ...params: unknown[]): number {
  const db = new Database(DB_PATH, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(sql).get(...params) as { n: number }).n;
  } finally {
    db.close();
  }
}

test('read an article, vote "no", follow a next step (recorded), without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/es/kb');
  await expect(page.getByRole('heading', { level: 1, name: 'Centro de ayuda' })).toBeVisible();
  await page.getByRole('link', { name: 'Cuenta y acceso' }).click();
  await expect(page).toHaveURL(/\/es\/kb\/categories\/account$/);
  await page.getByRole('link', { name: 'Cómo restablecer la contraseña de tu cuenta Nubia' }).click();
  await expect(page.getByRole('navigation', { name: 'En esta página' }).getByRole('link', { name: 'Antes de empezar' })).toHaveAttribute('href', '#antes-de-empezar');
  await expect(page.locator('link[rel="alternate"][hreflang="en"]')).toHaveAttribute('href', /\/en\/kb\/reset-your-password$/);

  const before = count(`select count(*) n from events where type = 'article.next_step'`);
  await page.getByRole('button', { name: 'No', exact: true }).click();
  await expect(page.getByText('Sentimos que este artículo no te haya ayudado.')).toBeVisible();
  await page.getByLabel('¿Qué faltaba? (opcional)').fill('No explica qué hacer sin móvil.');
  await page.getByRole('button', { name: 'Enviar comentario' }).click();
  await expect(page.getByRole('status')).toHaveText('Gracias, el equipo leerá tu comentario.');
  expect(count(`select count(*) n from article_feedback where helpful = 0 and comment = ?`, 'No explica qué hacer sin móvil.')).toBe(1);

  await page.getByRole('button', { name: 'Buscar otras respuestas' }).click();
  await expect(page).toHaveURL(/\/es\/search\?q=C%C3%B3mo/);
  expect(count(`select count(*) n from events where type = 'article.next_step'`)).toBe(before + 1);
  await context.close();
});

test('a guided flow: one URL per step, the path so far, start over, ending at an article', async ({ page }) => {
  await page.goto('/en/flows/no-internet');
  await page.getByRole('link', { name: 'The Internet light is red or blinking' }).click();
  await expect(page).toHaveURL(/\/en\/flows\/no-internet\/outage\?via=router-lights%3A1$/);
  await expect(page.getByRole('heading', { name: 'Your answers so far' })).toBeVisible();
  await page.getByRole('link', { name: 'Not yet' }).click();
  await expect(page).toHaveURL(/\/en\/kb\/restart-or-reset-your-router$/);
  await page.goto('/en/flows/no-internet/outage');
  await page.getByRole('link', { name: 'Start over' }).click();
  await expect(page).toHaveURL(/\/en\/flows\/no-internet$/);
});

test('status codes: unknown article 404, unknown flow 404, feed and sitemap', async ({ request }) => {
  expect((await request.get('/es/kb/no-existe')).status()).toBe(404);
  expect((await request.get('/es/flows/no-existe')).status()).toBe(404);
  const feed = await request.get('/en/kb/feed.xml');
  expect(feed.headers()['content-type']).toContain('application/atom+xml');
  expect((await feed.text()).match(/<entry>/g)).toHaveLength(12);
  const sitemap = await (await request.get('/sitemaps/kb.xml')).text();
  expect(sitemap.match(/<lastmod>/g)!.length).toBeGreaterThanOrEqual(24);
});

test('an admin posts an incident: the banner shows on the KB and the ask form, then it is resolved', async ({ page }) => {
  await signIn(page, 'admin@resuelve.test');
  await page.goto('/es/admin/incidents');
  await page.getByLabel('Título (español)').fill('Cortes de fibra en Madrid');
  await page.getByLabel('Título (inglés)').fill('Fiber outages in Madrid');
  await page.getByLabel('Internet y fibra').check();
  await page.getByRole('button', { name: 'Publicar incidencia' }).click();
  await expect(page.getByRole('status')).toHaveText('La incidencia está publicada.');
  await page.goto('/es/kb');
  await expect(page.getByRole('complementary').filter({ hasText: 'Incidencia conocida' })).toContainText('Cortes de fibra en Madrid');
  await page.goto('/es/questions/ask');
  await expect(page.getByText('Cortes de fibra en Madrid')).toBeVisible();
  await page.goto('/en/status');
  await expect(page.getByRole('heading', { name: /Fiber outages in Madrid/ })).toBeVisible();
  await page.goto('/es/admin/incidents');
  await page.getByRole('button', { name: 'Marcar como resuelta' }).click();
  await expect(page.getByRole('status')).toContainText('Resuelta');
  await page.goto('/es/kb');
  await expect(page.getByText('Cortes de fibra en Madrid')).toHaveCount(0);
});

test('an agent edits an article with a server-side preview, and restores the previous revision', async ({ page }) => {
  await signIn(page, 'agent.en@resuelve.test', 'en');
  await page.goto('/en/editor/new');
  await page.getByLabel('Title').fill('Pair a new remote control');
  await page.getByLabel('Body (Markdown)').fill('## Steps\n\nHold **OK** for five seconds.');
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByRole('region', { name: 'Preview' }).getByRole('heading', { name: 'Steps' })).toBeVisible();
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByRole('status')).toHaveText('Saved as revision 1.');
  await page.getByLabel('Body (Markdown)').fill('## Steps\n\nHold **OK** for ten seconds.');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByRole('status')).toHaveText('Saved as revision 2.');
  await page.getByRole('link', { name: 'Revision 2' }).click();
  await expect(page.locator('pre.diff ins')).toContainText('ten seconds');
  await page.goto(page.url().replace(/\/revisions\/2$/, '/revisions/1'));
  await page.getByRole('button', { name: 'Restore this revision' }).click();
  await expect(page.getByRole('status')).toHaveText('Revision 1 restored as revision 3.');
  await expect(page.getByLabel('Body (Markdown)')).toHaveValue('## Steps\n\nHold **OK** for five seconds.');
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByRole('status')).toHaveText('Saved as revision 4.');
  const publicPath = (await page.getByRole('link', { name: /^\/en\/kb\/pair-a-new-remote-control/ }).getAttribute('href'))!;
  expect((await page.request.get(publicPath)).status()).toBe(200);
  await page.getByRole('button', { name: 'Archive' }).click();
  await expect(page.getByRole('status')).toHaveText('Saved as revision 5.');
  expect((await page.request.get(publicPath)).status()).toBe(410);
  const id = page.url().match(/articles\/(\d+)/)![1];
  expect((await page.request.get(`/api/v1/articles/${id}`)).status()).toBe(410);
});

test('API: list, read, vote and incidents, all in the OpenAPI document', async ({ request }) => {
  const list = await (await request.get('/api/v1/articles?locale=es&category=account&limit=1')).json();
  expect(list.items).toHaveLength(1);
  expect(list.nextCursor).toEqual(expect.any(String));
  const next = await (await request.get(`/api/v1/articles?locale=es&category=account&limit=1&cursor=${list.nextCursor}`)).json();
  expect(next.items[0].id).not.toBe(list.items[0].id);
  const article = await (await request.get(`/api/v1/articles/${list.items[0].id}`)).json();
  expect(article.bodyHtml).toContain('<h2 id=');
  const vote = await request.post(`/api/v1/articles/${article.id}/feedback`, { data: { helpful: true, visitorId: 'api-visitor-000000001' } });
  expect(vote.status()).toBe(200);
  expect((await vote.json()).helpfulness.votes).toBeGreaterThanOrEqual(1);
  expect((await request.post(`/api/v1/articles/${article.id}/feedback`, { data: { helpful: 'maybe' } })).status()).toBe(400);
  expect((await request.get('/api/v1/articles/999999')).status()).toBe(404);
  expect((await (await request.get('/api/v1/incidents?locale=en')).json()).items).toEqual(expect.any(Array));
  const doc = await (await request.get('/api/v1/openapi.json')).json();
  expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/articles', '/articles/{id}', '/articles/{id}/feedback', '/incidents']));
});

const KB_PAGES = ['/es/kb', '/en/kb', '/es/kb/restablecer-contrasena', '/en/kb/categories/internet', '/es/flows/sin-internet', '/en/flows/no-internet/wifi-or-cable', '/es/status'];
for (const path of KB_PAGES) {
  test(`no axe violations on ${path}`, async ({ page }) => {
    await page.goto(path);
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
}

test('no axe violations on the article feedback step and the editor', async ({ page }) => {
  await page.goto('/en/kb/reset-your-password');
  await page.getByRole('button', { name: 'No', exact: true }).click();
  let results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);
  await signIn(page, 'agent.en@resuelve.test', 'en');
  await page.goto('/en/editor/new');
  results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);
});
