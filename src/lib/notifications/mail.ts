import { desc, eq, lt } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { mails } from '../../../db/schema/index';
import { enqueue } from '../jobs/outbox';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** The port for delivering mail: SMTP through nodemailer, or none (mail stays in the outbox for admins to read). */
export interface MailTransport {
  readonly name: string;
  send(message: MailMessage): Promise<void>;
}

/** Stores a mail and schedules its delivery. Call inside the transaction of the change that causes it. */
export function queueMail(db: Db, message: MailMessage, now: number): number {
  const row = db.insert(mails).values({ ...message, createdAt: now }).returning({ id: mails.id }).get();
  enqueue(db, 'mail.queued', { mailId: row.id }, now);
  return row.id;
}

export async function deliverMail(db: Db, transport: MailTransport | null, mailId: number, now: number): Promise<void> {
  const mail = db.select().from(mails).where(eq(mails.id, mailId)).get();
  if (!mail || mail.sentAt !== null) return;
  if (transport) await transport.send({ to: mail.to, subject: mail.subject, text: mail.text });
  db.update(mails)
    .set({ sentAt: transport ? now : null, transport: transport?.name ?? 'stored' })
    .where(eq(mails.id, mailId))
    .run();
}

export interface MailPage {
  items: (typeof mails.$inferSelect)[];
  nextCursor: number | null;
}

export function listMails(db: Db, cursor: number | null, limit = 50): MailPage {
  const items = db
    .select()
    .from(mails)
    .where(cursor ? lt(mails.id, cursor) : undefined)
    .orderBy(desc(mails.id))
    .limit(limit + 1)
    .all();
  const more = items.length > limit;
  if (more) items.pop();
  return { items, nextCursor: more ? (items.at(-1)?.id ?? null) : null };
}
