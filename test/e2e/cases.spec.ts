import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { BASE_URL, signIn, signOut, tokenFor } from './helpers';

// The escalation journey, in both languages: a question nobody answers past its deadline becomes a case (the server's
// scheduler runs every 2 s in these tests), the customer is acknowledged, an agent answers in the thread from the
// workspace, the asker accepts, the case is solved, the satisfaction survey is answered and shows on the case.

const DB_PATH = process.env.E2E_DATABASE_PATH ?? `test-results/e2e-${process.env.E2E_PORT ?? 4399}.db`;

function row<T>(sql: string, ...params: unknown[]): T | undefined {
  const db = new Database(DB_PATH, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).get(...params) as T | undefined;
  } finally {
    db.close();
  }
}

async function axe(page: Page, where: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), where).toEqual([]);
}

const unique = Date.now() % 1_000_000;
let admin: APIRequestContext;
let adminToken: string;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ playwright }) => {
  admin = await playwright.request.newContext({ baseURL: BASE_URL });
  adminToken = await tokenFor(admin, 'admin@resuelve.test');
  const call = async (method: string, url: string, data: unknown) => {
    const res = await admin.fetch(`/api/v1${url}`, { method, data, headers: { authorization: `Bearer ${adminToken}` } });
    expect(res.status(), `${method} ${url}: ${await res.text()}`).toBeLessThan(300);
    return res.json();
  };
  // A queue open around the clock, so "a few business seconds" pass whenever the tests run.
  const weekly = Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [String(d), [{ start: '00:00', end: '24:00' }]]));
  const calendar = await call('POST', '/business-calendars', { name: `E2E 24/7 ${unique}`, timeZone: 'Europe/Madrid', weekly, holidays: [] });
  const categories = (await (await admin.get('/api/v1/categories')).json()).items as { id: number; slug: string }[];
  const devices = categories.find((c) => c.slug === 'devices')!;
  // The queue goes through the admin form (routing page), the rule through the API: both doors are used.
  const form = await admin.post('/en/admin/cases/routing?_action=cases.saveQueue', { form: { slug: `e2e-${unique}`, nameEs: 'Cola E2E', nameEn: 'E2E queue', calendarId: String(calendar.id), assignment: 'round_robin', tier: '1', escalationQueueId: '' }, headers: { origin: BASE_URL } });
  expect(form.status()).toBe(200);
  const queueId = row<{ id: number }>('select id from case_queues where slug = ?', `e2e-${unique}`)!.id;
  const rule = await call('POST', '/escalation-rules', { name: `E2E unanswered ${unique}`, trigger: 'no_answer', params: { hours: 0.002 }, priority: 'high', queueId, categoryIds: [devices.id] });
  expect(rule.warnings).toEqual([]);
});

test.afterAll(async () => {
  await admin.dispose();
});

for (const [locale, asker, agentEmail, text] of [
  ['es', 'lucia@resuelve.test', 'agent@resuelve.test', { badge: 'Escalado a soporte', reply: 'Enviar respuesta', support: 'Equipo de soporte', accept: 'Aceptar esta respuesta', solved: 'Resuelto por soporte', send: 'Enviar', thanks: '¡Gracias! Tu respuesta: 5/5.', take: 'Espacio de agentes' }],
  ['en', 'john@resuelve.test', 'agent.en@resuelve.test', { badge: 'Escalated to support', reply: 'Send reply', support: 'Support team', accept: 'Accept this answer', solved: 'Solved by support', send: 'Send', thanks: 'Thank you! Your answer: 5/5.', take: 'Agent workspace' }],
] as const) {
  test(`escalation journey in ${locale}: unanswered → case → reply in the thread → accepted → solved → CSAT`, async ({ page, playwright }) => {
    test.setTimeout(90_000);
    // The asker asks through the API (the ask form has its own tests).
    const askerApi = await playwright.request.newContext({ baseURL: BASE_URL });
    const token = await tokenFor(askerApi, asker);
    const title = locale === 'es' ? `La impresora no imprime en color ${unique}` : `The printer will not print in colour ${unique}`;
    const asked = await askerApi.post('/api/v1/questions', { data: { title, body: locale === 'es' ? 'Desde la actualización solo imprime en blanco y negro.' : 'Since the update it only prints in black and white.', category: 'devices', locale }, headers: { authorization: `Bearer ${token}` } });
    expect(asked.status()).toBe(201);
    const question = await asked.json();
    await askerApi.dispose();

    // Past its deadline the scheduler opens a case; the thread shows the badge (number and status, nothing personal).
    await signIn(page, asker, locale);
    await expect(async () => {
      await page.goto(`/${locale}/questions/${question.id}/x`);
      await expect(page.getByText(text.badge)).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 30_000 });
    const kase = row<{ id: number; assignee_id: number; channel: string }>('select id, assignee_id, channel from cases where question_id = ?', question.id)!;
    const number = `C-${String(kase.id).padStart(6, '0')}`;
    expect(kase.channel).toBe('thread');
    await expect(page.getByRole('status').filter({ hasText: number })).toBeVisible();
    // Acknowledged: by mail with the number, the expected response and the hours; on the thread for the asker.
    await expect.poll(() => row<{ n: number }>(`select count(*) n from mails m join users u on u."email" = m."to" where u.email = ? and m.subject like ?`, asker, `%${number}%`)?.n, { timeout: 15_000 }).toBe(1);
    await page.reload();
    await expect(page.getByText(locale === 'es' ? 'Soporte responde antes de' : 'Support replies by')).toBeVisible();
    await signOut(page, locale);

    // The agent (routed by the queue skill and the language) finds it in the workspace and answers in the thread.
    await signIn(page, agentEmail, locale);
    await page.getByRole('link', { name: text.take }).click();
    await axe(page, 'queue list');
    await page.getByRole('link', { name: new RegExp(`${number}`) }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(number);
    await axe(page, 'case page');
    // Keyboard alone: r jumps to the reply box.
    await page.locator('body').press('r');
    await expect(page.locator('#f-reply-body')).toBeFocused();
    await page.keyboard.type(locale === 'es' ? 'Reinstala el controlador de la impresora desde el sitio del fabricante.' : 'Reinstall the printer driver from the maker’s website.');
    await page.getByRole('button', { name: text.reply }).click();
    await expect(page.getByRole('status').first()).toBeVisible();
    await page.goto(`/${locale}/questions/${question.id}/x`);
    await expect(page.getByText(text.support)).toBeVisible();
    await signOut(page, locale);

    // The asker accepts the support reply: the case is solved and the thread says so.
    await signIn(page, asker, locale);
    await page.goto(`/${locale}/questions/${question.id}/x`);
    await page.getByRole('button', { name: text.accept }).click();
    await expect(page.getByText(text.solved)).toBeVisible();
    expect(row<{ status: string }>('select status from cases where id = ?', kase.id)!.status).toBe('solved');

    // The survey arrives by mail with a signed link; answered once, it shows on the case.
    await expect.poll(() => row<{ text: string }>(`select text from mails where subject like ? and text like '%/survey?token=%'`, `%${number}%`)?.text ?? '', { timeout: 15_000 }).toContain('/survey?token=');
    const link = /https?:\/\/\S+\/survey\?token=[\w-]+/.exec(row<{ text: string }>(`select text from mails where subject like ? and text like '%/survey?token=%'`, `%${number}%`)!.text)![0];
    await page.goto(new URL(link).pathname + new URL(link).search);
    await page.getByRole('radio', { name: '5' }).check();
    await page.getByRole('button', { name: text.send, exact: true }).click();
    await expect(page.getByText(text.thanks)).toBeVisible();
    await signOut(page, locale);

    await signIn(page, agentEmail, locale);
    await page.goto(`/${locale}/agent/cases/${kase.id}`);
    await expect(page.getByText('CSAT 5/5')).toBeVisible();
  });
}

test('the workspace without JavaScript: bulk change and a field error on the case form', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, 'agent.en@resuelve.test', 'en');
  await page.goto('/en/agent?view=all');
  const first = page.locator('input[name="ids"]').first();
  const id = await first.getAttribute('value');
  await first.check();
  await page.getByLabel('Priority').selectOption('urgent');
  await page.getByRole('button', { name: 'Apply to selected' }).click();
  await expect(page.getByRole('status')).toHaveText('1 case changed.');
  expect(row<{ priority: string }>('select priority from cases where id = ?', Number(id))!.priority).toBe('urgent');
  await page.goto(`/en/agent/cases/${id}`);
  await page.getByLabel('Tags').fill('not a valid tag!');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Tags are words of letters')).toBeVisible();
  await context.close();
});
