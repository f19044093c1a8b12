import type { Db } from '../../../db/client';
import type { CommunityDelays } from '../community/delays';
import { closeStaleCases, runSlaAlerts } from '../cases/case-jobs';
import { runEscalationRules } from '../escalation/evaluate';
import type { JobDefinition, Scheduler } from '../jobs/scheduler';
import { runNotificationJobs } from '../jobs/notification-jobs';
import { sendKpiDigest } from '../reports/digest';
import { runReputationJobs } from '../reputation/jobs';
import type { Config } from './config';

/** What the jobs need from the composition root. */
export interface JobDependencies {
  db: Db;
  config: Config;
  delays: CommunityDelays;
}

const MINUTE = 60_000;

/**
 * Every periodic job of the product, in the order a tick runs them. Add a domain's job here: a name, a period and a
 * call to its use case (see src/lib/jobs/scheduler.ts).
 */
export function productJobs(ctx: JobDependencies): JobDefinition[] {
  const day = 24 * 3600 * 1000;
  // Deadlines are checked at every tick of the scheduler (a pass is cheap: see the README's bench).
  const everyTick = Math.max(ctx.config.SCHEDULER_INTERVAL_MS, 1000);
  return [
    { name: 'escalation.rules', everyMs: everyTick, run: (now, progress) => runEscalationRules(ctx.db, now, progress) },
    { name: 'cases.sla', everyMs: everyTick, run: (now) => runSlaAlerts(ctx.db, now) },
    {
      name: 'cases.close',
      everyMs: 15 * MINUTE,
      run: (now) => closeStaleCases(ctx.db, now, { abandonAfterMs: ctx.config.CASE_ABANDON_AFTER_DAYS * day, closeSolvedAfterMs: ctx.config.CASE_REOPEN_WITHIN_DAYS * day }),
    },
    {
      name: 'notifications.mail',
      everyMs: MINUTE,
      run: (now, progress) => runNotificationJobs(ctx.db, { siteUrl: ctx.config.SITE_URL, now, nudgeAskerAfterMs: ctx.delays.nudgeAskerAfterMs, nudgeCursor: progress.state }),
    },
    // Sends once a week (the digest keeps which week it sent); checking is a read.
    { name: 'reports.digest', everyMs: MINUTE, run: (now) => ({ sent: sendKpiDigest(ctx.db, now, ctx.config.SITE_URL) }) },
    {
      // Ranking scopes, anti-gaming reversals, superuser probation, member of the month.
      name: 'reputation.periodic',
      everyMs: MINUTE,
      run: (now) => {
        const r = runReputationJobs(ctx.db, now);
        return { rankingRows: r.rankings.rows, pairs: r.antiGaming.pairs, reversedRows: r.antiGaming.reversedRows, activated: r.probation.activated, named: r.memberOfTheMonth.named };
      },
    },
  ];
}

export function registerJobs(scheduler: Scheduler, ctx: JobDependencies): void {
  for (const job of productJobs(ctx)) scheduler.register(job);
}
