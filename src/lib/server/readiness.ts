import { pendingOutboxCount } from '../jobs/outbox';
import type { AppContext } from './context';

export interface Readiness {
  status: 'ready' | 'not_ready';
  checks: { database: boolean; migrations: boolean; search: boolean };
  outboxPending: number | null;
}

/** Ready = the database answers, its schema is migrated, and the search engine answers. */
export async function checkReadiness(ctx: AppContext): Promise<Readiness> {
  const checks = { database: false, migrations: false, search: false };
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
  const ready = checks.database && checks.migrations && checks.search;
  return { status: ready ? 'ready' : 'not_ready', checks, outboxPending };
}
