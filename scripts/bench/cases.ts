import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { createDb, runMigrations, type SqliteDb } from '../../db/client';
import { createSession } from '../../src/lib/auth/sessions';
import { runEscalationRules } from '../../src/lib/escalation/evaluate';
import { getThread } from '../../src/lib/community/get-thread';
import { questionPath } from '../../src/lib/community/slug';
import { buildIfNeeded } from '../support/build';
import { progressBar } from '../support/progress';
import { generateDataset, THREAD_WITH_20_ANSWERS } from './generate';
import { load, rssMb, startServer, waitForReady, type Load } from './pages';

export interface CasesBenchOptions {
  size: number;
  duration: number;
  connections: number;
  fresh: boolean;
  port: number;
  /** Skips the escalation pass (minutes on 100k threads) to measure only the pages. */
  pagesOnly?: boolean;
  log: (...args: unknown[]) => void;
}

const DAY = 24 * 3600 * 1000;
const STATUSES = ['new', 'open', 'pending_customer', 'on_hold', 'solved', 'closed'] as const;

/**
 * Adds `size` cases (a third of them open, each with its SLA clocks and a short timeline) to a copy of the pages
 * dataset, by bulk insert: the use cases that write them are measured by the tests, this fills the tables.
 */
function seedCases(db: SqliteDb, size: number, now: number): { agentId: number; caseId: number } {
  const sqlite = db.$client;
  const agents = sqlite.prepare("select id from users where role = 'agent' order by id").all() as { id: number }[];
  // Questions and answers share one id space: the thread ids are not 1…N.
  const threadIds = (sqlite.prepare('select id from questions order by id').all() as { id: number }[]).map((r) => r.id);
  const insertCase = sqlite.prepare(
    `insert into cases (channel, status, priority, subject, body, locale, user_id, email, name, question_id, category_id, queue_id, assignee_id, tags, created_at, updated_at, status_changed_at, solved_at, closed_at, close_reason, first_response_at, agent_replies)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, '[]', ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertClock = sqlite.prepare('insert into case_sla_clocks (case_id, kind, started_at, target_ms, due_at, warn_at, stopped_at, breached_at) values (?, ?, ?, ?, ?, ?, ?, ?)');
  const insertEvent = sqlite.prepare("insert into case_events (case_id, type, actor_id, actor_kind, data, created_at) values (?, ?, ?, ?, ?, ?)");
  const question = sqlite.prepare('select title, body_text, locale, author_id, category_id from questions where id = ?');
  const bar = progressBar(`Seeding ${size.toLocaleString('en')} cases`, size);
  let sample = 0;
  for (let from = 0; from < size; from += 2000) {
    sqlite.transaction(() => {
      for (let i = from; i < Math.min(from + 2000, size); i++) {
        // A third of the cases come from threads (each thread at most one: one open case per thread), the rest from the contact form.
        const qid = i % 3 === 0 ? (threadIds[1 + i / 3] ?? null) : null;
        const q = qid ? (question.get(qid) as { title: string; body_text: string; locale: 'es' | 'en'; author_id: number; category_id: number }) : null;
        const status = STATUSES[i % STATUSES.length]!;
        const open = status !== 'solved' && status !== 'closed';
        const created = now - Math.floor((i / size) * 180 * DAY) - 3600_000;
        const agent = agents[i % agents.length]!.id;
        const replied = status !== 'new';
        const { lastInsertRowid } = insertCase.run(
          qid ? 'thread' : 'contact_form', status, ['low', 'normal', 'high', 'urgent'][i % 4], q?.title ?? `Case subject number ${i}`, (q?.body_text ?? 'A message to support.').slice(0, 2000), q?.locale ?? (i % 2 ? 'es' : 'en'),
          q?.author_id ?? null, `customer${i % 5000}@bench.test`, `Customer ${i % 5000}`, qid, q?.category_id ?? null, i % 5 === 0 ? null : agent, created, created + 3600_000, created + 3600_000,
          open ? null : created + 7200_000, status === 'closed' ? created + 9000_000 : null, status === 'closed' ? 'solved' : null, replied ? created + 1800_000 : null, replied ? 1 : 0,
        );
        const id = Number(lastInsertRowid);
        insertClock.run(id, 'first_response', created, 8 * 3600_000, created + 8 * 3600_000, created + 6 * 3600_000, replied ? created + 1800_000 : null, null);
        insertClock.run(id, 'resolution', created, 48 * 3600_000, created + 48 * 3600_000, created + 40 * 3600_000, open ? null : created + 7200_000, open && created + 48 * 3600_000 < now ? created + 48 * 3600_000 : null);
        insertEvent.run(id, 'created', null, 'customer', '{"channel":"contact_form"}', created);
        insertEvent.run(id, 'assigned', null, 'system', `{"from":null,"to":${agent},"auto":true}`, created);
        if (replied) insertEvent.run(id, 'reply_private', agent, 'agent', '{"body":"We are looking into it."}', created + 1800_000);
        if (qid && open && !sample) sample = id;
      }
    })();
    bar.update(Math.min(from + 2000, size));
  }
  bar.stop();
  sqlite.pragma('optimize');
  return { agentId: agents[0]!.id, caseId: sample };
}

/** The escalation pass over every open thread, and the agent pages beside the thread page, on `size` threads and cases. */
export async function benchCases(opts: CasesBenchOptions) {
  const base = `bench-results/bench-${opts.size}.db`;
  const path = `bench-results/cases-${opts.size}.db`;
  if (opts.fresh || !existsSync(base)) generateDataset(base, opts.size).$client.close();
  const now = Date.now();
  let seeded: { agentId: number; caseId: number };
  if (opts.fresh || !existsSync(path)) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
    copyFileSync(base, path);
    const db = createDb(path, { synchronous: 'NORMAL' });
    runMigrations(db);
    seeded = seedCases(db, opts.size, now);
    db.$client.close();
  } else {
    opts.log(`Reusing ${path} (pass --fresh to regenerate); migrating it to this checkout.`);
    const db = createDb(path, { synchronous: 'NORMAL' });
    runMigrations(db);
    const sample = db.$client.prepare("select c.id from cases c where c.question_id is not null and c.status not in ('solved','closed') order by c.id limit 1").get() as { id: number };
    seeded = { agentId: (db.$client.prepare("select id from users where role = 'agent' order by id limit 1").get() as { id: number }).id, caseId: sample.id };
    db.$client.close();
  }

  const escalation = opts.pagesOnly ? null : await benchEscalation(path, now, opts.log);

  // Pages: a trivial page, the thread page rendered each time, the agent queue and a case page (also rendered each time).
  const read = createDb(path, { readonly: true });
  const thread = getThread(read, THREAD_WITH_20_ANSWERS)!;
  const caseCount = (read.$client.prepare('select count(*) n from cases').get() as { n: number }).n;
  read.$client.close();
  const session = (() => {
    const w = createDb(path);
    const { token } = createSession(w, seeded.agentId, now);
    w.$client.close();
    return token;
  })();
  buildIfNeeded((line) => opts.log(line));
  const port = opts.port;
  const url = `http://127.0.0.1:${port}`;
  // As the pages bench and `npm start` run it (Node flags included).
  const server = startServer(path, port, { SCHEDULER_INTERVAL_MS: '0' });
  try {
    await waitForReady(`${url}/readyz`, server);
    const agent = { cookie: `session=${session}`, 'cache-control': 'no-cache' };
    const paths = { trivial: '/es/about', thread: questionPath(thread.question.locale, thread.question), queue: '/es/agent', casePage: `/es/agent/cases/${seeded.caseId}` };
    for (const [name, p] of Object.entries(paths)) {
      const res = await fetch(url + p, { headers: name === 'queue' || name === 'casePage' ? agent : {} });
      if (res.status !== 200) throw new Error(`${p} answered ${res.status}`);
    }
    opts.log(`Warming up, then ${opts.duration} s per page with ${opts.connections} connections…`);
    const load1 = () => loadavg().map((n) => Math.round(n * 100) / 100);
    const loadBefore = load1();
    await load(server.pid!, url, 'warm-up', paths.queue, { ...opts, duration: 2 }, agent);
    const trivial = await load(server.pid!, url, 'trivial page', paths.trivial, opts);
    const threadUncached = await load(server.pid!, url, 'thread, rendered each time', paths.thread, opts, { 'cache-control': 'no-cache' });
    const queue = await load(server.pid!, url, 'agent queue (open cases)', paths.queue, opts, agent);
    const casePage = await load(server.pid!, url, 'case page', paths.casePage, opts, agent);
    const ratio = (r: Load) => Math.round((r.requestsPerSec / trivial.requestsPerSec) * 1000) / 1000;
    const memory = rssMb(server.pid!);
    const loadAfter = load1();
    return {
      size: opts.size,
      cases: caseCount,
      escalation,
      pages: { trivial, threadUncached, queue, casePage },
      ratios: { threadUncached: ratio(threadUncached), queue: ratio(queue), casePage: ratio(casePage) },
      serverRssMb: memory.rss,
      /** The machine's load average (1, 5, 15 min) before and after the pages' runs: ratios are taken in one run. */
      loadAverage: { before: loadBefore, after: loadAfter },
    };
  } finally {
    server.kill('SIGTERM');
  }
}

/** The scheduler's escalation pass on a scratch copy of the cases database. */
async function benchEscalation(path: string, now: number, log: (...args: unknown[]) => void) {
  // The scheduler's escalation pass: automatic rules over every open thread (appliesFrom 0).
  const scratch = path.replace(/\.db$/, '-escalation.db');
  for (const suffix of ['', '-wal', '-shm']) rmSync(scratch + suffix, { force: true });
  copyFileSync(path, scratch);
  const db = createDb(scratch, { synchronous: 'NORMAL' });
  db.$client.exec(`delete from case_sla_clocks; delete from case_events; delete from escalations; delete from cases;`);
  db.$client
    .prepare(
      `insert into escalation_rules (name, trigger, params, priority, queue_id, notify, enabled, category_ids, applies_from, position, created_at, updated_at) values
       ('no answer', 'no_answer', '{"hours":16}', 'normal', 1, 1, 1, '[]', 0, 1, 0, 0),
       ('no accepted answer', 'no_accepted_answer', '{"hours":80}', 'normal', 1, 0, 1, '[]', 0, 2, 0, 0),
       ('urgent flags', 'urgent_flags', '{"count":2}', 'urgent', 1, 1, 1, '[]', 0, 3, 0, 0),
       ('tier', 'customer_tier', '{"tiers":["gold"]}', 'high', 1, 1, 1, '[]', 0, 4, 0, 0)`,
    )
    .run();
  const threads = (db.$client.prepare("select count(*) n from questions where deleted_at is null and status = 'published' and closed_at is null").get() as { n: number }).n;
  const timed = async (limit?: number) => {
    const t0 = performance.now();
    const r = await runEscalationRules(db, now, undefined, limit);
    return { ms: Math.round(performance.now() - t0), ...r };
  };
  // A first pass over a backlog escalates as many threads as one scheduler pass may (its default limit, 5,000):
  // that measures the cost of opening a case (routing, clocks, timeline, alerts) per escalation.
  log(`Escalation pass over ${threads.toLocaleString('en')} open threads: first pass over the backlog (at most 5,000 escalations, as the scheduler's)…`);
  const first = await timed();
  log(`  ${first.escalated.toLocaleString('en')} cases opened, ${first.joined.toLocaleString('en')} joined, in ${(first.ms / 1000).toFixed(1)} s (${Math.round((first.escalated + first.joined) / (first.ms / 1000))} escalations/s)`);
  // The rest of the backlog is written by SQL: every open thread gets a case and every rule's escalation fact, so a
  // steady pass must check each of the 100k threads against the facts (the worst case: nothing is filtered out early).
  const fill = db.$client.transaction(() => {
    const open = "q.deleted_at is null and q.status = 'published' and q.closed_at is null";
    db.$client
      .prepare(
        `insert into cases (channel, status, priority, subject, body, locale, user_id, email, name, question_id, category_id, queue_id, tags, created_at, updated_at, status_changed_at)
         select 'thread', 'new', 'normal', q.title, '', q.locale, q.author_id, '', '', q.id, q.category_id, 1, '[]', ?, ?, ?
         from questions q where ${open} and not exists (select 1 from cases c where c.question_id = q.id and c.status in ('new','open','pending_customer','on_hold'))`,
      )
      .run(now, now, now);
    return db.$client
      .prepare(
        `insert or ignore into escalations (question_id, case_id, rule_id, trigger, automatic, priority, queue_id, locale, category_id, opened_case, created_at)
         select q.id, c.id, r.id, r.trigger, 1, r.priority, r.queue_id, q.locale, q.category_id, 0, ?
         from questions q join cases c on c.question_id = q.id and c.status in ('new','open','pending_customer','on_hold') cross join escalation_rules r
         where ${open} and r.enabled = 1 and r.trigger not in ('asker_request', 'staff_escalation')`,
      )
      .run(now).changes;
  });
  log(`  backlog completed by SQL: ${fill().toLocaleString('en')} escalation facts`);
  const steady = [];
  for (let i = 0; i < 5; i++) steady.push(await timed());
  if (steady.some((s) => s.escalated + s.joined > 0)) throw new Error('A steady pass escalated threads: the backlog fill missed some.');
  const steadyMs = steady.map((s) => s.ms).sort((a, b) => a - b);
  log(`  steady passes (nothing new due): ${steadyMs.join(', ')} ms`);
  db.$client.close();
  for (const suffix of ['', '-wal', '-shm']) rmSync(scratch + suffix, { force: true });
  return { openThreads: threads, firstPass: first, steadyPassesMs: steadyMs };
}
