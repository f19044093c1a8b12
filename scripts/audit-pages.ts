// npm run audit:pages [-- --base URL --locale es|en --lighthouse public|all|none --only NAME,NAME --reports DIR]
// Lighthouse (mobile: performance, accessibility, best practices, SEO) on the public pages and axe (WCAG 2.2 AA, light
// and dark, at phone width) on every page, public and staff, in both languages; staff pages are read as a signed-in
// admin, the ask form as a member.
// --reports DIR keeps each Lighthouse report (JSON) for a closer look. Without --base it serves the built site on
// AUDIT_PORT (4410) with the configured database (demo loaded, KB imported).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import AxeBuilder from '@axe-core/playwright';
import { launch as launchChrome } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromium } from 'playwright';
import { importContent } from '../src/lib/kb/content';
import { loadConfig } from '../src/lib/server/config';
import { DEMO_PASSWORD } from '../src/lib/demo/load-demo';
import { buildIfNeeded, SERVER_ENTRY } from './support/build';
import { openMigrated, seedIfEmpty } from './support/database';

type Locale = 'es' | 'en';
type Role = 'member' | 'admin';
interface AuditPage {
  name: string;
  paths: Record<Locale, string>;
  /** Signed in as this role (the ask form needs an account; staff pages need an admin). */
  as?: Role;
  staff?: boolean;
  /**
   * Audits that fail by design: search results, the ask form and staff pages are noindex; a 404 answers 404 (which
   * the console reports).
   */
  expectedFailures?: string[];
}

const NOINDEX = ['is-crawlable'];
const PAGES: AuditPage[] = [
  { name: 'home', paths: { es: '/es/', en: '/en/' } },
  { name: 'KB home', paths: { es: '/es/kb', en: '/en/kb' } },
  { name: 'article', paths: { es: '/es/kb/restablecer-contrasena', en: '/en/kb/reset-your-password' } },
  { name: 'flow step', paths: { es: '/es/flows/sin-internet/wifi-o-cable', en: '/en/flows/no-internet/wifi-or-cable' } },
  { name: 'questions', paths: { es: '/es/questions', en: '/en/questions' } },
  { name: 'thread', paths: { es: '/es/questions/1', en: '/en/questions/1' } },
  { name: 'search', paths: { es: '/es/search?q=router', en: '/en/search?q=router' }, expectedFailures: NOINDEX },
  { name: 'ask', paths: { es: '/es/questions/ask', en: '/en/questions/ask' }, as: 'member', expectedFailures: NOINDEX },
  { name: 'contact', paths: { es: '/es/contact', en: '/en/contact' } },
  { name: '404', paths: { es: '/es/no-existe', en: '/en/no-such-page' }, expectedFailures: ['http-status-code', 'is-crawlable', 'errors-in-console'] },
  { name: 'leaderboards', paths: { es: '/es/leaderboards', en: '/en/leaderboards' } },
  { name: 'profile', paths: { es: '/es/members/{member}', en: '/en/members/{member}' } },
  { name: 'reports', paths: { es: '/es/reports', en: '/en/reports' }, as: 'admin', staff: true, expectedFailures: NOINDEX },
  { name: 'report', paths: { es: '/es/reports/deflection', en: '/en/reports/deflection' }, as: 'admin', staff: true, expectedFailures: NOINDEX },
  { name: 'moderation', paths: { es: '/es/moderation', en: '/en/moderation' }, as: 'admin', staff: true, expectedFailures: NOINDEX },
  { name: 'deflection settings', paths: { es: '/es/admin/deflection', en: '/en/admin/deflection' }, as: 'admin', staff: true, expectedFailures: NOINDEX },
];
const ACCOUNTS: Record<Role, string> = { member: 'lucia@resuelve.test', admin: 'admin@resuelve.test' };
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const TARGET = 95;
/** WCAG 2.2 AA includes target-size: tap targets of at least 24 × 24 px or spaced as far apart. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const { values } = parseArgs({
  options: {
    base: { type: 'string' },
    locale: { type: 'string', multiple: true },
    lighthouse: { type: 'string', default: 'public' },
    only: { type: 'string' },
    reports: { type: 'string' },
  },
});
const locales = (values.locale?.length ? values.locale : ['es', 'en']) as Locale[];
if (locales.some((l) => l !== 'es' && l !== 'en')) throw new Error('--locale takes es or en.');
if (!['public', 'all', 'none'].includes(values.lighthouse!)) throw new Error('--lighthouse takes public, all or none.');
if (values.reports) mkdirSync(values.reports, { recursive: true });
const only = values.only?.split(',').map((s) => s.trim().toLowerCase());
const pages = PAGES.filter((p) => !only || only.includes(p.name.toLowerCase()));
const chromePath = process.env.CHROME_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));
if (!chromePath) {
  console.error('No Chrome or Chromium found: set CHROME_PATH.');
  process.exit(1);
}

async function waitReady(base: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('The server did not become ready in 30 s.');
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** Signs in through the sign-in form action, like the e2e helpers, and returns the session cookie. */
async function sessionCookie(base: string, email: string): Promise<{ name: string; value: string }> {
  const response = await fetch(`${base}/en/signin?_action=auth.signIn`, {
    method: 'POST',
    body: new URLSearchParams({ email, password: DEMO_PASSWORD }),
    headers: { origin: base },
    redirect: 'manual',
  });
  const cookie = response.headers.getSetCookie().find((c) => /^(__Host-)?session=/.test(c));
  if (response.status !== 303 || !cookie) throw new Error(`Signing in as ${email} failed (${response.status}).`);
  const [name, value] = cookie.split(';')[0]!.split('=') as [string, string];
  return { name, value };
}

let server: ChildProcess | null = null;
let base = values.base?.replace(/\/$/, '');
if (!base) {
  const port = process.env.AUDIT_PORT ?? '4410';
  base = `http://127.0.0.1:${port}`;
  const config = loadConfig();
  const db = openMigrated(config);
  await seedIfEmpty(config, db);
  importContent(db, process.cwd(), Date.now());
  db.$client.close();
  buildIfNeeded();
  server = spawn(process.execPath, [resolve(SERVER_ENTRY)], { env: { ...process.env, HOST: '127.0.0.1', PORT: port, SITE_URL: base, LOG_LEVEL: 'warn' }, stdio: 'ignore' });
}

interface Row {
  page: AuditPage;
  locale: Locale;
  url: string;
  scores: Partial<Record<(typeof CATEGORIES)[number], number>>;
  failing: string[];
  /** Categories lowered by an audit that fails by design (marked * in the table, not held to the target). */
  byDesign: Set<string>;
  axe: string[];
}
const rows: Row[] = [];
const chrome = await launchChrome({ chromePath, chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
const browser = await chromium.launch({ executablePath: chromePath, args: ['--disable-gpu', '--no-sandbox'] });
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    chrome.kill();
    server?.kill();
    process.exit(130);
  });
}
try {
  await waitReady(base);
  const cookies: Partial<Record<Role, { name: string; value: string }>> = {};
  for (const role of new Set(pages.flatMap((p) => (p.as ? [p.as] : [])))) cookies[role] = await sessionCookie(base, ACCOUNTS[role]);
  const leaderboard = await (await fetch(`${base}/en/leaderboards`)).text();
  const member = /\/en\/members\/(\d+)/.exec(leaderboard)?.[1] ?? '1';

  const jobs = pages.flatMap((page) => locales.map((locale) => ({ page, locale })));
  for (const [i, { page, locale }] of jobs.entries()) {
    const cookie = page.as ? cookies[page.as] : undefined;
    const headers: Record<string, string> = cookie ? { cookie: `${cookie.name}=${cookie.value}` } : {};
    // The canonical address (a thread's slug, a trailing slash): Lighthouse should not be measuring a redirect.
    const first = await fetch(base + page.paths[locale].replace('{member}', member), { headers });
    const url = first.url;
    const row: Row = { page, locale, url: url.slice(base.length), scores: {}, failing: [], byDesign: new Set(), axe: [] };
    process.stdout.write(`${i + 1}/${jobs.length} ${page.name} (${locale}) ${row.url} `);

    const runLighthouse = values.lighthouse === 'all' || (values.lighthouse === 'public' && !page.staff);
    if (runLighthouse) {
      const is404 = first.status === 404;
      const settings = { port: chrome.port, output: 'json' as const, logLevel: 'error' as const, onlyCategories: [...CATEGORIES], extraHeaders: headers, ignoreStatusCode: is404 };
      let result = await lighthouse(url, settings);
      // A trace without a navigation start (NO_NAVSTART) happens on a busy machine: one more try.
      if (result?.lhr.runtimeError) result = await lighthouse(url, settings);
      if (!result) throw new Error(`Lighthouse gave no result for ${url}`);
      const { categories, audits, runtimeError } = result.lhr;
      if (values.reports) writeFileSync(join(values.reports, `${page.name.replace(/\W+/g, '-')}-${locale}.json`), result.report as string);
      if (runtimeError) row.failing.push(`runtime error ${runtimeError.code}`);
      for (const c of CATEGORIES) row.scores[c] = Math.round((categories[c]?.score ?? 0) * 100);
      const ids = new Set(CATEGORIES.flatMap((c) => categories[c]?.auditRefs.filter((r) => r.weight > 0).map((r) => r.id) ?? []));
      for (const c of CATEGORIES) {
        if (categories[c]?.auditRefs.some((r) => page.expectedFailures?.includes(r.id) && r.weight > 0 && audits[r.id]?.score === 0)) row.byDesign.add(c);
      }
      row.failing.push(...[...ids].filter((id) => audits[id]?.score !== null && (audits[id]?.score ?? 1) < 0.9 && !page.expectedFailures?.includes(id)));
    }
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    if (cookie) await context.addCookies([{ ...cookie, url: base }]);
    const tab = await context.newPage();
    for (const colorScheme of ['light', 'dark'] as const) {
      await tab.emulateMedia({ colorScheme });
      await tab.goto(url);
      const axe = await new AxeBuilder({ page: tab }).withTags(AXE_TAGS).analyze();
      row.axe.push(...axe.violations.map((v) => `${v.id}${colorScheme === 'dark' ? ' dark' : ''} (${v.nodes.length}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')})`));
    }
    await context.close();
    rows.push(row);
    console.log(runLighthouse ? CATEGORIES.map((c) => row.scores[c]).join(' ') : '', row.axe.length ? `axe: ${row.axe.join(', ')}` : 'axe: clean', row.failing.length ? `(${row.failing.join(', ')})` : '');
  }
} finally {
  await browser.close();
  chrome.kill();
  server?.kill();
}

const SHORT = { performance: 'perf', accessibility: 'a11y', 'best-practices': 'bp', seo: 'seo' } as const;
const cell = (r: Row, c: (typeof CATEGORIES)[number]) => (r.scores[c] === undefined ? '–' : `${r.scores[c]}${r.byDesign.has(c) ? '*' : ''}`);
console.log(`\n| page | ${locales.flatMap((l) => CATEGORIES.map((c) => `${SHORT[c]} ${l}`)).join(' | ')} | axe |`);
console.log(`|---|${locales.flatMap(() => CATEGORIES.map(() => '--:')).join('|')}|---|`);
for (const page of pages) {
  const mine = locales.map((l) => rows.find((r) => r.page === page && r.locale === l)!);
  const axe = mine.every((r) => r.axe.length === 0) ? 'clean' : mine.map((r) => `${r.locale}: ${r.axe.join(', ') || 'clean'}`).join('; ');
  console.log(`| ${page.name}${page.staff ? ' (staff)' : ''} | ${mine.flatMap((r) => CATEGORIES.map((c) => cell(r, c))).join(' | ')} | ${axe} |`);
}

const below = rows.flatMap((r) =>
  CATEGORIES.filter((c) => r.scores[c] !== undefined && r.scores[c]! < TARGET && !r.byDesign.has(c)).map((c) => `${r.page.name} (${r.locale}): ${c} ${r.scores[c]}`),
);
const failing = rows.filter((r) => r.failing.length).map((r) => `${r.page.name} (${r.locale}): ${r.failing.join(', ')}`);
const axeFailures = rows.filter((r) => r.axe.length).map((r) => `${r.page.name} (${r.locale}): ${r.axe.join(', ')}`);
const measured = rows.filter((r) => r.scores.performance !== undefined);
console.log(`\n${measured.length} Lighthouse runs, ${rows.length} axe runs.`);
if (measured.length) {
  for (const c of CATEGORIES) {
    const s = measured.map((r) => r.scores[c]!);
    console.log(`  ${c.padEnd(15)} min ${Math.min(...s)}, mean ${Math.round(s.reduce((a, b) => a + b, 0) / s.length)}, 100 on ${s.filter((x) => x === 100).length}/${s.length}`);
  }
}
if (rows.some((r) => r.byDesign.size)) console.log('* lowered by design (noindex page, or the 404 status): not held to the target.');
console.log(below.length ? `Below the target of ${TARGET}:\n  ${below.join('\n  ')}` : `All Lighthouse scores are at or above ${TARGET}.`);
if (failing.length) console.log(`Lighthouse audits under 0.9:\n  ${failing.join('\n  ')}`);
console.log(axeFailures.length ? `axe violations:\n  ${axeFailures.join('\n  ')}` : 'axe: no violations.');
process.exitCode = below.length || axeFailures.length ? 1 : 0;
