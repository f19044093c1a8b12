import type { Db } from '../../../db/client';
import { nudgeAskersToAccept } from '../community/nudge-askers';
import { sendNotificationMails } from '../notifications/notify';

/**
 * The periodic community jobs: remind askers to accept (once per question), then mail pending notifications and
 * digests. Meant to run every few minutes from the server's timer. Returns what it did.
 */
export function runNotificationJobs(db: Db, options: { siteUrl: string; now: number; nudgeAskerAfterMs?: number }): { nudged: number; mails: number } {
  const nudged = nudgeAskersToAccept(db, options.now, options.nudgeAskerAfterMs);
  const mails = sendNotificationMails(db, options);
  return { nudged, mails };
}
