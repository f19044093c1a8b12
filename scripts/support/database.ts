import { createDb, runMigrations, type SqliteDb } from '../../db/client';
import { addMissingSeedSections, loadDemo, DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../src/lib/demo/load-demo';
import { createContext } from '../../src/lib/server/context';
import type { Config } from '../../src/lib/server/config';
import { progressBar } from './progress';

export function openMigrated(config: Config): SqliteDb {
  const db = createDb(config.DATABASE_PATH, { synchronous: config.SQLITE_SYNCHRONOUS });
  runMigrations(db);
  return db;
}

/** Loads the demo when the database is empty, then drains the outbox so search has everything. */
export async function seedIfEmpty(config: Config, db: SqliteDb): Promise<boolean> {
  let bar: ReturnType<typeof progressBar> | null = null;
  const result = await loadDemo(db, Date.now(), (done, total) => {
    bar ??= progressBar('Demo questions', total);
    bar.update(done);
  });
  (bar as ReturnType<typeof progressBar> | null)?.stop();
  if (!result.loaded) {
    const added = addMissingSeedSections(db);
    if (added) console.log(`Added ${added} KB sections the demo database lacked.`);
    return false;
  }
  const ctx = createContext(config, { db });
  await ctx.drain();
  console.log(`Loaded the demo: ${result.users} accounts, ${result.articles} articles, ${result.questions} questions, ${result.answers} answers.`);
  return true;
}

export function printDemoAccounts(siteUrl: string): void {
  console.log('\nDemo accounts (password for all: %s)', DEMO_PASSWORD);
  for (const a of DEMO_ACCOUNTS) console.log(`  ${a.role.padEnd(10)} ${a.email.padEnd(28)} ${a.displayName}`);
  console.log(`\nResuelve is running at ${siteUrl}  (Ctrl+C to stop)\n`);
}
