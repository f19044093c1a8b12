import { existsSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { sql } from 'drizzle-orm';
import { createDb, runMigrations, type SqliteDb } from '../../db/client';
import { createSession } from '../../src/lib/auth/sessions';
import { translator } from '../../src/lib/i18n/index';
import { DAY_MS, parseReportFilters, type Period } from '../../src/lib/reports/filters';
import { loadDaily, reportScope, total, uniqueViewers, type DailyMetric } from '../../src/lib/reports/load';
import { clearDeflectionPartial, loadDeflection, refreshDeflectionPartial } from '../../src/lib/reports/deflection-kpis';
import { rebuildKpiRollups, refreshQuestionFacts, runKpiRollups } from '../../src/lib/reports/rollups';
import { reportView } from '../../src/lib/reports/report-views';
import { buildIfNeeded } from '../support/build';
import { progressBar } from '../support/progress';
import { startServer, waitForReady } from './pages';

export interface ReportsBenchOptions {
  /** Questions of the dataset (about 4.5 posts each with their answers). */
  questions: number;
  /** Fact rows: searches, result clicks, page views. */
  events: number;
  /** Contact-form cases. */
  cases: number;
  /** Deflection events (about 5 per session), added to a reused dataset that has none. */
  deflection: number;
  requests: number;
  port: number;
  fresh: boolean;
  /** Time the overview on the dataset's rollups as they are, without taking them in and rebuilding them again. */
  httpOnly?: boolean;
  log: (...args: unknown[]) => void;
}

/** A deterministic generator (mulberry32), so two runs build the same dataset. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A community of `questions` questions with ~3.5 answers each over the last year, bulk-inserted with short fixed
 * bodies: the reports read ids, times, authors' roles and acceptances, never text, so rendering Markdown for a million
 * posts (what the pages bench's generator does) would only slow the bench down.
 */
function generateCommunity(path: string, questions: number, now: number): SqliteDb {
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(path + suffix)) rmSync(path + suffix);
  const db = createDb(path, { synchronous: 'NORMAL' });
  runMigrations(db);
  const sqlite = db.$client;
  const rand = random(42);
  const start = now - 365 * DAY_MS;
  const userCount = Math.max(50, Math.floor(questions / 20));
  const roles = (i: number) => (i % 97 === 0 ? 'agent' : i % 89 === 0 ? 'moderator' : i % 53 === 0 ? 'superuser' : 'member');
  const insertUser = sqlite.prepare("insert into users (email, display_name, password_hash, role, locale, created_at) values (?, ?, '!', ?, ?, ?)");
  const insertPost = sqlite.prepare('insert into posts (kind) values (?)');
  const insertQuestion = sqlite.prepare(
    `insert into questions (id, title, slug, body_md, body_html, body_text, locale, category_id, author_id, answer_count, created_at, updated_at, last_activity_at, content_hash)
     values (?, ?, ?, 'Bench question.', '<p>Bench question.</p>', 'Bench question.', ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertAnswer = sqlite.prepare("insert into answers (id, question_id, author_id, body_md, body_html, created_at, updated_at, content_hash) values (?, ?, ?, 'Bench answer.', '<p>Bench answer.</p>', ?, ?, ?)");
  const insertAccepted = sqlite.prepare('insert into accepted_answers (question_id, answer_id, accepted_by, accepted_at) values (?, ?, ?, ?)');
  sqlite.transaction(() => {
    for (let i = 1; i <= userCount; i++) insertUser.run(`user${i}@bench.test`, `Member ${i}`, roles(i), i % 2 ? 'es' : 'en', start);
    const insertCategory = sqlite.prepare('insert into categories (slug, name_es, name_en, position) values (?, ?, ?, ?)');
    ['account', 'billing', 'orders', 'internet', 'mobile-app', 'devices'].forEach((slug, i) => insertCategory.run(slug, slug, slug, i));
  })();
  const bar = progressBar(`Generating ${questions.toLocaleString('en')} questions with their answers`, questions);
  const BATCH = 10_000;
  for (let from = 1; from <= questions; from += BATCH) {
    sqlite.transaction(() => {
      for (let n = from; n < Math.min(from + BATCH, questions + 1); n++) {
        const createdAt = start + Math.floor(((n - 1) / questions) * 360 * DAY_MS) + Math.floor(rand() * DAY_MS);
        const author = 1 + Math.floor(rand() * userCount);
        const answerCount = Math.min(12, Math.floor(-Math.log(1 - rand() * 0.9999) * 3.5));
        const qid = Number(insertPost.run('question').lastInsertRowid);
        insertQuestion.run(qid, `Bench question ${n}`, `bench-question-${n}`, rand() < 0.5 ? 'es' : 'en', 1 + Math.floor(rand() * 6), author, answerCount, createdAt, createdAt, createdAt, `q${n}`);
        let at = createdAt;
        let accepted: number | null = null;
        for (let a = 0; a < answerCount; a++) {
          at += Math.floor(-Math.log(1 - rand() * 0.9999) * 6 * 3600_000);
          const aid = Number(insertPost.run('answer').lastInsertRowid);
          insertAnswer.run(aid, qid, 1 + Math.floor(rand() * userCount), at, at, `a${aid}`);
          if (accepted === null && rand() < 0.3) accepted = aid;
        }
        if (accepted !== null) insertAccepted.run(qid, accepted, author, at + 3600_000);
      }
    })();
    bar.update(Math.min(from + BATCH - 1, questions));
  }
  bar.stop();
  return db;
}

/** Adds the facts the reports aggregate to a generated community: searches (8 % without results), clicks, views, contact-form cases. */
function addFacts(db: SqliteDb, opts: ReportsBenchOptions, now: number): void {
  const sqlite = db.$client;
  const rand = random(7);
  const start = now - 365 * DAY_MS;
  const at = () => start + Math.floor(rand() * 365 * DAY_MS);
  const questions = (sqlite.prepare('select max(id) as m from questions').get() as { m: number }).m;
  const users = (sqlite.prepare('select max(id) as m from users').get() as { m: number }).m;
  const visitor = () => `bench-visitor-${String(Math.floor(rand() * 300_000)).padStart(8, '0')}`;
  const locale = () => (rand() < 0.5 ? 'es' : 'en');
  const query = () => `query ${Math.floor(Math.pow(rand(), 3) * 20_000)}`;
  const insertSearch = sqlite.prepare("insert into search_events (occurred_at, query, result_count, locale, surface, visitor_id) values (?, ?, ?, ?, 'site', ?)");
  const insertClick = sqlite.prepare("insert into search_clicks (search_event_id, occurred_at, doc_type, doc_id, position) values (?, ?, 'question', ?, ?)");
  const insertView = sqlite.prepare("insert into events (type, occurred_at, visitor_id, user_id, locale, surface, subject_type, subject_id) values (?, ?, ?, ?, ?, ?, ?, ?)");
  const insertCase = sqlite.prepare(
    "insert into cases (channel, locale, user_id, name, email, subject, body, category_id, visitor_id, queue_id, tags, created_at, updated_at, status_changed_at) values ('contact_form', ?, ?, 'Bench', ?, 'Bench request', 'Something does not work.', ?, ?, 1, '[]', ?, ?, ?)",
  );
  const searches = Math.round(opts.events * 0.4);
  const clicks = Math.round(opts.events * 0.15);
  const views = opts.events - searches - clicks;
  const BATCH = 50_000;
  const fill = (label: string, count: number, row: (i: number) => void) => {
    const bar = progressBar(label, count);
    for (let from = 0; from < count; from += BATCH) {
      sqlite.transaction(() => {
        for (let i = from; i < Math.min(count, from + BATCH); i++) row(i);
      })();
      bar.update(Math.min(count, from + BATCH));
    }
    bar.stop();
  };
  fill(`Adding ${searches.toLocaleString('en')} searches`, searches, () => insertSearch.run(at(), query(), rand() < 0.08 ? 0 : 1 + Math.floor(rand() * 40), locale(), visitor()));
  fill(`Adding ${clicks.toLocaleString('en')} result clicks`, clicks, () => {
    const search = 1 + Math.floor(rand() * searches);
    insertClick.run(search, at(), 1 + Math.floor(rand() * questions), 1 + Math.floor(rand() * 10));
  });
  fill(`Adding ${views.toLocaleString('en')} page views`, views, () => {
    const member = rand() < 0.2 ? 1 + Math.floor(rand() * users) : null;
    const contact = rand() < 0.05;
    insertView.run(contact ? 'contact.viewed' : 'question.viewed', at(), member === null ? visitor() : null, member, locale(), contact ? 'contact_form' : 'site', contact ? null : 'question', contact ? null : 1 + Math.floor(rand() * questions));
  });
  fill(`Adding ${opts.cases.toLocaleString('en')} contact-form cases`, opts.cases, (i) => {
    const member = rand() < 0.4 ? 1 + Math.floor(rand() * users) : null;
    const opened = at();
    insertCase.run(locale(), member, `customer${i % 40_000}@bench.test`, 1 + Math.floor(rand() * 6), member === null ? visitor() : null, opened, opened, opened);
  });
  sqlite.pragma('optimize');
}

/**
 * Adds deflection sessions over the last year, `events` rows in all (about 5 a session): a visitor reaches the ask or
 * contact form or opens the widget, is shown three suggestions, opens one (35 %), confirms it solved the problem (half
 * of those; one in ten then sends a case within a week: a failed confirmation), or sends the form (30 % of the
 * others), or leaves (an implicit deflection).
 */
function addDeflectionFacts(db: SqliteDb, events: number, now: number): number {
  const sqlite = db.$client;
  const rand = random(11);
  const start = now - 365 * DAY_MS;
  const questions = (sqlite.prepare('select max(id) as m from questions').get() as { m: number }).m;
  const users = (sqlite.prepare('select max(id) as m from users').get() as { m: number }).m;
  const insert = sqlite.prepare(
    'insert into deflection_events (occurred_at, type, visitor_id, member_id, session_id, surface, locale, category_id, subject_type, subject_id, rank) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const sessions = Math.round(events / 5);
  const bar = progressBar(`Adding ${sessions.toLocaleString('en')} deflection sessions`, sessions);
  let written = 0;
  const BATCH = 20_000;
  for (let from = 0; from < sessions; from += BATCH) {
    sqlite.transaction(() => {
      for (let n = from; n < Math.min(sessions, from + BATCH); n++) {
        const member = rand() < 0.2 ? 1 + Math.floor(rand() * users) : null;
        const visitor = member === null ? `bench-visitor-${String(Math.floor(rand() * 300_000)).padStart(8, '0')}` : null;
        const surfacePick = rand();
        const surface = surfacePick < 0.4 ? 'ask_form' : surfacePick < 0.8 ? 'contact_form' : 'widget';
        const locale = rand() < 0.5 ? 'es' : 'en';
        const category = 1 + Math.floor(rand() * 6);
        let at = start + Math.floor(rand() * 365 * DAY_MS);
        const session = `bench-s${n}`;
        const row = (type: string, where: string, subject: number | null = null, rank: number | null = null, sid = session) => {
          insert.run(at, type, visitor, member, sid, where, locale, category, subject === null ? null : 'question', subject, rank);
          written++;
        };
        if (surface !== 'widget') row('form_reached', surface);
        const shown = [1, 2, 3].map(() => 1 + Math.floor(rand() * questions));
        at += 20_000;
        shown.forEach((q, i) => row('suggestion_shown', surface, q, i + 1));
        if (rand() < 0.35) {
          const pick = Math.floor(rand() * 3);
          at += 60_000;
          row('suggestion_opened', surface, shown[pick]!, pick + 1);
          if (rand() < 0.5) {
            at += 120_000;
            row('confirmed', surface, shown[pick]!, pick + 1);
            if (rand() < 0.1) {
              at += Math.floor(rand() * 6 * DAY_MS) + 3600_000;
              row('form_reached', 'contact_form', null, null, `${session}-again`);
              at += 300_000;
              row('form_submitted', 'contact_form', null, null, `${session}-again`);
            }
            continue;
          }
        }
        if (surface !== 'widget' && rand() < 0.3) {
          at += 300_000;
          row('form_submitted', surface);
        }
      }
    })();
    bar.update(Math.min(sessions, from + BATCH));
  }
  bar.stop();
  return written;
}

function seconds(fromMs: number): number {
  return Math.round((performance.now() - fromMs) / 100) / 10;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Counts of the last 30 days straight from the fact tables, without the rollups: the from-scratch side. */
function rawCounts(db: SqliteDb, from: number, to: number): Record<string, number> {
  const one = (q: ReturnType<typeof sql>) => db.get<{ n: number }>(q)!.n;
  return {
    searches: one(sql`select count(*) as n from search_events where occurred_at >= ${from} and occurred_at < ${to}`),
    searches_zero: one(sql`select count(*) as n from search_events where occurred_at >= ${from} and occurred_at < ${to} and result_count = 0`),
    searches_clicked: one(sql`select count(*) as n from search_events s where occurred_at >= ${from} and occurred_at < ${to} and exists (select 1 from search_clicks c where c.search_event_id = s.id)`),
    thread_views: one(sql`select count(*) as n from events where type = 'question.viewed' and occurred_at >= ${from} and occurred_at < ${to}`),
    contact_views: one(sql`select count(*) as n from events where type = 'contact.viewed' and occurred_at >= ${from} and occurred_at < ${to}`),
    cases_opened: one(sql`select count(*) as n from cases where created_at >= ${from} and created_at < ${to}`),
    unique_viewers: one(
      sql`select count(distinct coalesce('m:' || user_id, 'v:' || visitor_id)) as n from events where type = 'question.viewed' and occurred_at >= ${from} and occurred_at < ${to}`,
    ),
    questions: one(sql`select count(*) as n from questions where status = 'published' and deleted_at is null and created_at >= ${from} and created_at < ${to}`),
    answered: one(
      sql`select count(*) as n from questions q where q.status = 'published' and q.deleted_at is null and q.created_at >= ${from} and q.created_at < ${to}
        and exists (select 1 from answers a where a.question_id = q.id and a.status = 'published' and a.deleted_at is null and a.author_id <> q.author_id)`,
    ),
  };
}

function rollupCounts(db: SqliteDb, from: number, to: number): Record<string, number> {
  const filters = parseReportFilters({ from: new Date(from).toISOString().slice(0, 10), to: new Date(to - DAY_MS).toISOString().slice(0, 10) }, to);
  const scope = reportScope(db, filters);
  const metrics: DailyMetric[] = ['searches', 'searches_zero', 'searches_clicked', 'thread_views', 'contact_views', 'cases_opened'];
  const daily = loadDaily(db, scope, metrics, filters.period);
  const facts = (where: string) => db.get<{ n: number }>(sql`select count(*) as n from kpi_question_facts where created_at >= ${from} and created_at < ${to} ${sql.raw(where)}`)!.n;
  return {
    ...Object.fromEntries(metrics.map((m) => [m, total(daily, m)])),
    unique_viewers: uniqueViewers(db, scope, filters.period),
    questions: facts(''),
    answered: facts('and first_answer_at is not null'),
  };
}

/** The question facts of every question, 1,000 questions per transaction, as the outbox refreshes them. */
function takeInQuestionFacts(db: SqliteDb): void {
  const top = db.get<{ m: number | null }>(sql`select max(id) as m from questions`)!.m ?? 0;
  for (let lo = 0; lo < top; lo += 1000) db.transaction((tx) => refreshQuestionFacts(tx, Array.from({ length: Math.min(1000, top - lo) }, (_, i) => lo + i + 1)));
}

/**
 * `npm run bench -- reports`: a community of `questions` questions with their answers, `events` fact rows and
 * `cases` contact-form cases; the rollups taken in incrementally and rebuilt (timed); the overview's figures from the
 * rollups against the fact tables and against the rebuild; the overview page's latency over HTTP as an admin.
 */
export async function benchReports(opts: ReportsBenchOptions) {
  const { log } = opts;
  const dbPath = `bench-results/reports-${opts.questions}-${opts.events}.db`;
  const now = Date.now();
  if (opts.fresh || !existsSync(dbPath)) {
    const db = generateCommunity(dbPath, opts.questions, now);
    addFacts(db, opts, now);
    db.$client.close();
  } else log(`Reusing ${dbPath} (pass --fresh to regenerate).`);

  const db = createDb(dbPath, { synchronous: 'NORMAL' });
  // A database kept from an earlier checkout gets this checkout's schema (and its data migrations) first.
  runMigrations(db);
  if (opts.deflection > 0 && !db.get(sql`select 1 from deflection_events limit 1`)) {
    addDeflectionFacts(db, opts.deflection, now);
    // Days rolled up before these events existed are rolled again.
    db.run(sql`delete from kpi_daily where metric like 'deflection_%'`);
    db.run(sql`delete from kpi_progress where source = 'deflection_days'`);
    db.$client.pragma('optimize');
  }
  const sizes = {
    posts: db.get<{ n: number }>(sql`select count(*) as n from posts`)!.n,
    deflectionEvents: db.get<{ n: number }>(sql`select count(*) as n from deflection_events`)!.n,
    events: (['search_events', 'search_clicks', 'events'] as const).reduce((n, t) => n + db.get<{ n: number }>(sql`select count(*) as n from ${sql.identifier(t)}`)!.n, 0),
    cases: db.get<{ n: number }>(sql`select count(*) as n from cases`)!.n,
  };

  const filters = parseReportFilters({}, now);
  const t = translator('en');
  let rollups: { incrementalS: number; runs: number; rebuildS: number; rebuilt: { questions: number }; fromRollups: Record<string, number>; fromFacts: Record<string, number>; incrementalView: string; rebuiltView: string } | null = null;
  if (!opts.httpOnly) {
    // Incrementally, as the server does: question facts per changed question (the outbox), counters past the watermark.
    db.run(sql`delete from kpi_question_facts`);
    db.run(sql`delete from kpi_daily`);
    db.run(sql`delete from kpi_visitor_days`);
    db.run(sql`delete from kpi_progress`);
    db.run(sql`delete from kpi_visitor_sets`);
    db.run(sql`delete from kpi_visitors`);
    let started = performance.now();
    takeInQuestionFacts(db);
    let runs = 0;
    while (runKpiRollups(db, now).more) runs++;
    const incrementalS = seconds(started);
    const incrementalView = JSON.stringify(reportView(db, 'overview', filters, now, 'en', t).kpis);
    const from = filters.period.from;
    const to = filters.period.to;
    const fromRollups = rollupCounts(db, from, to);
    const fromFacts = rawCounts(db, from, to);
    started = performance.now();
    const rebuilt = rebuildKpiRollups(db, now);
    const rebuildS = seconds(started);
    const rebuiltView = JSON.stringify(reportView(db, 'overview', filters, now, 'en', t).kpis);
    rollups = { incrementalS, runs: runs + 1, rebuildS, rebuilt, fromRollups, fromFacts, incrementalView, rebuiltView };
  } else {
    // A generated dataset has no outbox messages: its question facts are taken in here, or the overview would have none.
    if (!db.get(sql`select 1 from kpi_question_facts limit 1`)) takeInQuestionFacts(db);
    while (runKpiRollups(db, now).more);
  }

  // The deflection KPIs and funnel of both periods from the rollups (and the days not final yet) equal those from the events alone.
  const deflectionScope = reportScope(db, filters);
  const shown = (range: Period, options?: { fromEvents: boolean }) => {
    const { total, funnel } = loadDeflection(db, deflectionScope, range, now, options);
    return JSON.stringify({ total, funnel });
  };
  const deflectionMatchesEvents = [filters.period, filters.previous].every((range) => shown(range) === shown(range, { fromEvents: true }));
  const deflectionTotals = loadDeflection(db, deflectionScope, filters.period, now).total;

  const inProcess: number[] = [];
  /** CPU time of the same calls: what the view costs whatever the machine's load. */
  const cpu: number[] = [];
  for (let i = 0; i < 20; i++) {
    const s = performance.now();
    const c = process.cpuUsage();
    reportView(db, 'overview', filters, now, 'en', t);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
    inProcess.push(performance.now() - s);
  }
  inProcess.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  // The same without the counted deflection days not final yet (all of them from the events, as before they were kept).
  clearDeflectionPartial(db);
  const cpuWithoutPartial: number[] = [];
  for (let i = 0; i < 10; i++) {
    const c = process.cpuUsage();
    reportView(db, 'overview', filters, now, 'en', t);
    const used = process.cpuUsage(c);
    cpuWithoutPartial.push((used.user + used.system) / 1000);
  }
  cpuWithoutPartial.sort((a, b) => a - b);
  refreshDeflectionPartial(db, now);

  const email = 'bench-admin@bench.test';
  db.run(sql`insert or ignore into users (email, display_name, password_hash, role, locale, created_at) values (${email}, 'Bench admin', '!', 'admin', 'en', ${now})`);
  const adminId = db.get<{ id: number }>(sql`select id from users where email = ${email}`)!.id;
  const { token } = createSession(db, adminId, now);
  db.$client.close();

  buildIfNeeded((line) => log(line));
  const base = `http://127.0.0.1:${opts.port}`;
  const server = startServer(dbPath, opts.port);
  const latencies: number[] = [];
  /** A page without data, as signed in, for the machine's baseline. */
  const trivial: number[] = [];
  try {
    await waitForReady(`${base}/readyz`, server);
    const headers = { cookie: `session=${token}` };
    for (let i = 0; i < opts.requests + 3; i++) {
      for (const [path, into] of [['/en/reports', latencies], ['/en/about', trivial]] as const) {
        const s = performance.now();
        const res = await fetch(base + path, { headers });
        const body = await res.text();
        const ms = performance.now() - s;
        if (res.status !== 200 || (path === '/en/reports' && !body.includes('<svg'))) throw new Error(`${path} answered ${res.status}`);
        if (i >= 3) into.push(ms);
      }
    }
  } finally {
    server.kill('SIGTERM');
  }
  latencies.sort((a, b) => a - b);
  trivial.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    dataset: sizes,
    incrementalSeconds: rollups?.incrementalS ?? null,
    incrementalRuns: rollups?.runs ?? null,
    rebuildSeconds: rollups?.rebuildS ?? null,
    rebuiltQuestions: rollups?.rebuilt.questions ?? null,
    rollupsMatchFacts: rollups ? JSON.stringify(rollups.fromRollups) === JSON.stringify(rollups.fromFacts) : null,
    fromRollups: rollups?.fromRollups ?? null,
    fromFacts: rollups?.fromFacts ?? null,
    incrementalMatchesRebuild: rollups ? rollups.incrementalView === rollups.rebuiltView : null,
    deflectionMatchesEvents,
    deflectionTotals,
    loadAverage: loadavg().map((n) => Math.round(n * 100) / 100),
    overviewViewMs: { p50: round(percentile(inProcess, 50)), p95: round(percentile(inProcess, 95)) },
    overviewViewCpuMs: { p50: round(percentile(cpu, 50)), p95: round(percentile(cpu, 95)) },
    overviewViewCpuWithoutPartialMs: { p50: round(percentile(cpuWithoutPartial, 50)), p95: round(percentile(cpuWithoutPartial, 95)) },
    overviewHttpMs: { requests: latencies.length, p50: round(percentile(latencies, 50)), p95: round(percentile(latencies, 95)), max: round(latencies.at(-1)!) },
    trivialHttpMs: { p50: round(percentile(trivial, 50)), p95: round(percentile(trivial, 95)) },
  };
}
