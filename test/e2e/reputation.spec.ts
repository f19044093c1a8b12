import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { signIn, signOut } from './helpers';

const L = {
  es: {
    asker: 'lucia@resuelve.test',
    answerer: 'carlos@resuelve.test',
    answererName: 'Carlos Ruiz',
    title: 'Hacer una pregunta',
    fields: { title: 'Título', details: 'Detalles', category: 'Categoría', post: 'Publicar la pregunta' },
    yourAnswer: 'Tu respuesta',
    postAnswer: 'Publicar la respuesta',
    accept: 'Aceptar esta respuesta',
    badge: { slug: 'Identificador', nameEs: 'Nombre (español)', nameEn: 'Nombre (inglés)', descEs: 'Descripción (español)', descEn: 'Descripción (inglés)', tier: 'Nivel', condition: 'Condición', threshold: 'Umbral', create: 'Crear insignia' },
    reward: { nameEs: 'Nombre (español)', nameEn: 'Nombre (inglés)', cost: 'Coste en puntos (vacío: solo se concede)', stock: 'Existencias (vacío: sin límite)', create: 'Crear recompensa' },
    redeem: 'Canjear',
    redeemed: 'Hecho: tu solicitud está en manos del equipo.',
    note: 'Nota para el miembro',
    fulfil: 'Marcar entregada',
    fulfilled: 'Entregada',
    reputation: 'Reputación',
  },
  en: {
    asker: 'john@resuelve.test',
    answerer: 'priya@resuelve.test',
    answererName: 'Priya Patel',
    title: 'Ask a question',
    fields: { title: 'Title', details: 'Details', category: 'Category', post: 'Post your question' },
    yourAnswer: 'Your answer',
    postAnswer: 'Post your answer',
    accept: 'Accept this answer',
    badge: { slug: 'Identifier', nameEs: 'Name (Spanish)', nameEn: 'Name (English)', descEs: 'Description (Spanish)', descEn: 'Description (English)', tier: 'Tier', condition: 'Condition', threshold: 'Threshold', create: 'Create badge' },
    reward: { nameEs: 'Name (Spanish)', nameEn: 'Name (English)', cost: 'Cost in points (empty: granted only)', stock: 'Stock (empty: unlimited)', create: 'Create reward' },
    redeem: 'Redeem',
    redeemed: 'Done: your request is with the team.',
    note: 'Note for the member',
    fulfil: 'Mark fulfilled',
    fulfilled: 'Fulfilled',
    reputation: 'Reputation',
  },
} as const;

async function noAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** Reputation shown on a profile, as a number. */
async function reputationOf(page: Page, profile: string): Promise<number> {
  await page.goto(profile);
  const text = await page.locator('.reputation .stats li').first().innerText();
  return Number(text.replace(/[^\d-]/g, ''));
}

for (const locale of ['es', 'en'] as const) {
  const l = L[locale];
  test(`reputation journey (${locale}): answer → accepted → points and badge on the profile → redeem → admin fulfils → member sees it`, async ({ page }) => {
    test.setTimeout(150_000);
    const unique = `${locale}${Date.now() % 1_000_000}`;
    const badgeName = `Journey ${unique}`;
    const rewardName = `Mug ${unique}`;

    // An admin defines a badge from an existing condition and a reward.
    await signIn(page, 'admin@resuelve.test', locale);
    await page.goto(`/${locale}/admin/reputation`);
    await noAxeViolations(page);
    await page.getByLabel(l.badge.slug, { exact: true }).fill(`journey-${unique}`);
    await page.getByLabel(l.badge.nameEs, { exact: true }).fill(badgeName);
    await page.getByLabel(l.badge.nameEn, { exact: true }).fill(badgeName);
    await page.getByLabel(l.badge.descEs, { exact: true }).fill('Prueba');
    await page.getByLabel(l.badge.descEn, { exact: true }).fill('Test');
    await page.getByLabel(l.badge.tier, { exact: true }).selectOption('gold');
    await page.getByLabel(l.badge.condition, { exact: true }).selectOption('accepted_answers');
    await page.getByLabel(l.badge.threshold, { exact: true }).fill('1');
    await page.getByRole('button', { name: l.badge.create }).click();
    await expect(page.getByRole('cell', { name: `journey-${unique}` })).toBeVisible();
    await page.goto(`/${locale}/admin/rewards`);
    await noAxeViolations(page);
    await page.getByLabel(l.reward.nameEs, { exact: true }).fill(rewardName);
    await page.getByLabel(l.reward.nameEn, { exact: true }).fill(rewardName);
    await page.getByLabel(l.reward.cost, { exact: true }).fill('10');
    await page.getByLabel(l.reward.stock, { exact: true }).fill('3');
    await page.getByRole('button', { name: l.reward.create }).click();
    await expect(page.getByRole('cell', { name: rewardName }).first()).toBeVisible();
    await signOut(page, locale);

    // The asker asks; the answerer answers; the asker accepts.
    await signIn(page, l.asker, locale);
    await page.goto(`/${locale}/questions/ask`);
    await page.getByLabel(l.fields.title, { exact: true }).fill(`Router ${unique} loses the connection every night`);
    await page.getByLabel(l.fields.details, { exact: true }).fill('Since last week the router disconnects at 3 am every night. Restarting does not help.');
    await page.getByLabel(l.fields.category, { exact: true }).selectOption('internet');
    await page.getByRole('button', { name: l.fields.post }).click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/questions/\\d+/`));
    const questionUrl = page.url();
    await signOut(page, locale);

    await signIn(page, l.answerer, locale);
    await page.goto(questionUrl);
    await page.getByLabel(l.yourAnswer, { exact: true }).fill(`Turn off the scheduled reboot in Settings > System (${unique}).`);
    await page.getByRole('button', { name: l.postAnswer }).click();
    await expect(page.getByText(`(${unique})`)).toBeVisible();
    await signOut(page, locale);

    await signIn(page, l.asker, locale);
    await page.goto(questionUrl);
    const profileUrl = await page.locator('section.post').filter({ hasText: unique }).getByRole('link', { name: l.answererName }).first().getAttribute('href');
    const before = await reputationOf(page, profileUrl!);
    await page.goto(questionUrl);
    await page.getByRole('button', { name: l.accept }).click();
    await signOut(page, locale);

    // Points and the new badge appear on the answerer's profile.
    await signIn(page, l.answerer, locale);
    await expect(async () => {
      expect(await reputationOf(page, profileUrl!)).toBe(before + 15);
      await expect(page.locator('.reputation .badges')).toContainText(badgeName);
    }).toPass({ timeout: 15_000 });
    await noAxeViolations(page);

    // Redeem the reward.
    await page.goto(`/${locale}/rewards`);
    await noAxeViolations(page);
    await page.getByRole('button', { name: `${l.redeem}: ${rewardName}` }).click();
    await expect(page.getByRole('status')).toHaveText(l.redeemed);
    await signOut(page, locale);

    // The admin fulfils it with a note.
    await signIn(page, 'admin@resuelve.test', locale);
    await page.goto(`/${locale}/admin/rewards`);
    const row = page.getByRole('row').filter({ hasText: rewardName });
    await row.getByLabel(l.note, { exact: true }).fill(`Posted ${unique}`);
    await row.getByRole('button', { name: l.fulfil }).click();
    await expect(page.getByRole('row').filter({ hasText: rewardName })).toHaveCount(1);
    await signOut(page, locale);

    // The member sees it fulfilled on the profile.
    await signIn(page, l.answerer, locale);
    await page.goto(profileUrl!);
    await expect(page.locator('.reputation')).toContainText(`${rewardName} — ${l.fulfilled}`);
    await expect(page.locator('.reputation')).toContainText(`Posted ${unique}`);
  });
}

for (const path of ['/es/leaderboards', '/en/leaderboards?period=month', '/es/badges', '/en/rewards']) {
  test(`no axe violations on ${path}`, async ({ page }) => {
    const res = await page.goto(path);
    expect(res?.status()).toBe(200);
    await noAxeViolations(page);
  });
}

test('moderator pages: superuser candidates (es) and the superusers area (en), with axe', async ({ page }) => {
  await signIn(page, 'moderator@resuelve.test');
  await page.goto('/es/moderation/superusers');
  await expect(page.getByRole('heading', { level: 1, name: 'Candidatos a superusuario' })).toBeVisible();
  await noAxeViolations(page);
  await signOut(page);
  await signIn(page, 'superuser@resuelve.test', 'en');
  await page.goto('/en/superusers');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Questions that need you');
  await noAxeViolations(page);
});

test('API: leaderboards, member, badges, rewards; bad input is problem+json', async ({ request }) => {
  const board = await request.get('/api/v1/leaderboards?period=all&limit=3');
  expect(board.status()).toBe(200);
  const body = await board.json();
  expect(body.items).toHaveLength(3);
  expect(body.items[0].rank).toBe(1);
  expect(body.items[0].points).toBeGreaterThanOrEqual(body.items[1].points);
  const next = await request.get(`/api/v1/leaderboards?limit=3&cursor=${encodeURIComponent(body.nextCursor)}`);
  expect((await next.json()).items[0].rank).toBe(4);
  const member = await (await request.get(`/api/v1/members/${body.items[0].userId}`)).json();
  expect(member.reputation).toBe(body.items[0].points);
  expect(member.balance).toBeNull();
  const bad = await request.get('/api/v1/leaderboards?period=year');
  expect(bad.status()).toBe(400);
  expect(bad.headers()['content-type']).toContain('application/problem+json');
  expect((await request.get('/api/v1/members/99999999')).status()).toBe(404);
  expect((await request.get('/api/v1/badges')).status()).toBe(200);
  expect((await request.post('/api/v1/rewards/1/redemptions')).status()).toBe(401);
  const doc = await (await request.get('/api/v1/openapi.json')).json();
  for (const p of ['/members/{id}', '/members/{id}/reputation', '/leaderboards', '/badges', '/rewards', '/rewards/{id}/redemptions', '/redemptions/{id}']) expect(doc.paths[p], p).toBeTruthy();
});
