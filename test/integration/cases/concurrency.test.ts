import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, runMigrations } from '../../../db/client';
import { cases, escalations } from '../../../db/schema/index';
import { submitContactRequest } from '../../../src/lib/support/contact-requests';
import { addRule, askAt, at } from '../../helpers/cases';
import { createCategory, createMember } from '../../helpers/db';
import { sql } from 'drizzle-orm';

const dir = mkdtempSync(join(tmpdir(), 'cases-race-'));
// Inside the project, so the bundle resolves better-sqlite3 from node_modules.
const worker = join(process.cwd(), 'node_modules', '.cache', `cases-race-${process.pid}.mjs`);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(worker, { force: true });
});
// One bundle for all the processes: compiling the TypeScript in each of them would take longer than the race.
beforeAll(() => build({ entryPoints: ['test/helpers/workers/cases-race.ts'], bundle: true, platform: 'node', format: 'esm', outfile: worker, external: ['better-sqlite3'], banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" }, logLevel: 'silent' }));

/** Starts `n` processes on one database file, sends them the go once all are ready, and returns their JSON lines. */
async function race(path: string, n: number, args: (i: number) => string[], now: number): Promise<Record<string, unknown>[]> {
  const env = { ...process.env, RACE_NOW: String(now), NODE_PATH: join(process.cwd(), 'node_modules') };
  const children = Array.from({ length: n }, (_, i) => spawn(process.execPath, [worker, path, ...args(i)], { env, stdio: ['pipe', 'pipe', 'pipe'] }));
  const outputs = children.map((child, i) => {
    let out = '';
    let err = '';
    const ready = new Promise<void>((resolve) => {
      child.stdout.on('data', (d) => ((out += d), out.includes('ready') && resolve()));
      child.on('exit', () => resolve());
    });
    child.stderr.on('data', (d) => (err += d));
    const done = new Promise<Record<string, unknown>>((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1)!)) : reject(new Error(`worker ${i} exited ${code}: ${err}`)))));
    return { ready, done };
  });
  await Promise.all(outputs.map((o) => o.ready));
  for (const child of children) child.stdin.end('go\n');
  return Promise.all(outputs.map((o) => o.done));
}

describe('concurrency (separate processes, one SQLite file)', () => {
  it('four scheduler passes at once: one open case per thread, each rule fires once', async () => {
    const path = join(dir, 'escalate.db');
    const db = createDb(path);
    runMigrations(db);
    createCategory(db, 'internet');
    addRule(db, { trigger: 'no_answer', params: { hours: 1 } });
    addRule(db, { trigger: 'no_accepted_answer', params: { hours: 1 } });
    await createMember(db, 'agent');
    const askers = await Promise.all(Array.from({ length: 20 }, () => createMember(db)));
    askers.forEach((a) => askAt(db, a, at('2026-02-16T09:00:00+01:00')));
    const results = await race(path, 4, () => ['escalate'], at('2026-02-16T12:00:00+01:00'));
    const opened = results.reduce((n, r) => n + Number(r.escalated), 0);
    const joined = results.reduce((n, r) => n + Number(r.joined), 0);
    expect(opened).toBe(20);
    expect(joined).toBe(20);
    expect(db.select({ n: sql<number>`count(*)` }).from(cases).get()!.n).toBe(20);
    expect(db.select({ n: sql<number>`count(distinct question_id)` }).from(cases).get()!.n).toBe(20);
    expect(db.select({ n: sql<number>`count(*)` }).from(escalations).get()!.n).toBe(40);
    db.$client.close();
  }, 60_000);

  it('three agents take one case at the same instant: exactly one wins', async () => {
    const path = join(dir, 'take.db');
    const db = createDb(path);
    runMigrations(db);
    const agents = await Promise.all([1, 2, 3].map(() => createMember(db, 'agent', { locale: 'en' })));
    const r = submitContactRequest(db, null, { locale: 'es', name: 'Ana', email: 'ana@example.com', subject: 'Factura duplicada en mayo', message: 'Me cobrasteis dos veces la factura.' }, { ip: null, visitorId: null }, at('2026-02-16T09:00:00+01:00'));
    const results = await race(path, 3, (i) => ['take', String(r.id), String(agents[i]!.id)], at('2026-02-16T09:05:00+01:00'));
    expect(results.filter((x) => x.won)).toHaveLength(1);
    expect(results.filter((x) => !x.won).map((x) => x.code)).toEqual(['CONFLICT', 'CONFLICT']);
    const winner = agents[results.findIndex((x) => x.won)]!;
    expect(db.select({ assigneeId: cases.assigneeId }).from(cases).get()!.assigneeId).toBe(winner.id);
    db.$client.close();
  }, 60_000);
});
