// The pages `npm run audit:pages` measures, checked on every run without Lighthouse: axe (WCAG 2.2 AA, which includes
// tap-target size) at phone width in light and dark, a meta description, heading levels that never skip, and at most
// three render-blocking stylesheets.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './helpers';

type Locale = 'es' | 'en';
const PAGES: { name: string; paths: Record<Locale, string>; as?: string }[] = [
  { name: 'home', paths: { es: '/es/', en: '/en/' } },
  { name: 'KB home', paths: { es: '/es/kb', en: '/en/kb' } },
  { name: 'article', paths: { es: '/es/kb/restablecer-contrasena', en: '/en/kb/reset-your-password' } },
  { name: 'flow step', paths: { es: '/es/flows/sin-internet/wifi-o-cable', en: '/en/flows/no-internet/wifi-or-cable' } },
  { name: 'questions', paths: { es: '/es/questions', en: '/en/questions' } },
  { name: 'thread', paths: { es: '/es/questions/1', en: '/en/questions/1' } },
  { name: 'search', paths: { es: '/es/search?q=router', en: '/en/search?q=router' } },
  { name: 'ask', paths: { es: '/es/questions/ask', en: '/en/questions/ask' }, as: 'lucia@resuelve.test' },
  { name: 'contact', paths: { es: '/es/contact', en: '/en/contact' } },
  { name: '404', paths: { es: '/es/no-existe', en: '/en/no-such-page' } },
  { name: 'leaderboards', paths: { es: '/es/leaderboards', en: '/en/leaderboards' } },
  { name: 'profile', paths: { es: '/es/members/{member}', en: '/en/members/{member}' } },
  { name: 'reports', paths: { es: '/es/reports', en: '/en/reports' }, as: 'admin@resuelve.test' },
  { name: 'report', paths: { es: '/es/reports/deflection', en: '/en/reports/deflection' }, as: 'admin@resuelve.test' },
  { name: 'moderation', paths: { es: '/es/moderation', en: '/en/moderation' }, as: 'admin@resuelve.test' },
  { name: 'deflection settings', paths: { es: '/es/admin/deflection', en: '/en/admin/deflection' }, as: 'admin@resuelve.test' },
];

async function headingLevels(page: Page): Promise<number[]> {
  return page.locator('h1, h2, h3, h4, h5, h6').evaluateAll((hs) => hs.filter((h) => h.getClientRects().length > 0 || h.closest('details')).map((h) => Number(h.tagName[1])));
}

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

for (const { name, paths, as } of PAGES) {
  for (const locale of ['es', 'en'] as const) {
    test(`${name} (${locale}): axe at phone width light and dark, meta description, heading order, stylesheets`, async ({ page, request }) => {
      // Four page loads and four axe passes: more than the default 30 s on a busy machine.
      test.slow();
      const leaderboard = await (await request.get('/en/leaderboards')).text();
      const member = /\/en\/members\/(\d+)/.exec(leaderboard)?.[1];
      expect(member).toBeTruthy();
      if (as) await signIn(page, as, locale);
      const path = paths[locale].replace('{member}', member!);
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        await page.goto(path);
        // Dark differs from light only in colours: contrast is the check there.
        const axe = new AxeBuilder({ page });
        const results = await (colorScheme === 'light' ? axe.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']) : axe.withRules(['color-contrast'])).analyze();
        expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), `${path} ${colorScheme}`).toEqual([]);
      }
      // Each stylesheet blocks the first paint: the layout's and shared components' styles live in global.css.
      expect(await page.locator('link[rel="stylesheet"]').count(), `${path} stylesheets`).toBeLessThanOrEqual(3);
      const description = await page.locator('meta[name="description"]').getAttribute('content');
      expect(description?.trim().length ?? 0, `${path} meta description`).toBeGreaterThan(40);
      const levels = await headingLevels(page);
      expect(levels[0], `${path} starts with its h1`).toBe(1);
      expect(levels.filter((l) => l === 1), `${path} has one h1`).toHaveLength(1);
      const skips = levels.flatMap((l, i) => (i > 0 && l > levels[i - 1]! + 1 ? [`h${levels[i - 1]} → h${l}`] : []));
      expect(skips, `${path} heading levels`).toEqual([]);
    });
  }
}
