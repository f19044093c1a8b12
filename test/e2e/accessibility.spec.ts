import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

const PAGES = ['/es/', '/en/', '/es/questions', '/en/questions?filter=solved', '/es/questions/1/x', '/en/search?q=router', '/es/kb', '/es/signin', '/en/signup', '/es/contact', '/en/kb', '/es/flows', '/es/tags'];

for (const path of PAGES) {
  test(`no axe violations on ${path}`, async ({ page }) => {
    await page.goto(path);
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
}

test('no axe violations on the ask form, light and dark', async ({ page }) => {
  await signIn(page, 'lucia@resuelve.test');
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.goto('/es/questions/ask');
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(results.violations.map((v) => v.id), colorScheme).toEqual([]);
  }
});
