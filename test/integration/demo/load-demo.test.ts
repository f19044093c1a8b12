import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, loadDemo } from '../../../src/lib/demo/load-demo';
import { runNotificationJobs } from '../../../src/lib/jobs/notification-jobs';
import { createTestDb } from '../../helpers/db';
import { NOW } from '../../helpers/time';

describe('the demo', () => {
  it('starts each account with its recent notifications unread, not three months of reminders', async () => {
    const db = createTestDb();
    await loadDemo(db, NOW);
    // What the server's first notification run adds (reminders to accept that are due now).
    runNotificationJobs(db, { siteUrl: 'https://x.test', now: NOW });
    const unread = db.all<{ email: string; n: number }>(
      sql`select u.email, count(n.id) n from users u left join notifications n on n.user_id = u.id and n.read_at is null group by u.id`,
    );
    expect(unread).toHaveLength(DEMO_ACCOUNTS.length);
    const max = Math.max(...unread.map((u) => u.n));
    expect(max).toBeLessThanOrEqual(12);
    expect(unread.reduce((sum, u) => sum + u.n, 0)).toBeGreaterThan(0);
    // The history is still there, read.
    expect(db.get<{ n: number }>(sql`select count(*) n from notifications where read_at is not null`)!.n).toBeGreaterThan(100);
  }, 60_000);
});
