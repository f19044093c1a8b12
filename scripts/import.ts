// npm run import -- --format jsonl FILE: import questions with their answers (idempotent on sourceId), with progress.
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { importQuestions } from '../src/lib/community/import-questions';
import { loadConfig } from '../src/lib/server/config';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { outbox } from '../db/schema/index';
import { createDb, runMigrations, withBusyRetries } from '../db/client';
import { createTextGenerator } from './bench/synthetic-text';
import { progressBar } from './support/progress';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    format: { type: 'string', default: 'jsonl' },
    'no-index': { type: 'boolean', default: false },
    generate: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
const file = positionals[0];
if (values.generate && file) {
  await writeSyntheticDump(file, Number(values.generate));
  process.exit(0);
}
if (values.help || !file || values.format !== 'jsonl') {
  console.error('usage: npm run import -- --format jsonl FILE [--no-index]');
  console.error('  one JSON object per line: {sourceId, title, body, locale, category?, tags?, author?, createdAt?, url?, answers?}');
  process.exit(values.help ? 0 : 64);
}

const config = loadConfig();
const db = createDb(config.DATABASE_PATH, { synchronous: config.SQLITE_SYNCHRONOUS });
runMigrations(db);
const started = performance.now();

// Progress by bytes read: the number of lines is not known before the end.
const size = statSync(file).size;
let bytes = 0;
const bar = progressBar('Importing', size);
async function* readLines() {
  const rl = createInterface({ input: createReadStream(file!, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of rl) {
    bytes += Buffer.byteLength(line) + 1;
    yield line;
  }
}
// Beside a running server the database is sometimes busy: batches wait and retry (counted here, shown at the end).
let busyRetries = 0;
const summary = await importQuestions(db, readLines(), { now: Date.now(), onProgress: () => bar.update(Math.min(bytes, size)), onBusy: () => busyRetries++ });
bar.update(size);
bar.stop();
const importSeconds = (performance.now() - started) / 1000;

console.log(`\nImported ${file} in ${importSeconds.toFixed(1)} s (${summary.lines} lines):`);
console.table({
  questions: { created: summary.created, updated: summary.updated, skipped: summary.skipped, rejected: summary.rejected },
  answers: { created: summary.answersCreated, updated: summary.answersUpdated, skipped: '', rejected: '' },
});
console.log(`members created: ${summary.membersCreated} · filed under the "imported" category: ${summary.defaultCategory} · invalid tags dropped: ${summary.tagsDropped}`);
if (busyRetries) console.log(`The database was busy (a running server writing): ${busyRetries} batch${busyRetries === 1 ? '' : 'es'} waited and retried.`);
if (summary.rejections.length) {
  console.log('\nRejected lines:');
  for (const r of summary.rejections.slice(0, 50)) console.log(`  line ${r.line}${r.sourceId ? ` (${r.sourceId})` : ''}: ${r.reason}`);
  if (summary.rejected > 50) console.log(`  … and ${summary.rejected - 50} more`);
}

if (!values['no-index']) {
  // The import wrote one question.changed outbox message per thread. Run them here in bulk (500 documents per index
  // call, one commit per batch) rather than through the one-at-a-time drain, so search is complete when this ends.
  const { createContext } = await import('../src/lib/server/context');
  const { questionDocument } = await import('../src/lib/search/documents');
  const ctx = createContext(config, { db });
  const pending = db
    .select({ id: outbox.id, payload: outbox.payload })
    .from(outbox)
    .where(and(eq(outbox.topic, 'question.changed'), isNull(outbox.processedAt)))
    .orderBy(asc(outbox.id))
    .all();
  const indexBar = progressBar('Indexing', pending.length);
  const indexStarted = performance.now();
  for (let i = 0; i < pending.length; i += 500) {
    const batch = pending.slice(i, i + 500);
    const ids = [...new Set(batch.map((m) => Number((m.payload as { questionId: number }).questionId)))];
    await withBusyRetries(async () => {
      const docs = ids.map((id) => questionDocument(db, id));
      await ctx.search.index(docs.filter((d) => d !== null));
      const gone = ids.filter((_, k) => docs[k] === null);
      if (gone.length) await ctx.search.remove(gone.map((id) => ({ type: 'question' as const, id })));
      db.update(outbox)
        .set({ processedAt: Date.now(), attempts: 1 })
        .where(inArray(outbox.id, batch.map((m) => m.id)))
        .run();
    }, { onRetry: () => busyRetries++ });
    indexBar.update(i + batch.length);
  }
  indexBar.stop();
  // Other outbox messages (mail, articles) are left to the server's drain: running them here too could send a mail twice.
  console.log(`Indexed ${pending.length} threads in ${((performance.now() - indexStarted) / 1000).toFixed(1)} s.`);
}
db.$client.close();
process.exit(summary.rejected > 0 && summary.created + summary.updated + summary.skipped === 0 ? 1 : 0);

/** `--generate N FILE`: a synthetic dump of N questions (~4 answers each) to try or time the import with. */
async function writeSyntheticDump(path: string, size: number): Promise<void> {
  const text = createTextGenerator(7);
  const out = createWriteStream(path);
  const start = Date.UTC(2019, 0, 1);
  for (let i = 0; i < size; i++) {
    const locale = text.rand() < 0.6 ? 'es' : 'en';
    const createdAt = start + i * 600_000;
    const n = text.between(0, 8);
    const accepted = n > 0 && text.rand() < 0.5 ? text.between(0, n - 1) : -1;
    const line = {
      sourceId: `gen-${i}`,
      title: text.title(locale),
      body: text.body(locale, 2, 5),
      locale,
      category: ['internet', 'billing', 'mobile', 'nope'][i % 4],
      tags: [text.title(locale).split(' ')[0]!.toLowerCase().normalize('NFKD').replace(/[^a-z]/g, '') || 'misc'],
      author: `user${text.between(1, 5000)}`,
      createdAt: new Date(createdAt).toISOString(),
      url: `https://old.example.com/t/${i}`,
      answers: Array.from({ length: n }, (_, j) => ({
        sourceId: `gen-${i}-${j}`,
        body: text.body(locale, 1, 4),
        author: `user${text.between(1, 5000)}`,
        createdAt: createdAt + (j + 1) * 3_600_000,
        accepted: j === accepted,
        score: text.between(-1, 10),
      })),
    };
    if (!out.write(JSON.stringify(line) + '\n')) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
  console.log(`Wrote ${size} questions to ${path}.`);
}
