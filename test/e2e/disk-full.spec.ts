import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, statfsSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { expect, request as playwrightRequest, test, type APIRequestContext } from '@playwright/test';
import Database from 'better-sqlite3';

// The database on a small filesystem that fills up: a size-limited tmpfs mounted by the test (root only), with its
// own server (the built one) on a copy of the demo database. Skipped, with the reason, where it cannot mount.
test.describe.configure({ timeout: 240_000 });

const E2E_DB = `test-results/e2e-${process.env.E2E_PORT ?? 4399}.db`;
const TMPFS_MB = 24;

function mountTmpfs(): { dir: string } | { skip: string } {
  if (process.platform !== 'linux') return { skip: 'disk-full test skipped: needs Linux to mount a size-limited tmpfs' };
  if (process.getuid?.() !== 0) return { skip: 'disk-full test skipped: needs root to mount a size-limited tmpfs' };
  const dir = mkdtempSync('/tmp/resuelve-disk-full-');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${TMPFS_MB}m,mode=0755`, 'tmpfs', dir], { stdio: 'pipe' });
    return { dir };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    return { skip: `disk-full test skipped: cannot mount a tmpfs here (${String((error as Error).message).split('\n')[0]})` };
  }
}

/** Writes a file until the filesystem is full but for `leaveBytes`. */
function fill(path: string, leaveBytes: number): void {
  const fd = openSync(path, 'w');
  try {
    for (const chunk of [1 << 20, 64 << 10, 4 << 10]) {
      const buffer = Buffer.alloc(chunk, 7);
      for (;;) {
        const fs = statfsSync(path);
        if (fs.bavail * fs.bsize - chunk < leaveBytes) break;
        writeSync(fd, buffer);
      }
    }
  } finally {
    closeSync(fd);
  }
}

async function startServer(databasePath: string): Promise<{ child: ChildProcess; baseURL: string; output: () => string }> {
  const child = spawn(process.execPath, ['dist/server/entry.mjs'], {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: '0',
      DATABASE_PATH: databasePath,
      SITE_URL: 'http://127.0.0.1',
      LOG_LEVEL: 'warn',
      STORAGE_MIN_FREE_MB: '1',
      SEARCH_WORKERS: '1',
      PAGE_CACHE_TTL_MS: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    const url = /Server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(log)?.[1];
    if (url) return { child, baseURL: url, output: () => log };
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the server did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

function integrity(path: string): string {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
  } finally {
    db.close();
  }
}

async function signedIn(baseURL: string, email: string): Promise<APIRequestContext> {
  const context = await playwrightRequest.newContext({ baseURL });
  const res = await context.post('/es/signin?_action=auth.signIn', { form: { email, password: 'resuelve-demo' }, headers: { origin: baseURL }, maxRedirects: 0 });
  expect(res.status()).toBe(303);
  return context;
}

test('disk full: writes answer 507 and keep the form, reads and readiness keep working, nothing acknowledged is lost, writes resume once space is freed', async () => {
  const mounted = mountTmpfs();
  test.skip('skip' in mounted, 'skip' in mounted ? mounted.skip : '');
  if ('skip' in mounted) return;
  const { dir } = mounted;
  const databasePath = join(dir, 'resuelve.db');
  const filler = join(dir, 'filler');
  let server: Awaited<ReturnType<typeof startServer>> | null = null;
  try {
    const source = new Database(E2E_DB, { readonly: true, fileMustExist: true });
    await source.backup(databasePath);
    source.close();
    server = await startServer(databasePath);
    const { baseURL } = server;
    const admin = await signedIn(baseURL, 'admin@resuelve.test');
    const created = await admin.post('/en/account?_action=auth.createToken', { form: { name: 'disk full' }, headers: { origin: baseURL } });
    const token = /rsv_[a-z2-7]{32}/.exec(await created.text())![0];
    const moderator = await signedIn(baseURL, 'moderator@resuelve.test');
    const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
    const anonymous = await playwrightRequest.newContext({ baseURL });
    expect((await (await anonymous.get('/readyz')).json()).status).toBe('ready');

    // Leave a little room, then write until the filesystem is full.
    fill(filler, 192 * 1024);
    const acknowledged: number[] = [];
    const statuses: number[] = [];
    let full: { status: number; type: string; body: { status: number; title: string; detail: string }; retryAfter: string } | null = null;
    for (let i = 0; i < 400 && !full; i++) {
      const res = await api.post('/api/v1/questions', {
        data: { title: `Pregunta de disco lleno ${i}`, body: `Texto de relleno ${i} `.repeat(300), category: 'internet', locale: 'es' },
      });
      statuses.push(res.status());
      if (res.status() === 201) acknowledged.push((await res.json()).id);
      else full = { status: res.status(), type: res.headers()['content-type']!, body: await res.json(), retryAfter: res.headers()['retry-after']! };
    }
    expect(statuses.filter((s) => s !== 201 && s !== 507), `statuses: ${statuses.join(',')}`).toEqual([]);
    expect(full, 'the filesystem never filled up').not.toBeNull();
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(full!.status, server.output()).toBe(507);
    expect(full!.type).toContain('application/problem+json');
    expect(full!.body).toMatchObject({ status: 507, title: 'Insufficient Storage', detail: 'The server is out of storage space: nothing was saved. Try again later.' });
    expect(full!.retryAfter).toBe('60');

    // A form keeps what was typed and says why, in the page's language.
    const title = 'Mi router no conecta desde que se llenó el disco';
    // Longer than any question the API got in: the space a failed write left in the WAL file cannot hold it.
    const body = `Escribí este texto largo con cuidado y no quiero perderlo por un error del servidor. ${'Más detalles del problema. '.repeat(800)}`;
    const form = await moderator.post('/es/questions/ask?_action=community.ask', { form: { title, body, category: 'internet', tags: 'router', locale: 'es' }, headers: { origin: baseURL } });
    expect(form.status(), server.output()).toBe(507);
    const page = await form.text();
    expect(page).toContain('el servidor se ha quedado sin espacio de almacenamiento');
    expect(page).toContain(`value="${title}"`);
    expect(page).toContain(body.trim());
    const english = await moderator.post('/en/questions/ask?_action=community.ask', { form: { title, body, category: 'internet', locale: 'en' }, headers: { origin: baseURL }, maxRedirects: 0 });
    expect(english.status(), server.output()).toBe(507);
    expect(await english.text()).toContain('the server has run out of storage space');

    // Reads keep working, for visitors, members and API clients.
    for (const path of ['/es/', '/es/questions', `/es/questions/${acknowledged[0]}`, '/es/search?q=router', '/es/kb', '/en/kb/reset-your-password', '/sitemap.xml']) {
      expect((await anonymous.get(path)).status(), path).toBe(200);
      expect((await moderator.get(path)).status(), `${path} (signed in)`).toBe(200);
    }
    for (const path of [`/api/v1/questions/${acknowledged.at(-1)}`, '/api/v1/questions?limit=5', '/api/v1/search?q=router', '/api/v1/suggest?q=router&context=ask', '/api/v1/articles?locale=es']) {
      expect((await api.get(path)).status(), path).toBe(200);
    }
    const degraded = await anonymous.get('/readyz');
    expect(degraded.status()).toBe(200);
    expect(await degraded.json()).toMatchObject({ status: 'degraded', checks: { database: true, migrations: true, search: true, storage: false } });
    expect(integrity(databasePath)).toBe('ok');

    // Space is freed: writes go through again, without a restart, and readiness says so.
    unlinkSync(filler);
    const again = await api.post('/api/v1/questions', { data: { title: 'Pregunta tras liberar espacio', body: 'El disco ya tiene espacio otra vez, esto debe guardarse.', category: 'internet', locale: 'es' } });
    expect(again.status()).toBe(201);
    acknowledged.push((await again.json()).id);
    const retried = await moderator.post('/es/questions/ask?_action=community.ask', { form: { title, body, category: 'internet', tags: 'router', locale: 'es' }, headers: { origin: baseURL }, maxRedirects: 0 });
    expect(retried.status()).toBe(303);
    expect(await (await anonymous.get('/readyz')).json()).toMatchObject({ status: 'ready', checks: { storage: true } });
    for (const id of acknowledged) expect((await api.get(`/api/v1/questions/${id}`)).status(), `question ${id}`).toBe(200);
    for (const context of [admin, moderator, api, anonymous]) await context.dispose();

    // And after the server stops, every acknowledged write is in the file, which is sound.
    await stop(server.child);
    expect(server.output()).not.toMatch(/uncaught|unhandled/i);
    server = null;
    const db = new Database(databasePath, { readonly: true });
    const found = db.prepare(`select count(*) n from questions where id in (${acknowledged.join(',')})`).get() as { n: number };
    db.close();
    expect(found.n).toBe(acknowledged.length);
    expect(integrity(databasePath)).toBe('ok');
  } finally {
    if (server) await stop(server.child);
    if (existsSync(filler)) unlinkSync(filler);
    execFileSync('umount', [dir]);
    rmSync(dir, { recursive: true, force: true });
  }
});
