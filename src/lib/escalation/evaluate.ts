import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { categories } from '../../../db/schema/index';
import { SYSTEM } from '../cases/case-writes';
import { calendarOfQueue, loadCaseSetup } from '../cases/setup';
import type { JobProgress } from '../jobs/scheduler';
import { escalateThread, loadThreadFacts } from './escalate';
import { loadRules } from './rules';
import { creationCutoff, isEscalationDue, MANUAL_TRIGGERS, matchesKeywords, type EscalationRule } from './triggers';

/** Questions escalated per write transaction: short transactions let the server's requests interleave. */
const BATCH = 100;
/** Questions a keyword scan reads per query. */
const SCAN_CHUNK = 5000;

export interface EvaluationResult extends Record<string, number> {
  rules: number;
  candidates: number;
  escalated: number;
  joined: number;
  scanned: number;
}

function categoryFilter(db: Db, rule: EscalationRule): SQL {
  if (rule.categoryIds.length === 0) return sql`1`;
  const children = db
    .select({ id: categories.id, parentId: categories.parentId })
    .from(categories)
    .all()
    .filter((c) => c.parentId !== null && rule.categoryIds.includes(c.parentId))
    .map((c) => c.id);
  const ids = [...new Set([...rule.categoryIds, ...children])];
  return sql`q.category_id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`;
}

/**
 * Open, published threads the rule has not fired on. A thread with an open case is eligible too: the escalation joins
 * that case (and may raise its priority).
 */
function eligible(db: Db, rule: EscalationRule & { appliesFrom: number }): SQL {
  return sql`q.deleted_at is null and q.status = 'published' and q.closed_at is null and q.created_at >= ${rule.appliesFrom}
    and not exists (select 1 from escalations e where e.question_id = q.id and e.rule_id = ${rule.id} and e.automatic = 1)
    and ${categoryFilter(db, rule)}`;
}

/** The SQL side of each trigger: selects the questions whose facts make isEscalationDue true (which then confirms). */
function candidateIds(db: Db, rule: EscalationRule & { appliesFrom: number }, cutoff: number, limit: number): number[] {
  const base = eligible(db, rule);
  let query: SQL;
  switch (rule.trigger) {
    case 'no_answer':
      query = sql`select q.id from questions q where q.answer_count = 0 and q.created_at <= ${cutoff} and ${base} order by q.created_at, q.id limit ${limit}`;
      break;
    case 'no_accepted_answer':
      query = sql`select q.id from questions q where q.created_at <= ${cutoff} and not exists (select 1 from accepted_answers a where a.question_id = q.id) and ${base} order by q.created_at, q.id limit ${limit}`;
      break;
    case 'urgent_flags':
      query = sql`select q.id from questions q where q.id in (select f.question_id from flags f where f.reason = 'urgent' and f.resolved_at is null group by f.question_id having count(*) >= ${rule.params.count ?? 1}) and ${base} order by q.id limit ${limit}`;
      break;
    case 'customer_tier': {
      const tiers = rule.params.tiers ?? [];
      if (tiers.length === 0) return [];
      query = sql`select q.id from questions q where q.author_id in (select t.user_id from customer_tiers t where t.tier in (${sql.join(tiers.map((t) => sql`${t}`), sql`, `)})) and ${base} order by q.id limit ${limit}`;
      break;
    }
    default:
      return [];
  }
  return db.all<{ id: number }>(query).map((r) => r.id);
}

/**
 * Keyword rules read the questions asked since their last run (a cursor per rule in the job state) and test the
 * folded text in JS. A question edited later is not read again.
 */
function keywordCandidates(db: Db, rule: EscalationRule & { appliesFrom: number }, state: Record<string, unknown>, counters: { scanned: number }): number[] {
  const key = `keywords.${rule.id}`;
  let cursor = Number(state[key] ?? 0);
  const hits: number[] = [];
  const words = rule.params.keywords ?? { es: [], en: [] };
  const base = eligible(db, rule);
  for (;;) {
    const rows = db.all<{ id: number; locale: 'es' | 'en'; title: string; body_text: string }>(
      sql`select q.id, q.locale, q.title, q.body_text from questions q where q.id > ${cursor} and ${base} order by q.id limit ${SCAN_CHUNK}`,
    );
    for (const r of rows) if (matchesKeywords(`${r.title}\n${r.body_text}`, words[r.locale] ?? [])) hits.push(r.id);
    counters.scanned += rows.length;
    if (rows.length < SCAN_CHUNK) {
      // Questions not eligible when the scan passes them (waiting for pre-moderation, say) are not read again.
      const last = db.get<{ id: number | null }>(sql`select max(id) as id from questions`)?.id ?? cursor;
      cursor = Math.max(cursor, rows.at(-1)?.id ?? cursor, last);
      break;
    }
    cursor = rows.at(-1)!.id;
  }
  state[key] = cursor;
  return hits;
}

/**
 * The scheduler's escalation pass: for each enabled automatic rule, select the due threads in SQL, confirm each with
 * isEscalationDue, and escalate them in short write transactions. Idempotent: a thread gets one open case at most and
 * a rule fires once per thread, whatever runs concurrently (unique indexes decide). At most `limit` escalations per run.
 */
export async function runEscalationRules(db: Db, now: number, progress?: Pick<JobProgress, 'heartbeat' | 'state'>, limit = 5000): Promise<EvaluationResult> {
  const setup = loadCaseSetup(db);
  const rules = loadRules(db, { enabledOnly: true }).filter((r) => !MANUAL_TRIGGERS.includes(r.trigger));
  const result: EvaluationResult = { rules: rules.length, candidates: 0, escalated: 0, joined: 0, scanned: 0 };
  const state = progress?.state ?? {};
  for (const rule of rules) {
    const calendar = calendarOfQueue(setup, rule.queueId);
    const left = limit - result.escalated;
    if (left <= 0) break;
    const ids = rule.trigger === 'keywords' ? keywordCandidates(db, rule, state, result).slice(0, left) : candidateIds(db, rule, creationCutoff(rule, now, calendar), left);
    result.candidates += ids.length;
    for (let i = 0; i < ids.length; i += BATCH) {
      db.transaction(
        (tx) => {
          for (const q of loadThreadFacts(tx, ids.slice(i, i + BATCH))) {
            if (!isEscalationDue(q, rule, now, calendar)) continue;
            const r = escalateThread(tx, setup, q, rule, SYSTEM, now);
            if (r?.created) result.escalated++;
            else if (r) result.joined++;
          }
        },
        { behavior: 'immediate' },
      );
      if (progress && !progress.heartbeat()) return result;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  return result;
}
