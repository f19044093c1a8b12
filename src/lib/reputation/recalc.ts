import { sql, type SQL } from 'drizzle-orm';
import type { Db, SqliteDb } from '../../../db/client';
import { loadSettings, scopesOf } from './ledger';
import { dayStart, type LedgerSource } from './rules';

/**
 * The score scopes as SQL over ledger rows `l` (the same keys as ledger.scopesOf; the import tests recalc after it):
 * one grouped select per kind of scope over the rows `filter` selects (the new ones after a bulk insert).
 */
function scopeSelects(filter: SQL, kinds: 'primary' | 'ranking'): { label: string; query: SQL }[] {
  const earned = sql`l.source <> 'reward' and ${filter}`;
  const month = sql`'m:' || strftime('%Y-%m', l.created_at / 1000, 'unixepoch')`;
  const week = sql`'w:' || date(l.created_at / 1000, 'unixepoch', '-6 days', 'weekday 1')`;
  const grouped = (label: string, scope: SQL, where: SQL, join: SQL = sql``) => ({
    label,
    query: sql`select ${scope} as scope, l.user_id as user_id, sum(l.amount) as points from points_ledger l ${join} where ${where} group by 1, 2`,
  });
  if (kinds === 'primary') return [grouped('balance', sql`'balance'`, filter), grouped('all', sql`'all'`, earned)];
  return [
    grouped('all per locale', sql`'all|' || l.locale`, sql`${earned} and l.locale is not null`),
    grouped('month', month, earned),
    grouped('month per locale', sql`${month} || '|' || l.locale`, sql`${earned} and l.locale is not null`),
    grouped('week', week, earned),
    grouped('week per locale', sql`${week} || '|' || l.locale`, sql`${earned} and l.locale is not null`),
    grouped('category', sql`'c:' || l.category_id`, sql`${earned} and l.category_id is not null`),
    grouped('tag', sql`'t:' || qt.tag_id`, earned, sql`join question_tags qt on qt.question_id = l.question_id`),
  ];
}

export interface RecalcReport {
  /** Scores (member × scope) compared. */
  scores: number;
  /** Those whose live value differed from the ledger, with a few examples. */
  differences: number;
  examples: { scope: string; userId: number; live: number; ledger: number }[];
  ledgerRows: number;
  ms: number;
}

/**
 * Rebuilds every score from the ledger in one pass, with the same scope keys the live path writes
 * (ledger.scopesOf), and reports where the live counters differed; only then rewrites them. One transaction: readers
 * see the old scores until it commits.
 */
export function recalcScores(db: SqliteDb, onProgress?: (done: number, total: number) => void): RecalcReport {
  const started = performance.now();
  const client = db.$client;
  applyRankingScores(db);
  return db.transaction(() => {
    const total = (client.prepare('select count(*) as n from points_ledger').get() as { n: number }).n;
    // Scopes are numbered once (scopeIds) and summed per scope in maps keyed by member id: 14 million additions on
    // small integers instead of string keys. A row's scopes come from scopesOf, cached per (day, place) and per question.
    const scopeIds = new Map<string, number>();
    const scopeNames: string[] = [];
    const sums: Map<number, number>[] = [];
    const idOf = (scope: string) => {
      let id = scopeIds.get(scope);
      if (id === undefined) {
        id = scopeNames.push(scope) - 1;
        scopeIds.set(scope, id);
        sums.push(new Map());
      }
      return id;
    };
    const tagScopesOf = new Map<number, number[]>();
    for (const [questionId, tagId] of client.prepare('select question_id, tag_id from question_tags').raw().iterate() as Iterable<[number, number]>) {
      const list = tagScopesOf.get(questionId);
      const id = idOf(`t:${tagId}`);
      if (list) list.push(id);
      else tagScopesOf.set(questionId, [id]);
    }
    const placeScopes = new Map<string, number[]>();
    const rows = client.prepare('select user_id, amount, source, created_at, locale, category_id, question_id from points_ledger').raw().iterate() as Iterable<[number, number, LedgerSource, number, string | null, number | null, number | null]>;
    let done = 0;
    const add = (scope: number, userId: number, amount: number) => {
      const m = sums[scope]!;
      m.set(userId, (m.get(userId) ?? 0) + amount);
    };
    for (const [userId, amount, source, createdAt, locale, categoryId, questionId] of rows) {
      const day = dayStart(createdAt);
      const key = `${source === 'reward' ? 'r' : ''}${day}|${locale}|${categoryId}`;
      let base = placeScopes.get(key);
      if (!base) placeScopes.set(key, (base = scopesOf({ source, createdAt: day, locale, categoryId }, []).map(idOf)));
      for (const scope of base) add(scope, userId, amount);
      if (source !== 'reward' && questionId) for (const scope of tagScopesOf.get(questionId) ?? []) add(scope, userId, amount);
      if (++done % 100_000 === 0) onProgress?.(done, total);
    }
    onProgress?.(total, total);
    let differences = 0;
    const examples: RecalcReport['examples'] = [];
    const differ = (scope: string, userId: number, live: number, ledger: number) => {
      differences++;
      if (examples.length < 5) examples.push({ scope, userId, live, ledger });
    };
    let scores = 0;
    for (const m of sums) for (const points of m.values()) if (points !== 0) scores++;
    // Live scores are compared and taken off the expected sums; what remains non-zero has no live row.
    const seen = sums.map(() => new Set<number>());
    for (const [scope, userId, points] of client.prepare('select scope, user_id, points from reputation_scores').raw().iterate() as Iterable<[string, number, number]>) {
      const id = scopeIds.get(scope);
      const ledger = id === undefined ? 0 : (sums[id]!.get(userId) ?? 0);
      if (id !== undefined) seen[id]!.add(userId);
      if (ledger !== points) differ(scope, userId, points, ledger);
    }
    sums.forEach((m, id) => {
      for (const [userId, points] of m) if (points !== 0 && !seen[id]!.has(userId)) differ(scopeNames[id]!, userId, 0, points);
    });
    if (differences) {
      client.prepare('delete from reputation_scores').run();
      const insert = client.prepare('insert into reputation_scores (scope, user_id, points) values (?, ?, ?)');
      sums.forEach((m, id) => {
        for (const [userId, points] of m) if (points !== 0) insert.run(scopeNames[id]!, userId, points);
      });
    }
    const last = (client.prepare('select coalesce(max(id), 0) as id from points_ledger').get() as { id: number }).id;
    client.prepare('insert into reputation_progress (id, applied_ledger_id) values (1, ?) on conflict (id) do update set applied_ledger_id = excluded.applied_ledger_id').run(last);
    return { scores, differences, examples, ledgerRows: total, ms: Math.round(performance.now() - started) };
  });
}

/** Adds the ledger rows `filter` selects to the scores of the given kind. */
function addToScores(db: Db, filter: SQL, kinds: 'primary' | 'ranking'): void {
  for (const s of scopeSelects(filter, kinds)) {
    db.run(sql`insert into reputation_scores (scope, user_id, points) select * from (${s.query}) where true
      on conflict (scope, user_id) do update set points = points + excluded.points`);
  }
}

/**
 * Takes the ledger rows written since the last call into the ranking scopes (periods, locales, categories, tags), in
 * one transaction; the drain and the job tick call it right after writes. Returns how many rows it took in.
 */
export function applyRankingScores(db: Db): { rows: number } {
  return db.transaction((tx) => {
    const applied = tx.get<{ id: number }>(sql`select applied_ledger_id as id from reputation_progress where id = 1`)?.id ?? 0;
    const last = tx.get<{ id: number }>(sql`select coalesce(max(id), 0) as id from points_ledger`)!.id;
    if (last <= applied) return { rows: 0 };
    addToScores(tx, sql`l.id > ${applied} and l.id <= ${last}`, 'ranking');
    tx.run(sql`insert into reputation_progress (id, applied_ledger_id) values (1, ${last}) on conflict (id) do update set applied_ledger_id = excluded.applied_ledger_id`);
    return { rows: last - applied };
  });
}

/**
 * Imported posts earn points in one pass: their imported score (× the upvote weight of their kind, or × the downvote
 * weight when negative) and their imported acceptance. Re-running it pays only what is new; a post whose imported
 * score changed gets its previous import row reversed first. Daily and pair caps do not apply to history.
 */
export function awardImportedPoints(db: Db, now: number): { rows: number } {
  const { weights: w } = loadSettings(db);
  const result = db.transaction((tx) => {
    const before = tx.get<{ id: number }>(sql`select coalesce(max(id), 0) as id from points_ledger`)!.id;
    const posts = sql`
      select q.id as post_id, q.id as question_id, q.author_id as user_id, q.score as score, ${w.questionUpvoted} as up, q.locale as locale, q.category_id as category_id
        from questions q where q.source_id is not null and q.deleted_at is null and q.status = 'published'
      union all
      select a.id, a.question_id, a.author_id, a.score, ${w.answerUpvoted}, q.locale, q.category_id
        from answers a join questions q on q.id = a.question_id
        where a.source_id is not null and a.deleted_at is null and a.status = 'published' and q.deleted_at is null and q.status = 'published'`;
    const amount = sql`case when p.score > 0 then p.score * p.up else p.score * ${w.downvoteReceived} end`;
    const open = sql`l.post_id = p.post_id and l.reason = 'import.score' and l.reversed_by is null and l.reverses_id is null`;
    // Stale rows (the imported score changed): reverse them, then the insert below writes the new amount.
    const stale = tx.all<{ id: number; user_id: number; amount: number; post_id: number; question_id: number; locale: string; category_id: number }>(
      sql`select l.id, l.user_id, l.amount, l.post_id, l.question_id, l.locale, l.category_id from (${posts}) p join points_ledger l on ${open} where l.amount <> ${amount}`,
    );
    for (const r of stale) {
      const rev = tx.get<{ id: number }>(
        sql`insert into points_ledger (user_id, amount, reason, source, post_id, question_id, locale, category_id, note, reverses_id, created_at)
            values (${r.user_id}, ${-r.amount}, 'import.score', 'post', ${r.post_id}, ${r.question_id}, ${r.locale}, ${r.category_id}, 'reimported', ${r.id}, ${now}) returning id`,
      )!;
      tx.run(sql`update points_ledger set reversed_by = ${rev.id} where id = ${r.id}`);
    }
    tx.run(sql`insert into points_ledger (user_id, amount, reason, source, post_id, question_id, locale, category_id, note, created_at)
      select p.user_id, ${amount}, 'import.score', 'post', p.post_id, p.question_id, p.locale, p.category_id, '', ${now}
      from (${posts}) p where p.score <> 0 and not exists (select 1 from points_ledger l where ${open})`);
    tx.run(sql`insert into points_ledger (user_id, amount, reason, source, post_id, question_id, actor_id, locale, category_id, note, created_at)
      select a.author_id, ${w.answerAccepted}, 'import.accepted', 'acceptance', a.id, q.id, aa.accepted_by, q.locale, q.category_id, '', ${now}
      from accepted_answers aa join answers a on a.id = aa.answer_id join questions q on q.id = aa.question_id
      where a.source_id is not null and a.deleted_at is null and q.deleted_at is null and a.author_id <> q.author_id
        and not exists (select 1 from points_ledger l where l.post_id in (select id from answers where question_id = q.id) and l.question_id = q.id and l.source = 'acceptance' and l.reversed_by is null and l.reason not in ('post.deleted', 'post.hidden'))`);
    const after = tx.get<{ id: number }>(sql`select coalesce(max(id), 0) as id from points_ledger`)!.id;
    addToScores(tx, sql`l.id > ${before}`, 'primary');
    tx.run(sql`insert into outbox (topic, payload, created_at, available_at)
      select 'reputation.badges', json_object('userId', user_id, 'event', 'all'), ${now}, ${now} from (select distinct user_id from points_ledger where id > ${before})`);
    return { rows: after - before };
  });
  applyRankingScores(db);
  return result;
}

/**
 * Counts the members of each rank band again from the `all` scores (staff left out) and compares with rank_bands
 * (kept by triggers, migration 0016); where they differ, the recount is written. Returns how many bands differed.
 */
export function recountRankBands(db: SqliteDb): { bands: number; differences: number } {
  const client = db.$client;
  return db.transaction(() => {
    const want = new Map<number, number>();
    const counts = client.prepare(
      "select points >> 4, count(*) from reputation_scores where scope = 'all' and user_id not in (select id from users where role in ('agent', 'admin')) group by 1",
    );
    for (const [band, members] of counts.raw().iterate() as Iterable<[number, number]>) want.set(band, members);
    const have = new Map<number, number>();
    for (const [band, members] of client.prepare('select band, members from rank_bands').raw().iterate() as Iterable<[number, number]>) have.set(band, members);
    const write = client.prepare('insert into rank_bands (band, members) values (?, ?) on conflict (band) do update set members = excluded.members');
    let differences = 0;
    for (const band of new Set([...want.keys(), ...have.keys()])) {
      const members = want.get(band) ?? 0;
      if ((have.get(band) ?? 0) === members) continue;
      differences++;
      write.run(band, members);
    }
    return { bands: want.size, differences };
  });
}
