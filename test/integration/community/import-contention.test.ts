import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb, runMigrations } from '../../../db/client';
import { answers, questions, rateLimits } from '../../../db/schema/index';
import { importQuestions } from '../../../src/lib/community/import-questions';

const dir = mkdtempSync(join(tmpdir(), 'resuelve-import-contention-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const LINES = 1500;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pause = new Int32Array(new SharedArrayBuffer(4));

function writeDump(path: string): void {
  const lines = Array.from({ length: LINES }, (_, i) =>
    JSON.stringify({
      sourceId: `busy-${i}`,
      title: `Pregunta importada número ${i} sobre el router`,
      body: `El router **${i}** se reinicia cada noche; ya probé a cambiar el canal.`,
      locale: i % 2 ? 'en' : 'es',
      category: 'internet',
      tags: ['router'],
      author: `user${i % 50}`,
      answers: [
        { sourceId: `busy-${i}-a`, body: `Respuesta ${i}: desactiva la actualización nocturna.`, author: `user${(i + 1) % 50}`, accepted: i % 3 === 0 },
        { sourceId: `busy-${i}-b`, body: `A mí me pasa lo mismo (${i}).`, author: `user${(i + 2) % 50}` },
      ],
    }),
  );
  writeFileSync(path, lines.join('\n') + '\n');
}

describe('npm run import beside a running server', () => {
  it('imports every line and exits 0 while another connection keeps taking the write lock', async () => {
    const database = join(dir, 'busy.db');
    const dump = join(dir, 'dump.jsonl');
    writeDump(dump);
    // The "server": its own connection, made the way the server makes it, writing in transactions that read first,
    // hold the lock for 150 ms and leave 20 ms between them.
    const server = createDb(database);
    runMigrations(server);

    const out = openSync(join(dir, 'import.out'), 'w');
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/import.ts', '--format', 'jsonl', dump], {
      env: { ...process.env, DATABASE_PATH: database, LOG_LEVEL: 'silent', SEARCH_WORKERS: '0' },
      stdio: ['ignore', out, out],
    });
    let exitCode: number | null = null;
    const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve((exitCode = code ?? -1))));

    let serverWrites = 0;
    const serverErrors: string[] = [];
    while (exitCode === null) {
      try {
        server.transaction((tx) => {
          const row = tx.select().from(rateLimits).where(sql`${rateLimits.key} = 'server-hog'`).get();
          Atomics.wait(pause, 0, 0, 150);
          tx.insert(rateLimits)
            .values({ key: 'server-hog', windowStart: 0, count: 1 })
            .onConflictDoUpdate({ target: rateLimits.key, set: { count: (row?.count ?? 0) + 1 } })
            .run();
        });
        serverWrites++;
      } catch (error) {
        serverErrors.push(String(error));
      }
      await sleep(20);
    }
    await exited;
    closeSync(out);
    const output = readFileSync(join(dir, 'import.out'), 'utf8');

    expect(exitCode, output).toBe(0);
    expect(output).toContain(`(${LINES} lines)`);
    expect(output).not.toMatch(/Rejected lines|database is locked|SQLITE_BUSY/);
    expect(server.select({ n: sql<number>`count(*)` }).from(questions).get()!.n).toBe(LINES);
    expect(server.select({ n: sql<number>`count(*)` }).from(answers).get()!.n).toBe(2 * LINES);
    // the server kept writing all along, and none of its writes failed
    expect(serverErrors).toEqual([]);
    expect(serverWrites).toBeGreaterThan(10);
    expect(server.select().from(rateLimits).where(sql`${rateLimits.key} = 'server-hog'`).get()!.count).toBe(serverWrites);
    expect((server.$client.pragma('integrity_check') as { integrity_check: string }[])[0]!.integrity_check).toBe('ok');
    server.$client.close();
  }, 300_000);

  it('waits and retries a batch while another connection holds the write lock past the busy timeout, rejecting nothing', async () => {
    const database = join(dir, 'retry.db');
    const holder = createDb(database);
    runMigrations(holder);
    const importer = createDb(database, { busyTimeoutMs: 20 });
    holder.$client.exec('BEGIN IMMEDIATE');
    holder.insert(rateLimits).values({ key: 'held', windowStart: 0, count: 1 }).run();
    setTimeout(() => holder.$client.exec('COMMIT'), 400);
    const waits: number[] = [];
    const lines = Array.from({ length: 30 }, (_, i) => JSON.stringify({ sourceId: `r-${i}`, title: `Retry question ${i}`, body: 'Body of a retried line.', locale: 'en', author: `a${i % 3}` }));
    const summary = await importQuestions(importer, lines, { now: 1, onBusy: (attempt) => waits.push(attempt) });
    expect(summary).toMatchObject({ lines: 30, created: 30, rejected: 0, membersCreated: 3 });
    expect(waits[0]).toBe(1);

    // held for longer than the import will wait: the batch is reported as rejected, nothing throws, nothing is half-written
    holder.$client.exec('BEGIN IMMEDIATE');
    const more = lines.map((l) => l.replace(/r-(\d+)/, 'late-$1'));
    const late = await importQuestions(importer, more, { now: 2, maxBusyWaitMs: 200 });
    holder.$client.exec('COMMIT');
    expect(late).toMatchObject({ lines: 30, created: 0, rejected: 30, membersCreated: 0 });
    expect(late.rejections[0]!.reason).toBe('database: still busy after retrying; import this file again later');
    expect(importer.select({ n: sql<number>`count(*)` }).from(questions).get()!.n).toBe(30);
    // and once the lock is free, the same lines go in
    expect(await importQuestions(importer, more, { now: 3 })).toMatchObject({ created: 30, rejected: 0 });
    holder.$client.close();
    importer.$client.close();
  });
});
