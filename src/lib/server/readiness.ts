import { statfsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pendingOutboxCount } from '../jobs/outbox';
import type { AppContext } from './context';

export interface Readiness {
  /** `degraded`: reads work but writes may fail (the database's disk is nearly or wholly full). */
  status: 'ready' | 'degraded' | 'not_ready';
  checks: { database: boolean; migrations: boolean; search: boolean; storage: boolean };
  outboxPending: number | null;
  /** Free bytes on the database's filesystem (null for an in-memory database) and the configured floor. */
  storage: { freeBytes: number | null; minFreeBytes: number };
}

/** Bytes the server may still write on the database's filesystem, or null when the database is in memory. */
export function freeStorageBytes(databasePath: string): number | null {
  if (databasePath === ':memory:' || databasePath === '') return null;
  const fs = statfsSync(dirname(resolve(databasePath)));
  return fs.bavail * fs.bsize;
}

/**
 * Ready = the database answers, its schema is migrated, and the search engine answers. Under STORAGE_MIN_FREE_MB of
 * free disk it is `degraded` (still 200: reads keep working, and taking the only server out would stop them too).
 */
export async function checkReadiness(ctx: AppContext): Promise<Readiness> {
  const checks = { database: false, migrations: false, search: false, storage: false };
  let outboxPending: number | null = null;
  try {
    ctx.db.$client.prepare('select 1').get();
    checks.database = true;
    const applied = ctx.db.$client
      .prepare("select count(*) as n from sqlite_master where name in ('__drizzle_migrations', 'questions', 'search_fts')")
      .get() as { n: number };
    checks.migrations = applied.n === 3;
    if (checks.migrations) outboxPending = pendingOutboxCount(ctx.db);
  } catch {
    // reported through the checks
  }
  try {
    await ctx.search.stats();
    checks.search = true;
  } catch {
    // reported through the checks
  }
  const minFreeBytes = ctx.config.STORAGE_MIN_FREE_MB * 1024 * 1024;
  let freeBytes: number | null = null;
  try {
    freeBytes = freeStorageBytes(ctx.db.$client.name);
    checks.storage = freeBytes === null || freeBytes >= minFreeBytes;
  } catch {
    // reported through the checks
  }
  const ready = checks.database && checks.migrations && checks.search;
  return { status: !ready ? 'not_ready' : checks.storage ? 'ready' : 'degraded', checks, outboxPending, storage: { freeBytes, minFreeBytes } };
}
