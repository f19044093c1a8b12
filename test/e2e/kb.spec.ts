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
  await expect(page.getByRole('button', { name: 'Actualizar tu comentario' })).toBeVisible();
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

test('read an article → vote "no" → contact support → submit → see the reference number', async ({ page }) => {
  await page.goto('/en/kb/reset-your-password');
  const crumbs = page.getByRole('navigation', { name: 'Breadcrumb' });
  await expect(crumbs.getByRole('link', { name: 'Account & sign-in' })).toHaveAttribute('href', '/en/kb/categories/account');
  await expect(crumbs.getByRole('link', { name: 'Sign-in & passwords' })).toHaveAttribute('href', '/en/kb/categories/account#section-account-sign-in');
  const breadcrumbLd = await page.locator('script[type="application/ld+json"]').evaluateAll((els) => els.map((e) => JSON.parse(e.textContent ?? '{}')).find((j) => j['@type'] === 'BreadcrumbList'));
  expect(breadcrumbLd.itemListElement.map((i: { name: string }) => i.name)).toEqual(['Help center', 'Account & sign-in', 'Sign-in & passwords', 'How to reset your Nubia account password']);

  await page.getByRole('button', { name: 'No', exact: true }).click();
  await page.getByRole('button', { name: 'Contact support' }).click();
  await expect(page).toHaveURL(/\/en\/contact\?from=kb%3Areset-your-password$/);
  await expect(page.getByRole('note')).toContainText('How to reset your Nubia account password');
  await expect(page.getByLabel('Topic (optional)')).toHaveValue('account-sign-in');
  await page.getByLabel('Your name').fill('Pat Example');
  await page.getByLabel('Email').fill('pat.e2e@example.com');
  await page.getByLabel('Subject').fill('reset password');
  // Suggestions as you type (solved threads and articles), from /api/v1/suggest?context=contact.
  await expect(page.getByRole('region', { name: 'Maybe one of these solves it' }).getByRole('link').first()).toBeVisible();
  await page.getByLabel('Subject').fill('The reset link never arrives');
  await page.getByLabel('Message').fill('I asked for a reset link three times today and no email arrived, not even in spam.');
  await page.getByRole('button', { name: 'Send to support' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'We received your request' })).toBeVisible();
  const reference = (await page.locator('.reference').textContent())!;
  expect(reference).toMatch(/^C-\d{6}$/);
  await expect(page.getByText('We reply within 8 business hours.')).toBeVisible();
  const id = Number(reference.slice(2));
  expect(count(`select count(*) n from cases where id = ? and channel = 'contact_form' and article_id is not null and email = 'pat.e2e@example.com'`, id)).toBe(1);
  await expect.poll(() => count(`select count(*) n from mails where "to" = 'pat.e2e@example.com' and subject like ?`, `%${reference}%`)).toBe(1);
  expect(count(`select count(*) n from events where type = 'contact.submitted' and subject_type = 'case' and subject_id = ?`, id)).toBe(1);
  // The acknowledgement is only for whoever sent it.
  const other = await page.context().browser()!.newContext();
  expect((await (await other.newPage()).goto(`/en/contact/sent?ref=${reference}`))!.status()).toBe(404);
  await other.close();

  // Support staff find it in the agent workspace (the old requests list leads there) and close it.
  await signIn(page, 'agent.en@resuelve.test', 'en');
  await page.goto('/en/support/requests');
  await expect(page).toHaveURL(/\/en\/agent\?view=all&channel=contact_form$/);
  await page.getByRole('link', { name: new RegExp(`${reference} The reset link never arrives`) }).click();
  await page.getByLabel('Status', { exact: true }).selectOption('closed');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status')).toHaveText('Case updated.');
  await expect(page.getByText('This case is closed (closed by support).')).toBeVisible();
});

test('contact support from a guided flow or an article names where the reader came from and picks the topic', async ({ page }) => {
  await page.goto('/es/contact?from=flow:sin-internet');
  await expect(page.getByRole('note')).toContainText('Vienes del diagnóstico guiado:');
  await expect(page.getByRole('note').getByRole('link')).toHaveAttribute('href', '/es/flows/sin-internet');
  await expect(page.getByLabel('Tema (opcional)')).toHaveValue('internet');
  await page.goto('/en/contact?from=kb:reset-your-password');
  await expect(page.getByLabel('Topic (optional)')).toHaveValue('account-sign-in');
});

test('the contact form without JavaScript: field errors in Spanish, then sent', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/es/contact');
  await page.getByLabel('Correo electrónico').fill('no-es-un-correo');
  await page.getByLabel('Asunto').fill('Hola');
  const response = page.waitForResponse((r) => r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Enviar a soporte' }).click();
  expect((await response).status()).toBe(400);
  await expect(page.getByRole('alert')).toHaveText('Corrige los campos marcados.');
  await expect(page.getByLabel('Correo electrónico')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Asunto')).toHaveValue('Hola');
  await page.getByLabel('Tu nombre').fill('<b>Ana</b>');
  await page.getByLabel('Correo electrónico').fill('ana.e2e@example.com');
  await page.getByLabel('Asunto').fill('Factura duplicada en mayo');
  await page.getByLabel('Mensaje').fill('Me habéis cobrado la factura de mayo dos veces.');
  await page.getByLabel('Tema (opcional)').selectOption('billing-invoices');
  await page.getByRole('button', { name: 'Enviar a soporte' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hemos recibido tu solicitud' })).toBeVisible();
  await expect(page.locator('.reference')).toHaveText(/^C-\d{6}$/);
  await context.close();
});

test('contact requests API: anyone posts and gets a case number; problem+json on bad input', async ({ request }) => {
  const created = await request.post('/api/v1/contact-requests', { data: { locale: 'en', name: 'Api Caller', email: 'api.e2e@example.com', subject: 'Router keeps rebooting', message: 'Since yesterday the router restarts every hour.', from: 'flow:no-internet' } });
  expect(created.status()).toBe(201);
  const body = await created.json();
  expect(body.reference).toBe(`C-${String(body.id).padStart(6, '0')}`);
  const bad = await request.post('/api/v1/contact-requests', { data: { locale: 'en', subject: 'x' } });
  expect(bad.status()).toBe(400);
  expect(bad.headers()['content-type']).toContain('application/problem+json');
  expect((await request.get('/api/v1/cases?channel=contact_form')).status()).toBe(401);
  const doc = await (await request.get('/api/v1/openapi.json')).json();
  expect(Object.keys(doc.paths['/contact-requests'])).toEqual(['post']);
});

test('KB home shows sections with counts; a category groups its articles by section; the flows index', async ({ page }) => {
  await page.goto('/en/kb');
  const account = page.getByRole('list', { name: 'Sections of Account & sign-in' });
  await expect(account.getByRole('listitem')).toHaveCount(2);
  await expect(account.getByRole('listitem').first()).toHaveText('Sign-in & passwords (1)');
  await page.getByRole('link', { name: 'Security & privacy' }).click();
  await expect(page).toHaveURL(/\/en\/kb\/categories\/account#section-account-security$/);
  await expect(page.getByRole('region', { name: 'Security & privacy' }).getByRole('link')).toHaveText(['Set up two-step verification']);
  expect((await page.request.get('/en/kb/categories/account-security', { maxRedirects: 0 })).status()).toBe(301);

  await page.goto('/es/kb');
  await page.getByRole('link', { name: 'Todas las guías de diagnóstico' }).click();
  await expect(page).toHaveURL(/\/es\/flows$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Diagnóstico guiado' })).toBeVisible();
  await expect(page.locator('.flow-index > li')).toHaveCount(2);
  await page.locator('.flow-index > li > a').first().click();
  await expect(page).toHaveURL(/\/es\/flows\/[a-z-]+$/);
});

const KB_PAGES = ['/es/kb', '/en/kb', '/es/contact', '/en/flows', '/en/kb/categories/account', '/es/kb/restablecer-contrasena', '/en/kb/categories/internet', '/es/flows/sin-internet', '/en/flows/no-internet/wifi-or-cable', '/es/status'];
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
