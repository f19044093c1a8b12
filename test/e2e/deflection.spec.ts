import AxeBuilder from '@axe-core/playwright';
import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { BASE_URL, signIn } from './helpers';

const PORT = Number(process.env.E2E_PORT ?? 4399);
/** The customer's site embedding the widget (scripts/widget-demo.ts, started by playwright.config.ts). */
const DEMO = `http://127.0.0.1:${PORT + 1000}`;
const DB_PATH = `test-results/e2e-${PORT}.db`;
// Headless Chromium says "HeadlessChrome", which the bot rule ignores: these journeys are people.
const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36';
test.use({ userAgent: CHROME });

function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(DB_PATH, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** Events are written in the background (every second): waits until `sql` finds `n` rows. */
async function eventsWhere(where: string, params: unknown[], n: number) {
  let rows: Record<string, unknown>[] = [];
  await expect
    .poll(
      () => {
        rows = query(`select * from deflection_events where ${where} order by id`, ...params);
        return rows.length;
      },
      { timeout: 8000 },
    )
    .toBe(n);
  return rows;
}

const contactRequests = () => query<{ n: number }>("select count(*) as n from cases where channel = 'contact_form'")[0]!.n;

const WORDS = {
  es: { subject: 'Asunto', confirm: 'Esto resolvió mi problema', thanks: '¡Genial, nos alegra que esté resuelto!', still: '¿Aún necesitas ayuda?', draft: 'cobrado dos veces', launcher: 'Abrir la ayuda', search: 'Busca en las respuestas', close: 'Cerrar la ayuda', down: 'no están disponibles', ask: 'Preguntar a la comunidad', contact: 'Contactar con soporte' },
  en: { subject: 'Subject', confirm: 'This solved my problem', thanks: 'Great, glad it is solved!', still: 'Still need help?', draft: 'charged twice', launcher: 'Open help', search: 'Search the answers', close: 'Close help', down: 'not available right now', ask: 'Ask the community', contact: 'Contact support' },
} as const;

async function allowDemoOrigin(page: Page) {
  await signIn(page, 'admin@resuelve.test', 'en');
  await page.goto('/en/admin/deflection');
  const origins = page.getByLabel('Sites allowed to embed the widget');
  await origins.fill(`https://shop.example.com\n${DEMO}/`);
  await page.getByLabel('Number of suggestions').fill('4');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status')).toHaveText('Settings saved.');
  await expect(origins).toHaveValue(`https://shop.example.com\n${DEMO}`);
  await page.context().clearCookies();
}

for (const locale of ['es', 'en'] as const) {
  const w = WORDS[locale];

  test(`contact form (${locale}): typing shows suggestions; "this solved my problem" thanks without a reload and sends nothing`, async ({ page }) => {
    const before = contactRequests();
    await page.goto(`/${locale}/contact`);
    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    // The suggestions of the whole draft count as shown once they stayed on screen (1.5 s): wait for that event to leave
    // before confirming, so the session's shown suggestions do not depend on how fast the machine is.
    const shownSent = page.waitForRequest((r) => r.url().endsWith('/api/v1/events') && (r.postData() ?? '').includes('suggestion_shown') && (r.postData() ?? '').includes(JSON.stringify(w.draft)), { timeout: 20_000 });
    await page.getByLabel(w.subject).pressSequentially(w.draft, { delay: 40 });
    const panel = page.locator('section.suggestions[data-surface="contact_form"]');
    const confirm = panel.getByRole('button', { name: new RegExp(`^${w.confirm}:`) }).first();
    // The first suggestions of a fresh server wait for its search workers to start.
    await expect(confirm).toBeVisible({ timeout: 15_000 });
    await shownSent;
    const listed = await panel.getByRole('listitem').count();
    expect(listed).toBeGreaterThan(0);
    const title = await confirm.getAttribute('data-title');
    await confirm.click();
    const thanks = page.getByRole('status').filter({ hasText: w.thanks });
    await expect(thanks).toBeVisible();
    await expect(thanks).toBeFocused();
    await expect(thanks.getByRole('link', { name: title! })).toBeVisible();
    await expect(page.getByLabel(w.subject)).toBeHidden();
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    const [event] = await eventsWhere("type = 'confirmed' and surface = 'contact_form' and query = ? and locale = ?", [w.draft, locale], 1);
    expect(event).toMatchObject({ rank: 1 });
    expect(event!.visitor_id).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    expect(contactRequests()).toBe(before);
    // The session that reached the form also saw suggestions (recorded after they stayed on screen).
    const shown = await eventsWhere("type = 'suggestion_shown' and session_id = ? and query = ?", [event!.session_id, w.draft], listed);
    expect(shown.map((e) => e.rank)).toEqual(Array.from({ length: listed }, (_, i) => i + 1));
    expect(query("select * from deflection_events where type = 'form_reached' and session_id = ?", event!.session_id)).toHaveLength(1);
    // Still stuck: the form comes back with the draft.
    await page.getByRole('button', { name: w.still }).click();
    await expect(page.getByLabel(w.subject)).toHaveValue(w.draft);
  });
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('contact form with a subject from the widget: suggestions on the page, confirm posts to a thank-you page, nothing sent', async ({ page }) => {
    const before = contactRequests();
    await page.goto('/es/contact?subject=cobrado%20dos%20veces&via=widget');
    const confirm = page.getByRole('button', { name: /^Esto resolvió mi problema:/ }).first();
    const title = await confirm.getAttribute('data-title');
    await confirm.click();
    await expect(page).toHaveURL(/\/es\/solved\?type=(question|article)&id=\d+&back=%2Fes%2Fcontact$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('¡Genial, nos alegra que esté resuelto!');
    await expect(page.getByRole('link', { name: title! })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Volver a donde estabas' })).toHaveAttribute('href', '/es/contact');
    const visitor = (await page.context().cookies()).find((c) => c.name === 'vid')!.value;
    const mine = "type = 'confirmed' and surface = 'contact_form' and query = 'cobrado dos veces' and rank = 1 and locale = 'es' and visitor_id = ?";
    const [event] = await eventsWhere(mine, [visitor], 1);
    // The same session reached the form (from the widget) and was shown the suggestions.
    expect(query("select * from deflection_events where session_id = ? and type = 'form_reached' and json_extract(data, '$.via') = 'widget'", event!.session_id)).toHaveLength(1);
    expect(contactRequests()).toBe(before);
    // Reloading the thank-you page records nothing more.
    await page.reload();
    await page.waitForTimeout(1500);
    await eventsWhere(mine, [visitor], 1);
  });

  test('the 404 page suggests from the missing path, and a suggestion can be confirmed', async ({ page }) => {
    const response = await page.goto('/en/kb/charged-twice-for-my-bill');
    expect(response?.status()).toBe(404);
    const list = page.getByRole('region', { name: 'Maybe you were looking for one of these' });
    await expect(list.getByRole('link').first()).toBeVisible();
    await list.getByRole('button', { name: /^This solved my problem:/ }).first().click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Great, glad it is solved!');
    await eventsWhere("type = 'confirmed' and surface = 'not_found' and query = 'charged twice bill'", [], 1);
  });

  test('an article\'s "no" step offers other answers; opening one goes through the site and is recorded', async ({ page }) => {
    await page.goto('/en/kb/understand-your-bill');
    await page.getByRole('button', { name: 'No', exact: true }).click();
    const list = page.getByRole('region', { name: 'These might answer it' });
    const link = list.getByRole('link').first();
    const title = await link.textContent();
    await link.click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title!);
    await eventsWhere("type = 'suggestion_opened' and surface = 'article' and rank = 1", [], 1);
  });
});

test('search results: "this solved my problem" on a result, without a reload', async ({ page }) => {
  await page.goto('/es/search?q=factura');
  const hit = page.locator('.search-hit').first();
  await hit.getByRole('button', { name: /^Esto resolvió mi problema:/ }).click();
  await expect(page.getByRole('status').filter({ hasText: '¡Genial' })).toBeVisible();
  await eventsWhere("type = 'confirmed' and surface = 'search' and query = 'factura' and rank = 1", [], 1);
});

test('the ask form warns about a solved near-duplicate before posting, and posts on "post anyway"', async ({ page }) => {
  await signIn(page, 'john@resuelve.test', 'en');
  await page.goto('/en/questions/ask?title=' + encodeURIComponent('Charged twice for the same month again'));
  await expect(page.getByLabel('Title')).toHaveValue('Charged twice for the same month again');
  await page.getByLabel('Details').fill('My card shows the same monthly charge two times this month.');
  await page.getByLabel('Category').selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Post your question' }).click();
  await expect(page.getByRole('alert')).toContainText('A solved question looks the same as yours');
  const duplicates = page.getByRole('region', { name: 'Is it one of these?' });
  await expect(duplicates.getByRole('link', { name: 'Charged twice for the same month' })).toBeVisible();
  await page.getByRole('button', { name: 'None of these answers it: post my question' }).click();
  await expect(page).toHaveURL(/\/en\/questions\/\d+\/charged-twice-for-the-same-month-again$/);
  await eventsWhere("type = 'form_submitted' and surface = 'ask_form' and query = 'charged twice for the same month again' and member_id is not null", [], 1);
});

test.describe('the widget on another site', () => {
  test.beforeAll(async ({ browser }) => {
    const page = await browser.newPage({ userAgent: CHROME, baseURL: BASE_URL });
    // A fresh server starts its search workers on the first query: not what these tests are about.
    await expect.poll(async () => (await page.request.get('/api/v1/suggest?q=factura&locale=es')).status(), { timeout: 30_000 }).toBe(200);
    await allowDemoOrigin(page);
    await page.close();
  });

  test.afterAll(async ({ browser }) => {
    // Other spec files share this server: the default number of suggestions again.
    const page = await browser.newPage({ userAgent: CHROME, baseURL: BASE_URL });
    await signIn(page, 'admin@resuelve.test', 'en');
    await page.goto('/en/admin/deflection');
    await page.getByLabel('Number of suggestions').fill('5');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByRole('status')).toHaveText('Settings saved.');
    await page.close();
  });

  for (const locale of ['es', 'en'] as const) {
    const w = WORDS[locale];
    test(`(${locale}) opens, searches, confirms; keyboard, focus trap and axe`, async ({ page }) => {
      const violations: string[] = [];
      page.on('console', (m) => m.type() === 'error' && violations.push(m.text()));
      await page.goto(`${DEMO}/${locale === 'es' ? '' : 'en'}`);
      const launcher = page.getByRole('button', { name: w.launcher });
      // It shows once the site answered (a fresh server starts its search workers first).
      await expect(launcher).toBeVisible({ timeout: 15_000 });
      // The host page is right-to-left and restyles everything; the widget keeps its own look.
      expect(await launcher.evaluate((el) => [getComputedStyle(el).position, getComputedStyle(el).direction])).toEqual(['fixed', 'ltr']);
      await launcher.click();
      const panel = page.getByRole('dialog', { name: locale === 'es' ? '¿En qué podemos ayudarte?' : 'How can we help?' });
      await expect(panel).toBeVisible();
      const input = panel.getByLabel(w.search);
      await expect(input).toBeFocused();
      // Suggestions for the page (its context, title and path) before anything is typed, as many as the admin set.
      await expect(panel.getByRole('listitem').first()).toBeVisible({ timeout: 15_000 });
      expect(await panel.getByRole('list').last().getByRole('listitem').count()).toBeLessThanOrEqual(4);
      const axe = await new AxeBuilder({ page }).include('[data-resuelve-widget]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      // Tab from the last control goes back to the first; Shift+Tab from the first to the last.
      const contact = panel.getByRole('link', { name: w.contact });
      await contact.focus();
      await page.keyboard.press('Tab');
      await expect(panel.getByRole('button', { name: w.close })).toBeFocused();
      await page.keyboard.press('Shift+Tab');
      await expect(contact).toBeFocused();
      // Search, then confirm.
      await input.fill(w.draft);
      await input.press('Enter');
      await expect(panel.getByRole('heading', { name: locale === 'es' ? 'Resultados' : 'Results' })).toBeVisible();
      const confirm = panel.getByRole('button', { name: new RegExp(`^${w.confirm}:`) }).first();
      await expect(confirm).toBeVisible();
      await expect(panel.getByRole('link', { name: w.contact })).toHaveAttribute('href', `${BASE_URL}/${locale}/contact?subject=${encodeURIComponent(w.draft).replace(/%20/g, '+')}&via=widget&category=billing`);
      await expect(panel.getByRole('link', { name: w.ask })).toHaveAttribute('href', `${BASE_URL}/${locale}/questions/ask?title=${encodeURIComponent(w.draft).replace(/%20/g, '+')}`);
      await confirm.click();
      await expect(panel.getByRole('heading', { name: locale === 'es' ? '¡Genial, nos alegra que esté resuelto!' : 'Great, glad it is solved!' })).toBeFocused();
      const [event] = await eventsWhere("type = 'confirmed' and surface = 'widget' and query = ? and locale = ?", [w.draft, locale], 1);
      expect(event!.visitor_id).toMatch(/^[A-Za-z0-9_-]{24}$/);
      expect(event!.category_id).not.toBeNull();
      // The host page is about billing (data-context) but names no category (data-category): each event is credited
      // to the category of the article or thread it is about.
      const credited = query<{ n: number; same: number }>(
        `select count(*) as n, sum(e.category_id is coalesce(a.category_id, q.category_id)) as same from deflection_events e
         left join articles a on e.subject_type = 'article' and a.id = e.subject_id left join questions q on e.subject_type = 'question' and q.id = e.subject_id
         where e.visitor_id = ? and e.surface = 'widget'`,
        event!.visitor_id,
      )[0]!;
      expect(credited.n).toBeGreaterThan(1);
      expect(credited.same).toBe(credited.n);
      // Escape closes and gives focus back to the launcher.
      await page.keyboard.press('Escape');
      await expect(panel).toBeHidden();
      await expect(launcher).toBeFocused();
      // The host's framework re-renders its whole body: the widget is still there and keeps the keyboard focus.
      await page.evaluate(() => (window as unknown as { render: () => void }).render());
      await expect(launcher).toBeVisible();
      await expect(launcher).toBeFocused();
      // Opened again, it still thanks (focus on the thank-you), and "back" leads to the search.
      await launcher.press('Enter');
      const thanks = panel.getByRole('heading', { name: w.thanks });
      await expect(thanks).toBeFocused();
      await page.evaluate(() => (window as unknown as { render: () => void }).render());
      await expect(thanks).toBeFocused();
      await panel.getByRole('button', { name: locale === 'es' ? 'Volver a las sugerencias' : 'Back to suggestions' }).click();
      await expect(input).toBeFocused();
      await page.keyboard.press('Escape');
      expect(violations.filter((v) => /Content Security Policy|Trusted Type|resuelve/i.test(v))).toEqual([]);
    });
  }

  test('shows the incident banner of its page\'s category', async ({ page }) => {
    await signIn(page, 'admin@resuelve.test', 'en');
    const title = `Duplicate charges today ${Date.now() % 100000}`;
    const form = (action: string, fields: Record<string, string>) => page.request.post(`/en/admin/incidents?_action=kb.${action}`, { form: fields, headers: { origin: BASE_URL } });
    expect((await form('createIncident', { titleEs: `Cobros duplicados hoy`, titleEn: title, severity: 'major', categories: 'billing' })).status()).toBe(200);
    const demo = await page.context().browser()!.newPage({ userAgent: CHROME });
    await demo.goto(`${DEMO}/en`);
    await demo.getByRole('button', { name: 'Open help' }).click({ timeout: 15_000 });
    const banner = demo.getByRole('dialog').getByRole('region', { name: 'Known issues' });
    await expect(banner).toContainText(`Major: ${title}`);
    await expect(banner.getByRole('link', { name: title })).toHaveAttribute('href', `${BASE_URL}/en/status`);
    await demo.close();
    const incidents = (await (await page.request.get('/api/v1/incidents?locale=en&active=true')).json()).items as { id: number; title: string }[];
    expect((await form('resolveIncident', { incidentId: String(incidents.find((i) => i.title === title)!.id) })).status()).toBe(200);
  });

  test('keeps working when the API is down: links to ask and contact stay', async ({ page }) => {
    await page.route(`${BASE_URL}/api/v1/**`, (route) => route.abort('connectionrefused'));
    await page.goto(`${DEMO}/en`);
    await page.getByRole('button', { name: 'Open help' }).click({ timeout: 15_000 });
    const panel = page.getByRole('dialog');
    await expect(panel.getByRole('status')).toContainText('not available right now');
    await expect(panel.getByRole('link', { name: 'Contact support' })).toHaveAttribute('href', `${BASE_URL}/en/contact?via=widget&category=billing`);
    await panel.getByLabel('Search the answers').fill('router');
    await panel.getByLabel('Search the answers').press('Enter');
    await expect(panel.getByRole('status')).toContainText('not available right now');
  });

  test('an admin switches the widget off through the API: no launcher; on again: back', async ({ page, request }) => {
    expect((await request.get('/api/v1/deflection/settings')).status()).toBe(401);
    await signIn(page, 'admin@resuelve.test', 'en');
    const patch = (data: object) => page.request.patch('/api/v1/deflection/settings', { headers: { origin: BASE_URL }, data });
    const settings = await (await page.request.get('/api/v1/deflection/settings')).json();
    expect(settings).toMatchObject({ widgetOrigins: ['https://shop.example.com', DEMO], suggestionCount: 4, costPerCase: '15.00', currency: 'EUR' });
    expect((await patch({ suggestionCount: 11 })).status()).toBe(400);
    const off = await patch({ enabledSurfaces: settings.enabledSurfaces.filter((s: string) => s !== 'widget') });
    expect((await off.json()).enabledSurfaces).not.toContain('widget');
    const demo = await page.context().browser()!.newPage({ userAgent: CHROME });
    const answered = demo.waitForResponse((r) => r.url().startsWith(`${BASE_URL}/api/v1/suggest`));
    await demo.goto(`${DEMO}/en`);
    expect((await (await answered).json()).widget).toEqual({ enabled: false, incidents: [] });
    // Told it is off, the widget takes itself out of the page.
    await expect(demo.locator('[data-resuelve-widget]')).toHaveCount(0);
    expect((await patch({ enabledSurfaces: settings.enabledSurfaces })).status()).toBe(200);
    await demo.reload();
    await expect(demo.getByRole('button', { name: 'Open help' })).toBeVisible({ timeout: 15_000 });
    await demo.close();
  });

  test('an origin an admin did not allow gets no CORS and cannot send events', async ({ request }) => {
    const preflight = await request.fetch('/api/v1/events', { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(preflight.status()).toBe(403);
    const post = await request.post('/api/v1/events', { headers: { origin: 'https://evil.example', 'user-agent': CHROME }, data: { events: [{ id: 'evil-event-1', type: 'form_abandoned', surface: 'ask_form' }] } });
    expect(post.status()).toBe(403);
    const allowed = await request.fetch('/api/v1/events', { method: 'OPTIONS', headers: { origin: DEMO, 'access-control-request-method': 'POST' } });
    expect(allowed.status()).toBe(204);
    expect(allowed.headers()['access-control-allow-origin']).toBe(DEMO);
    expect(allowed.headers()['access-control-allow-credentials']).toBeUndefined();
  });
});

test.describe('POST /api/v1/events', () => {
  const post = (request: import('@playwright/test').APIRequestContext, data: unknown, headers: Record<string, string> = {}) =>
    request.post('/api/v1/events', { headers: { origin: BASE_URL, 'user-agent': CHROME, ...headers }, data: data as object });

  test('refuses bad batches with problem+json, never a 500', async ({ request }) => {
    const cases: [unknown, number][] = [
      [{ events: [{ id: 'unknown-type-1', type: 'purchase', surface: 'widget' }] }, 400],
      [{ events: [] }, 400],
      [{ events: Array.from({ length: 51 }, (_, i) => ({ id: `too-many-${i}x`, type: 'form_abandoned', surface: 'ask_form' })) }, 400],
      [[1, 2, 3], 400],
      [{ events: [{ id: 'big-event-01', type: 'form_abandoned', surface: 'ask_form' }], pad: 'x'.repeat(70_000) }, 413],
    ];
    for (const [data, status] of cases) {
      const response = await post(request, data);
      expect(response.status()).toBe(status);
      expect(response.headers()['content-type']).toContain('application/problem+json');
    }
    const text = await request.post('/api/v1/events', { headers: { origin: BASE_URL, 'content-type': 'text/plain', 'user-agent': CHROME }, data: 'events' });
    expect(text.status()).toBe(415);
    const malformed = await request.post('/api/v1/events', { headers: { origin: BASE_URL, 'content-type': 'application/json', 'user-agent': CHROME }, data: '{"events": [' });
    expect(malformed.status()).toBe(400);
  });

  test('a bot is answered and nothing is recorded; Sec-GPC gets no visitor cookie', async ({ request }) => {
    const bot = await post(request, { events: [{ id: 'bot-event-0001', type: 'form_abandoned', surface: 'ask_form' }] }, { 'user-agent': 'Googlebot/2.1 (+http://www.google.com/bot.html)' });
    expect(bot.status()).toBe(202);
    expect(await bot.json()).toEqual({ accepted: 0, ignored: 1 });
    await new Promise((r) => setTimeout(r, 1500));
    expect(query("select * from deflection_events where client_event_id = 'bot-event-0001'")).toHaveLength(0);
    const gpc = await request.get('/en/contact', { headers: { 'sec-gpc': '1', 'user-agent': CHROME } });
    expect(gpc.headers()['set-cookie'] ?? '').not.toContain('vid=');
    const plain = await request.get('/en/contact', { headers: { 'user-agent': CHROME } });
    expect(plain.headers()['set-cookie'] ?? '').toContain('vid=');
  });
});

test('no axe violations on the deflection pages: settings, 404 with suggestions, contact with a subject, thank-you', async ({ page }) => {
  test.setTimeout(90_000);
  const check = async (path: string) => {
    await page.goto(path);
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), path).toEqual([]);
  };
  await check('/es/kb/facturas-duplicadas');
  await expect(page.getByRole('region', { name: 'Quizá buscabas alguna de estas' })).toBeVisible();
  await check('/en/contact?subject=charged%20twice');
  await expect(page.getByRole('region', { name: 'Maybe one of these solves it' })).toBeVisible();
  const confirm = page.getByRole('button', { name: /^This solved my problem:/ }).first();
  const [type, id] = (await confirm.getAttribute('value'))!.split('|').slice(1);
  await check(`/en/solved?type=${type}&id=${id}&back=%2Fen%2Fcontact`);
  await signIn(page, 'admin@resuelve.test', 'en');
  await check('/en/admin/deflection');
  await check('/es/admin/deflection');
});
