import { expect, test } from '@playwright/test';
import { signIn, signOut } from './helpers';

test('sign up, sign out, sign in again (en)', async ({ page }) => {
  const email = `new${Date.now()}@example.test`;
  await page.goto('/en/signup');
  await page.getByLabel('Name shown to others').fill('New Member');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('a very long password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/en\/$/);
  await expect(page.getByRole('link', { name: 'New Member' })).toBeVisible();
  await signOut(page, 'en');
  await expect(page.getByText('You are signed out.')).toBeVisible();
  await signIn(page, email, 'en', 'a very long password');
});

test('a wrong password shows an error and a 401', async ({ page }) => {
  await page.goto('/es/signin');
  await page.getByLabel('Correo electrónico').fill('valentina@resuelve.test');
  await page.getByLabel('Contraseña', { exact: true }).fill('not the password');
  const response = page.waitForResponse((r) => r.request().method() === 'POST');
  await page.locator('main').getByRole('button', { name: 'Iniciar sesión' }).click();
  expect((await response).status()).toBe(401);
  await expect(page.getByRole('alert')).toHaveText('El correo o la contraseña no son correctos.');
});

test('password reset through the mail outbox that admins can read (es)', async ({ page }) => {
  // A fresh account, so other journeys keep the demo passwords.
  const email = `reset${Date.now()}@example.test`;
  await page.goto('/es/signup');
  await page.getByLabel('Nombre visible para los demás').fill('Rita Reset');
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByLabel('Contraseña').fill('the first password');
  await page.getByRole('button', { name: 'Crear cuenta' }).click();
  await signOut(page);

  await page.goto('/es/password/forgot');
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByRole('button', { name: 'Enviar el enlace' }).click();
  await expect(page.getByRole('status')).toContainText('Si existe una cuenta con ese correo');

  await signIn(page, 'admin@resuelve.test');
  await page.getByRole('link', { name: 'Correo saliente' }).click();
  const mail = page.locator('details', { hasText: email }).first();
  await mail.locator('summary').click();
  const text = await mail.locator('pre').innerText();
  const link = /http:\/\/[^\s]+\/password\/reset\?token=[a-z2-7]+/.exec(text)?.[0];
  expect(link).toBeTruthy();
  expect(link).toContain('/es/password/reset');
  await signOut(page);

  await page.goto(new URL(link!).pathname + new URL(link!).search);
  await page.getByLabel('Contraseña').fill('rita has a new password');
  await page.getByRole('button', { name: 'Guardar la contraseña nueva' }).click();
  await expect(page.getByText('Tu contraseña se ha cambiado. Inicia sesión con la nueva.')).toBeVisible();
  await signIn(page, email, 'es', 'rita has a new password');
});

test('members cannot read the mail outbox', async ({ page }) => {
  await signIn(page, 'priya@resuelve.test', 'en');
  const response = await page.goto('/en/admin/mail');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
});

test('the language switch keeps the page', async ({ page }) => {
  await page.goto('/es/questions?filter=unanswered');
  await page.getByRole('link', { name: 'English' }).click();
  await expect(page).toHaveURL(/\/en\/questions\?filter=unanswered$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Questions');
  await page.getByRole('link', { name: 'Español' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Preguntas');
});
