/**
 * The member page's lists (the member's latest questions, answers and accepted answers, and their badges) as the page
 * wrote them, kept in `member_page_lists` per member and language. Rendering them reads some 150 rows; the page reads
 * them back in one row while nothing they show has changed: triggers bump the member's list version
 * (`member_list_versions`, migration 0017) in the transaction of every change to those facts, and a stored row counts
 * only at the version and markup fingerprint it was rendered from. A page that renders them live queues its rendering
 * here; the server writes the queue every WRITE_PAGE_LISTS_MS, in one transaction, leaving out those whose version moved.
 */
import { sql } from 'drizzle-orm';
import type { Db, SqliteDb } from '../../../db/client';
import { equalsBound, preparedPerConnection } from '../../../db/prepared';
import { memberPageLists } from '../../../db/schema/index';
import type { Locale } from '../i18n/index';

/** The lists as the page writes them: the items of each list (empty: none), and the badges held per tier. */
export interface PageListsHtml {
  badgeCounts: { gold: number; silver: number; bronze: number };
  badges: string;
  questions: string;
  accepted: string;
  answers: string;
}

/** A rendering of the lists to keep: for `userId` in `locale`, from the facts at `version`, by markup `fingerprint`. */
export interface PageListsRendering {
  userId: number;
  locale: Locale;
  version: number;
  fingerprint: string;
  html: PageListsHtml;
}

const queries = preparedPerConnection((db: Db) => ({
  stored: db
    .select({
      gold: memberPageLists.gold,
      silver: memberPageLists.silver,
      bronze: memberPageLists.bronze,
      badges: memberPageLists.badges,
      questions: memberPageLists.questions,
      accepted: memberPageLists.accepted,
      answers: memberPageLists.answers,
    })
    .from(memberPageLists)
    .where(
      sql`${equalsBound(memberPageLists.userId, sql.placeholder('userId'))} and ${memberPageLists.locale} = ${sql.placeholder('locale')}
        and ${memberPageLists.version} = ${sql.placeholder('version')} and ${memberPageLists.fingerprint} = ${sql.placeholder('fingerprint')}`,
    )
    .prepare(),
}));

/** The lists stored for this member, language, version and markup; null when there are none (render them). */
export function storedPageLists(db: Db, userId: number, locale: Locale, version: number, fingerprint: string): PageListsHtml | null {
  const row = queries(db).stored.get({ userId, locale, version, fingerprint });
  if (!row) return null;
  const { gold, silver, bronze, ...lists } = row;
  return { badgeCounts: { gold, silver, bronze }, ...lists };
}

// Written only while the member's version is still the one rendered.
const STORE_SQL = `insert into member_page_lists (user_id, locale, version, fingerprint, gold, silver, bronze, badges, questions, accepted, answers)
  select @userId, @locale, @version, @fingerprint, @gold, @silver, @bronze, @badges, @questions, @accepted, @answers
  where coalesce((select version from member_list_versions where user_id = @userId), 0) = @version
  on conflict (user_id, locale) do update set version = excluded.version, fingerprint = excluded.fingerprint, gold = excluded.gold,
    silver = excluded.silver, bronze = excluded.bronze, badges = excluded.badges, questions = excluded.questions,
    accepted = excluded.accepted, answers = excluded.answers`;

/** Renderings waiting to be written, per connection (one per member and language: the latest). */
const pending = new WeakMap<SqliteDb, Map<string, PageListsRendering>>();
/** Past this many, renderings are not queued (the pages render their lists live until the queue is written). */
const MAX_PENDING = 1000;
/** How often the server writes the queue (src/lib/server/context.ts). */
export const WRITE_PAGE_LISTS_MS = 250;

/** Queues a rendering to write (the latest per member and language). */
export function keepPageLists(db: SqliteDb, rendering: PageListsRendering): void {
  let queue = pending.get(db);
  if (!queue) pending.set(db, (queue = new Map()));
  if (queue.size < MAX_PENDING) queue.set(`${rendering.userId}:${rendering.locale}`, rendering);
}

/**
 * Writes the queued renderings in one transaction; those whose member changed since are left out. The queue is
 * emptied first: if the write fails, those pages render their lists again and queue them anew.
 */
export function writePageLists(db: SqliteDb): number {
  const queue = pending.get(db);
  if (!queue || queue.size === 0) return 0;
  const renderings = [...queue.values()];
  queue.clear();
  const store = db.$client.prepare(STORE_SQL);
  let written = 0;
  db.transaction(() => {
    for (const { userId, locale, version, fingerprint, html } of renderings) {
      written += store.run({ userId, locale, version, fingerprint, ...html.badgeCounts, badges: html.badges, questions: html.questions, accepted: html.accepted, answers: html.answers }).changes;
    }
  });
  return written;
}
