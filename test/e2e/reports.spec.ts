// The KPI reports as a support lead uses them: overview, sections, filters, charts and their data, exports, content
// gaps; in Spanish and English, with axe on each page; refused to members and anonymous readers.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './helpers';

async function noAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** The rollups follow the facts right after the server's outbox drains: wait until the demo's searches are in. */
async function rollupsReady(page: Page) {
  await expect
    .poll(async () => {
      const res = await page.request.get('/api/v1/kpis?section=search');
      return res.ok() ? ((await res.json()).kpis.find((k: { key: string }) => k.key === 'searches')?.value ?? 0) : 0;
    })
    .toBeGreaterThan(100);
}

test('an admin reads the reports in Spanish: KPIs with their definitions, charts with their data, content gaps, exports and bad filters', async ({ page }) => {
  // Several pages, each with a full axe scan (a few seconds each on the shared machine): 24 s alone, past 30 s under load.
  test.slow();
  await signIn(page, 'admin@resuelve.test', 'es');
  await rollupsReady(page);
  await page.getByRole('banner').getByRole('link', { name: 'Informes' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Informes: Resumen');
  const answerRate = page.locator('#kpi-answerRate');
  await expect(answerRate.getByRole('heading')).toHaveText('Tasa de respuesta');
  await expect(answerRate.locator('.kpi-value')).toHaveText(/^\d{1,3}(,\d)?\s%$/);
  await expect(answerRate).toContainText('Preguntas hechas en el intervalo con al menos una respuesta');
  await expect(page.locator('#kpi-selfServiceScore .kpi-value')).toHaveText(/^\d+(,\d+)?$/);
  // a chart is an image with a name and a description, its numbers behind a disclosure
  const chart = page.getByRole('img', { name: 'Preguntas por día' });
  await expect(chart).toBeVisible();
  const figure = page.locator('figure').filter({ has: chart });
  await figure.getByText('Ver los datos').click();
  await expect(figure.getByRole('table').getByRole('row')).toHaveCount(31);
  await expect(page.getByRole('img', { name: 'Casos por hora del día y día de la semana' })).toBeVisible();
  await noAxeViolations(page);

  await page.getByRole('navigation', { name: 'Páginas de informes' }).getByRole('link', { name: 'Búsqueda' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Informes: Búsqueda');
  await expect(page.locator('#kpi-searchSuccess .kpi-value')).toHaveText(/%$/);
  const gaps = page.getByRole('region', { name: 'Huecos de contenido: búsquedas que no encontraron nada' });
  const gap = gaps.getByRole('row').filter({ hasText: 'fibra cortada' });
  await expect(gap.getByRole('link', { name: 'Escribir un artículo' })).toHaveAttribute('href', '/es/editor/new?title=fibra%20cortada');
  const csvHref = await gaps.getByRole('link', { name: 'CSV' }).getAttribute('href');
  const csv = await page.request.get(csvHref!);
  expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
  expect(csv.headers()['content-disposition']).toMatch(/^attachment; filename="search-zero-result-queries-\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d\.csv"$/);
  const text = (await csv.body()).toString('utf8');
  expect(text.startsWith('\uFEFFBúsqueda,Búsquedas\r\n')).toBe(true);
  expect(text).toMatch(/\r\nfibra cortada,\d+\r\n/);
  await noAxeViolations(page);

  // an inverted range: a clear error next to the filters, a 400, never a 500
  await page.getByLabel('Desde').fill('2026-03-10');
  await page.getByLabel('Hasta (incluido)').fill('2026-03-01');
  const [response] = await Promise.all([page.waitForResponse((r) => r.url().includes('/es/reports/search?')), page.getByRole('button', { name: 'Aplicar' }).click()]);
  expect(response.status()).toBe(400);
  await expect(page.getByRole('alert')).toContainText('El final del intervalo es anterior a su inicio.');
  const unknown = await page.goto('/es/reports/community?foo=1');
  expect(unknown!.status()).toBe(400);
  await expect(page.getByRole('alert')).toContainText('Filtro desconocido: foo.');
});

test('a support lead reads the reports in English, filters them and sees the community split and the case heatmap', async ({ page }) => {
  // Several pages, each with a full axe scan (a few seconds each on the shared machine): 24 s alone, past 30 s under load.
  test.slow();
  await signIn(page, 'agent.en@resuelve.test', 'en');
  await rollupsReady(page);
  await page.getByRole('banner').getByRole('link', { name: 'Reports' }).click();
  await page.getByRole('navigation', { name: 'Report pages' }).getByRole('link', { name: 'Community' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Reports: Community');
  await expect(page.getByRole('img', { name: 'First answers by responder type' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Time to first answer by responder type' }).getByRole('row', { name: /Members/ })).toBeVisible();
  // waits count the support team's business hours, said on the page in both languages
  await expect(page.getByText('Waits count business hours only', { exact: false })).toBeVisible();
  await expect(page.getByText('elapsed hours', { exact: false })).toHaveCount(0);
  await page.getByLabel('Language').selectOption('en');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/\/en\/reports\/community\?from=\d{4}-\d\d-\d\d&to=\d{4}-\d\d-\d\d&locale=en&category=&channel=$/);
  await expect(page.getByLabel('Language')).toHaveValue('en');
  await noAxeViolations(page);
  // the tabs keep the filters
  await page.getByRole('navigation', { name: 'Report pages' }).getByRole('link', { name: 'Cases and SLAs' }).click();
  await expect(page).toHaveURL(/\/en\/reports\/cases\?.*locale=en/);
  await expect(page.getByRole('img', { name: 'Cases by hour of day and weekday' })).toBeVisible();
  // measured from the cases: the demo's contact-form cases of the last 30 days were solved with one or two replies
  await expect(page.getByRole('heading', { name: 'Not measured yet' })).toHaveCount(0);
  await expect(page.locator('#kpi-firstContactResolution .kpi-value')).toHaveText(/^\d{1,3}(\.\d)?%$/);
  await expect(page.getByRole('region', { name: 'How cases ended' }).getByRole('row', { name: /Solved with one agent reply/ })).toBeVisible();
  await page.emulateMedia({ colorScheme: 'dark' });
  await noAxeViolations(page);
  await page.emulateMedia({ colorScheme: 'light' });
  for (const section of ['deflection', 'kb', 'superusers']) {
    expect((await page.goto(`/en/reports/${section}`))!.status()).toBe(200);
    await noAxeViolations(page);
  }
  // deflection and superusers are measured now, in both languages
  await page.goto('/en/reports/deflection');
  await expect(page.getByRole('heading', { name: 'Deflection by channel' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Deflection, confirmed' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Not measured yet' })).toHaveCount(0);
  await page.goto('/es/reports/community');
  await expect(page.getByText('Las esperas cuentan solo el horario laboral', { exact: false })).toBeVisible();
  await page.goto('/es/reports/superusers');
  await expect(page.getByRole('heading', { name: 'Superusuarios activos' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Miembro más influyente del mes' })).toBeVisible();
  await noAxeViolations(page);
  expect((await page.goto('/en/reports/nonsense'))!.status()).toBe(404);
});

test('members get 403 and anonymous readers are sent to sign in', async ({ page }) => {
  const anonymous = await page.goto('/en/reports');
  expect(new URL(page.url()).pathname).toBe('/en/signin');
  expect(anonymous!.status()).toBe(200);
  await signIn(page, 'tom@resuelve.test', 'en');
  expect((await page.goto('/en/reports'))!.status()).toBe(403);
  expect((await page.goto('/es/reports/search'))!.status()).toBe(403);
  expect((await page.request.get('/api/v1/kpis')).status()).toBe(403);
  await expect(page.getByRole('banner').getByRole('link', { name: 'Reports' })).toHaveCount(0);
});
