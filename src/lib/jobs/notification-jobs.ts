import type { Db } from '../../../db/client';
import { nudgeAskersToAccept, type NudgeCursor } from '../community/nudge-askers';
import { sendNotificationMails } from '../notifications/notify';

/** One scheduled run of the nudge looks at this many candidate questions and reminds at most NUDGE_LIMIT_PER_RUN. */
export const NUDGE_SCAN_PER_RUN = 1000;
export const NUDGE_LIMIT_PER_RUN = 50;

/**
 * The periodic community jobs: remind askers to accept (once per question), then mail pending notifications and
 * digests. Meant to run every few minutes from the server's timer. With `nudgeCursor` (the scheduler's job state),
 * each run nudges from the next candidate questions only (a bounded batch; the next run goes on); without it, from all. Returns what it did.
 */
export function runNotificationJobs(db: Db, options: { siteUrl: string; now: number; nudgeAskerAfterMs?: number; nudgeCursor?: NudgeCursor }): { nudged: number; mails: number } {
  const nudged = options.nudgeCursor
    ? nudgeAskersToAccept(db, options.now, options.nudgeAskerAfterMs, NUDGE_LIMIT_PER_RUN, { scan: NUDGE_SCAN_PER_RUN, cursor: options.nudgeCursor })
    : nudgeAskersToAccept(db, options.now, options.nudgeAskerAfterMs);
  const mails = sendNotificationMails(db, options);
  return { nudged, mails };
}
