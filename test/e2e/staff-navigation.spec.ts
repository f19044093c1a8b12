import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

/** Every page of the staff areas (the pages a role may or may not enter). */
const STAFF_PAGES = ['editor', 'editor/review', 'moderation', 'moderation/hidden', 'moderation/audit', 'tags', 'agent', 'admin/incidents', 'admin/categories', 'admin/cases', 'admin/deflection', 'reports', 'admin/mail'];

const EXPECTED: Record<string, string[]> = {
  'admin@resuelve.test': STAFF_PAGES,
  'agent@resuelve.test': ['editor', 'editor/review', 'moderation', 'agent'],
  // Grace, the demo's support lead, reads the reports besides her agent areas.
  'agent.en@resuelve.test': ['editor', 'editor/review', 'moderation', 'agent', 'reports'],
  'moderator@resuelve.test': ['editor', 'editor/review', 'moderation', 'moderation/hidden', 'moderation/audit', 'tags'],
  'superuser@resuelve.test': [],
  'carlos@resuelve.test': [],
};

for (const [index, [email, expected]] of Object.entries(EXPECTED).entries()) {
  const locale = index % 2 === 0 ? 'es' : 'en';
  test(`${email} (${locale}): the staff navigation links every staff page they may enter, and only those`, async ({ page }) => {
    await signIn(page, email, locale);
    await page.goto(`/${locale}/questions`);
    const nav = page.getByRole('navigation', { name: locale === 'es' ? 'Equipo' : 'Staff' });
    const hrefs = expected.length ? await nav.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href'))) : [];
    if (!expected.length) await expect(nav).toHaveCount(0);
    expect(hrefs).toEqual(expected.map((p) => `/${locale}/${p}`));
    for (const p of STAFF_PAGES) {
      const response = await page.request.get(`/${locale}/${p}`, { maxRedirects: 0 });
      // Tags are a public page; the menu links them only to those who curate them.
      if (p === 'tags') continue;
      expect(response.status(), `${email} ${p}`).toBe(expected.includes(p) ? 200 : 403);
    }
    if (expected.length) {
      await nav.getByRole('link').last().click();
      await expect(page.getByRole('navigation', { name: locale === 'es' ? 'Equipo' : 'Staff' }).getByRole('link').last()).toHaveAttribute('aria-current', 'page');
    }
  });
}
