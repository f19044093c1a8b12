// npm run audit:pages [-- --base http://host:port]: Lighthouse (mobile) on the KB home, an article and a flow step.
// Without --base it serves the built site on port 4410 with the configured database (demo loaded, KB imported).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { importContent } from '../src/lib/kb/content';
import { loadConfig } from '../src/lib/server/config';
import { buildIfNeeded, SERVER_ENTRY } from './support/build';
import { openMigrated, seedIfEmpty } from './support/database';

const PAGES = [
  { name: 'KB home', path: '/es/kb' },
  { name: 'article', path: '/es/kb/restablecer-contrasena' },
  { name: 'flow step', path: '/en/flows/no-internet/wifi-or-cable' },
];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const TARGET = 95;

const { values } = parseArgs({ options: { base: { type: 'string' } } });
const chrome = process.env.CHROME_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));
if (!chrome) {
  console.error('No Chrome or Chromium found: set CHROME_PATH.');
  process.exit(1);
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
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('The server did not become ready in 30 s.');
    await new Promise((r) => setTimeout(r, 300));
  }
}

const out = mkdtempSync(join(tmpdir(), 'audit-'));
const rows: { page: string; scores: Record<string, number> }[] = [];
try {
  for (const [i, page] of PAGES.entries()) {
    console.log(`Lighthouse ${i + 1}/${PAGES.length}: ${page.name} (${page.path}) …`);
    const report = join(out, `${i}.json`);
    const run = spawnSync(
      process.execPath,
      [
        resolve('node_modules/lighthouse/cli/index.js'),
        base + page.path,
        '--quiet',
        '--output=json',
        `--output-path=${report}`,
        `--only-categories=${CATEGORIES.join(',')}`,
        '--chrome-flags=--headless=new --no-sandbox --disable-gpu',
      ],
      { env: { ...process.env, CHROME_PATH: chrome }, stdio: ['ignore', 'ignore', 'inherit'] },
    );
    if (run.status !== 0) throw new Error(`Lighthouse failed on ${page.path}`);
    const json = JSON.parse(readFileSync(report, 'utf8')) as { categories: Record<string, { score: number | null }> };
    rows.push({ page: `${page.name} ${page.path}`, scores: Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((json.categories[c]?.score ?? 0) * 100)])) });
  }
} finally {
  server?.kill();
  rmSync(out, { recursive: true, force: true });
}

const width = Math.max(...rows.map((r) => r.page.length));
console.log(`\n${'page'.padEnd(width)}  ${CATEGORIES.map((c) => c.padStart(16)).join('')}`);
for (const r of rows) console.log(`${r.page.padEnd(width)}  ${CATEGORIES.map((c) => String(r.scores[c]).padStart(16)).join('')}`);
const below = rows.flatMap((r) => CATEGORIES.filter((c) => (r.scores[c] ?? 0) < TARGET).map((c) => `${r.page}: ${c} ${r.scores[c]}`));
console.log(below.length ? `\nBelow the target of ${TARGET}:\n  ${below.join('\n  ')}` : `\nAll scores are at or above ${TARGET}.`);
