import { endianness } from 'node:os';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { DAY_MS, startOfUtcDay, type Period } from './filters';

/**
 * Unique visitors of a range without a `count(distinct)` over every visitor-day of the range: each closed UTC day's
 * visitors are kept as a packed set of small integers (kpi_visitor_sets, ids from kpi_visitors), and a range is the
 * union of its closed days' sets plus the visitor keys of the days not sealed yet (today, read from
 * kpi_visitor_days). Exact, unlike a HyperLogLog sketch: the figure equals the count over the facts.
 */

/** The kpi_progress row whose `last_id` is the first day not sealed (every day before it has its sets). */
const SEALED = 'visitor_sets';

export function sealedUntil(db: Db): number | null {
  return db.get<{ last_id: number }>(sql`select last_id from kpi_progress where source = ${SEALED}`)?.last_id ?? null;
}

/** Packs sorted ids as 32-bit little-endian integers. */
export function packIds(ids: readonly number[]): Buffer {
  const buf = Buffer.allocUnsafe(ids.length * 4);
  for (let i = 0; i < ids.length; i++) buf.writeUInt32LE(ids[i]!, i * 4);
  return buf;
}

const NATIVE_LE = endianness() === 'LE';

/** The ids of a packed set: a view on the bytes when they are aligned and the machine is little-endian, else a copy. */
export function unpackIds(buf: Buffer): Uint32Array {
  const n = buf.length >>> 2;
  if (NATIVE_LE && buf.byteOffset % 4 === 0) return new Uint32Array(buf.buffer, buf.byteOffset, n);
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = buf.readUInt32LE(i * 4);
  return out;
}

/** Writes the sets of one day again from its kpi_visitor_days rows, giving new visitor keys their ids. */
function buildDay(db: Db, day: number): void {
  db.run(sql`insert or ignore into kpi_visitors (visitor_key) select distinct visitor_key from kpi_visitor_days where day = ${day}`);
  db.run(sql`delete from kpi_visitor_sets where day = ${day}`);
  const rows = db.all<{ locale: string; categoryId: number; id: number }>(sql`
    select d.locale, d.category_id as categoryId, v.id from kpi_visitor_days d join kpi_visitors v on v.visitor_key = d.visitor_key
    where d.day = ${day} order by d.locale, d.category_id, v.id`);
  let i = 0;
  while (i < rows.length) {
    const { locale, categoryId } = rows[i]!;
    const ids: number[] = [];
    for (; i < rows.length && rows[i]!.locale === locale && rows[i]!.categoryId === categoryId; i++) ids.push(rows[i]!.id);
    db.run(sql`insert into kpi_visitor_sets (day, locale, category_id, size, members) values (${day}, ${locale}, ${categoryId}, ${ids.length}, ${packIds(ids)})`);
  }
}

/**
 * Rebuilds the sets of sealed days that gained visitor-day rows (events that reached the rollup after their day
 * ended). Call in the transaction that added those rows, with the days they fell on.
 */
export function refreshSealedDays(db: Db, days: Iterable<number>): void {
  const until = sealedUntil(db);
  if (until === null) return;
  for (const day of new Set(days)) if (day < until) buildDay(db, day);
}

/** The UTC days of the view events with lo < id ≤ hi (the rows one rollup step took in). */
export function viewDays(db: Db, lo: number, hi: number): number[] {
  return db
    .all<{ d: number }>(sql`select distinct (occurred_at / ${sql.raw(String(DAY_MS))}) * ${sql.raw(String(DAY_MS))} as d from events where id > ${lo} and id <= ${hi} and type in ('article.viewed', 'question.viewed')`)
    .map((r) => r.d);
}

/**
 * Seals the days before today's UTC day that are not sealed yet, at most `limit`: builds their sets, one transaction
 * per day. The first run (or one after a rebuild) starts from the earliest visitor-day. Returns the days sealed.
 */
export function sealVisitorSets(db: Db, now: number, limit = Infinity): number {
  const today = startOfUtcDay(now);
  const from = sealedUntil(db) ?? 0;
  const seal = (tx: Db, until: number) =>
    tx.run(sql`insert into kpi_progress (source, last_id, updated_at) values (${SEALED}, ${until}, ${now}) on conflict do update set last_id = excluded.last_id, updated_at = excluded.updated_at`);
  let sealed = 0;
  // Days without visitors need no set: jump from one day with visitor-days to the next.
  for (let day: number | null = nextDay(db, from, today); day !== null && sealed < limit; day = nextDay(db, day + DAY_MS, today)) {
    const d = day;
    db.transaction((tx) => {
      buildDay(tx, d);
      seal(tx, d + DAY_MS);
    });
    sealed++;
  }
  if (sealed < limit && from < today) seal(db, today);
  return sealed;
}

/** The first day in [from, before) with visitor-day rows, or null. */
function nextDay(db: Db, from: number, before: number): number | null {
  return db.get<{ d: number | null }>(sql`select min(day) as d from kpi_visitor_days where day >= ${from} and day < ${before}`)?.d ?? null;
}

/** Forgets every set (a rebuild of the rollups seals again from the start). */
export function clearVisitorSets(db: Db): void {
  db.run(sql`delete from kpi_visitor_sets`);
  db.run(sql`delete from kpi_visitors`);
  db.run(sql`delete from kpi_progress where source = ${SEALED}`);
}

export interface VisitorScope {
  locale: string | null;
  categoryIds: readonly number[] | null;
}

function scopeSql(scope: VisitorScope, alias: string): SQL {
  const parts: SQL[] = [sql`1 = 1`];
  if (scope.locale) parts.push(sql`${sql.raw(`${alias}.locale`)} = ${scope.locale}`);
  if (scope.categoryIds)
    parts.push(
      sql`${sql.raw(`${alias}.category_id`)} in (${sql.join(
        scope.categoryIds.map((id) => sql`${id}`),
        sql`, `,
      )})`,
    );
  return sql.join(parts, sql` and `);
}

/**
 * Unique visitors in `range` within the scope: the union of the sealed days' sets (a bitmap over visitor ids) and the
 * visitor keys of the unsealed days, each counted once.
 */
export function countVisitors(db: Db, range: Period, scope: VisitorScope): number {
  const until = sealedUntil(db) ?? range.from;
  const sealedTo = Math.min(range.to, Math.max(until, range.from));
  const maxId = db.get<{ m: number | null }>(sql`select max(id) as m from kpi_visitors`)?.m ?? 0;
  const seen = new Uint32Array((maxId >>> 5) + 1);
  let count = 0;
  const mark = (id: number) => {
    const word = id >>> 5;
    const bit = 1 << (id & 31);
    if ((seen[word]! & bit) === 0) {
      seen[word] = seen[word]! | bit;
      count++;
    }
  };
  if (sealedTo > range.from) {
    const sets = db.all<{ members: Buffer }>(sql`select members from kpi_visitor_sets s where s.day >= ${range.from} and s.day < ${sealedTo} and ${scopeSql(scope, 's')}`);
    // The hot loop of the overview (hundreds of thousands of ids): mark() inlined.
    for (const { members } of sets) {
      const ids = unpackIds(members);
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i]!;
        const word = id >>> 5;
        const bit = 1 << (id & 31);
        if ((seen[word]! & bit) === 0) {
          seen[word] = seen[word]! | bit;
          count++;
        }
      }
    }
  }
  if (range.to > sealedTo) {
    const open = db.all<{ key: string; id: number | null }>(sql`
      select d.visitor_key as key, v.id from kpi_visitor_days d left join kpi_visitors v on v.visitor_key = d.visitor_key
      where d.day >= ${sealedTo} and d.day < ${range.to} and ${scopeSql(scope, 'd')}`);
    // A key without an id is in no sealed set yet: counted once by itself.
    const fresh = new Set<string>();
    for (const r of open) {
      if (r.id !== null && r.id <= maxId) mark(r.id);
      else fresh.add(r.key);
    }
    count += fresh.size;
  }
  return count;
}
