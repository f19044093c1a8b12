import { expect, test } from '@playwright/test';
import { signIn, signOut } from './helpers';

test('ask → similar questions while typing → answer → accept → solved and searchable (es)', async ({ page }) => {
  const unique = `X${Date.now() % 100000}`;
  const title = `Mi router Nubia ${unique} pierde la conexión cada noche`;

  await signIn(page, 'lucia@resuelve.test');
  await page.goto('/es/questions/ask');
  await expect(page.getByRole('heading', { level: 1, name: 'Hacer una pregunta' })).toBeVisible();
  await page.getByLabel('Título').pressSequentially('router conexión', { delay: 20 });
  const suggestions = page.locator('.suggestions');
  await expect(suggestions).toBeVisible();
  await expect(suggestions.getByRole('link').first()).toBeVisible();
  expect(await suggestions.getByRole('link').count()).toBeGreaterThan(0);

  await page.getByLabel('Título').fill(title);
  await page.getByLabel('Detalles').fill('Desde hace una semana el router se desconecta a las 3 de la mañana. Ya lo reinicié y sigue igual.');
  await page.getByLabel('Categoría').selectOption('internet');
  await page.getByLabel('Etiquetas').fill('router, wifi');
  await page.getByRole('button', { name: 'Publicar la pregunta' }).click();

  await expect(page).toHaveURL(/\/es\/questions\/\d+\/mi-router-nubia-x\d+-pierde-la-conexion-cada-noche$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  const questionUrl = page.url();
  await signOut(page);

  await signIn(page, 'carlos@resuelve.test');
  await page.goto(questionUrl);
  await page.getByLabel('Tu respuesta').fill('Revisa si el router tiene activado el **reinicio programado** en Ajustes > Sistema; desactívalo.');
  await page.getByRole('button', { name: 'Publicar la respuesta' }).click();
  await expect(page.locator('.post-body strong', { hasText: 'reinicio programado' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '1 respuesta' })).toBeVisible();
  // only the asker may accept right away
  await expect(page.getByRole('button', { name: 'Aceptar esta respuesta' })).toHaveCount(0);
  await signOut(page);

  await signIn(page, 'lucia@resuelve.test');
  await page.goto(questionUrl);
  await page.getByRole('button', { name: 'Aceptar esta respuesta' }).click();
  await expect(page.getByText('✓ Respuesta aceptada')).toBeVisible();
  await expect(page.locator('.meta .badge.solved')).toHaveText('Resuelta');

  await expect(async () => {
    await page.goto(`/es/search?q=${unique}`);
    await expect(page.locator('.search-hit h2 a')).toHaveText([title]);
  }).toPass({ timeout: 10_000 });
  await expect(page.locator('.search-hit .badge.solved')).toBeVisible();
});

test('a wrong slug answers 301 to the canonical URL; unknown ids are 404', async ({ request }) => {
  const res = await request.get('/es/questions/1/wrong-slug', { maxRedirects: 0 });
  expect(res.status()).toBe(301);
  expect(res.headers().location).toMatch(/^\/es\/questions\/1\/[a-z0-9-]+$/);
  const canonical = await request.get(res.headers().location!);
  expect(canonical.status()).toBe(200);
  expect((await request.get('/es/questions/99999999/x')).status()).toBe(404);
  expect((await request.get('/es/questions/abc')).status()).toBe(404);
});

test('the ask form works without JavaScript and shows field errors with a 400', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, 'john@resuelve.test', 'en');
  await page.goto('/en/questions/ask');
  await page.getByLabel('Title').fill('short');
  const response = page.waitForResponse((r) => r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Post your question' }).click();
  expect((await response).status()).toBe(400);
  await expect(page.getByText('Write at least 10 characters.')).toBeVisible();
  await expect(page.getByText('This field is required.')).toBeVisible();
  await expect(page.getByLabel('Title')).toHaveValue('short');

  await page.getByLabel('Title').fill('How do I download my invoices as PDF without JavaScript?');
  await page.getByLabel('Details').fill('The billing page shows the list of invoices but the download button does nothing.');
  await page.getByLabel('Category').selectOption('billing');
  await page.getByRole('button', { name: 'Post your question' }).click();
  await expect(page).toHaveURL(/\/en\/questions\/\d+\/how-do-i-download-my-invoices-as-pdf-without-javascript$/);
  await context.close();
});
