// npm run bench [-- pages] [--size 100000] [--duration 10] [--connections 10] [--port 4410] [--fresh] [--json]
// npm run bench -- relevance [--json]            the draft ranking behind /api/v1/suggest on SemEval-2016 3B dev (MAP, MRR)
// npm run bench -- search [--size 1000000] [--queries 200] [--fresh] [--json]   search latency per query class
// npm run bench -- soak [--size 100000] [--minutes 10] [--warm-up 2] [--rate <req/s>] [--answers-to any|hot] [--node-flags='<flags>'] [--port 4410] [--fresh] [--json]   server RSS under mixed traffic
// npm run bench -- search-budget [--size 100000] [--duration 10] [--port 4410] [--json]   searches/s the 1 s budget holds
// npm run bench -- reports [--size 220000] [--events 5000000] [--cases 100000] [--deflection 1500000] [--requests 40] [--port 4410] [--fresh] [--http-only] [--json]
//   the KPI rollups (incremental and rebuilt) against the facts, and the reports overview's latency
// npm run bench -- reputation [--size 100000] [--votes 2000] [--port 4410] [--fresh] [--json]   the vote with and without reputation's part (in process: wall, CPU, run-queue wait) and through the HTTP API, recalc time
// npm run bench -- deflection [--json]           deflection recording per request, background flushes, widget size
// npm run bench -- jobs [--size 100000] [--port 4410] [--fresh] [--json]   the periodic jobs' time, and a page's latency during a scheduler tick
// npm run bench -- same-pages --against <build dir> [--size 100000] [--port 4410]   thread, member and leaderboard pages of this build and another, byte for byte
// npm run bench -- cases [--size 100000] [--duration 10] [--port 4410] [--fresh] [--pages-only] [--json]  escalation pass and agent pages with N cases
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { benchCases } from './bench/cases';
import { benchJobs } from './bench/jobs';
import { benchDeflection, printDeflectionResult } from './bench/deflection';
import { benchPages, printPagesResult } from './bench/pages';
import { benchRelevance } from './bench/relevance';
import { benchReports } from './bench/reports';
import { benchReputation } from './bench/reputation';
import { benchSearch, printSearchResult } from './bench/search';
import { benchSamePages } from './bench/same-pages';
import { buildIfNeeded } from './support/build';
import { benchSoak, printSoakResult } from './bench/soak';
import { benchSearchBudget, printSearchBudgetResult } from './bench/search-budget';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    size: { type: 'string', default: '100000' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    fresh: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    queries: { type: 'string', default: '200' },
    port: { type: 'string', default: '4410' },
    minutes: { type: 'string', default: '10' },
    events: { type: 'string', default: '5000000' },
    cases: { type: 'string', default: '100000' },
    deflection: { type: 'string', default: '1500000' },
    requests: { type: 'string', default: '40' },
    'http-only': { type: 'boolean', default: false },
    'pages-only': { type: 'boolean', default: false },
    votes: { type: 'string', default: '2000' },
    rate: { type: 'string' },
    'warm-up': { type: 'string', default: '2' },
    'answers-to': { type: 'string', default: 'any' },
    'node-flags': { type: 'string' },
    against: { type: 'string' },
  },
});

const suite = positionals[0] ?? 'pages';
mkdirSync('bench-results', { recursive: true });
const log = values.json ? (...args: unknown[]) => console.error(...args) : console.log;
if (values.json) console.log = (...args: unknown[]) => console.error(...args);

if (suite === 'jobs') {
  const result = await benchJobs({ size: Number(values.size), port: Number(values.port), fresh: values.fresh, log });
  writeFileSync(`bench-results/jobs-${result.size}.json`, JSON.stringify(result, null, 2));
  if (values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else {
    log(`\nPeriodic jobs on ${result.size} questions (load average ${result.loadAverage.join(' ')})`);
    for (const j of result.inProcess) log(`${j.name.padEnd(34)} cold ${String(j.coldMs).padStart(7)} ms   warm ${String(j.warmMs).padStart(7)} ms`);
    const t = result.duringTicks;
    const q = result.withoutScheduler;
    log(`leaderboard page (not cached), scheduler off: ${q.requests} requests, median ${q.medianMs} ms, longest ${q.maxMs} ms`);
    log(`leaderboard page (not cached), scheduler ticking: ${t.requests} requests, median ${t.medianMs} ms, longest ${t.maxMs} ms`);
    log(`jobs' last run: ${t.jobsRan.map((j) => `${j.name} ×${j.runs} ${j.ms} ms${j.lastError ? ' (failed)' : ''}`).join(', ')}`);
  }
  process.exit(0);
}
if (suite === 'relevance') {
  const result = await benchRelevance({ log });
  writeFileSync('bench-results/relevance.json', JSON.stringify(result, null, 2));
  if (values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else {
    log(`\nDraft ranking (/api/v1/suggest), SemEval-2016 task 3B dev: ${result.queries} queries, ${result.corpus} questions (${result.seconds} s)`);
    log(`${'ranking'.padEnd(50)} ${'MAP'.padStart(7)} ${'MRR'.padStart(7)}`);
    for (const r of result.rerank) log(`${r.name.padEnd(50)} ${r.map.toFixed(2).padStart(7)} ${r.mrr.toFixed(2).padStart(7)}`);
    log('full-corpus variant (non-official, against relevant_ids_fullcorpus):');
    for (const r of result.fullCorpus) log(`${r.name.padEnd(50)} ${r.map.toFixed(2).padStart(7)} ${r.mrr.toFixed(2).padStart(7)}`);
  }
  process.exit(0);
}
if (suite === 'search') {
  const result = await benchSearch({ size: Number(process.argv.includes('--size') ? values.size : 1_000_000), queries: Number(values.queries), fresh: values.fresh, log });
  writeFileSync(`bench-results/search-${result.size}.json`, JSON.stringify(result, null, 2));
  if (values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else printSearchResult(result, log);
  process.exit(0);
}
if (suite === 'reports') {
  const questions = Number(process.argv.includes('--size') ? values.size : 220_000);
  const result = await benchReports({ questions, events: Number(values.events), cases: Number(values.cases), deflection: Number(values.deflection), requests: Number(values.requests), fresh: values.fresh, httpOnly: values['http-only'], port: Number(values.port), log });
  writeFileSync(`bench-results/reports-${questions}.json`, JSON.stringify(result, null, 2));
  if (values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else {
    const d = result.dataset;
    log(`\nReports on ${d.posts.toLocaleString('en')} posts, ${d.events.toLocaleString('en')} events, ${d.deflectionEvents.toLocaleString('en')} deflection events, ${d.cases.toLocaleString('en')} cases`);
    if (result.rollupsMatchFacts !== null) {
      log(`rollups taken in incrementally: ${result.incrementalSeconds} s (${result.incrementalRuns} runs); rebuilt from scratch: ${result.rebuildSeconds} s`);
      log(`last 30 days from the rollups = from the fact tables: ${result.rollupsMatchFacts}`, result.fromRollups);
      log(`overview KPIs incremental = rebuilt: ${result.incrementalMatchesRebuild}`);
    } else log('rollups used as they are (--http-only)');
    log(`deflection KPIs of both periods from the rollups = from the events alone: ${result.deflectionMatchesEvents}`, result.deflectionTotals);
    log(`overview view model: p50 ${result.overviewViewMs.p50} ms, p95 ${result.overviewViewMs.p95} ms (CPU time p50 ${result.overviewViewCpuMs.p50} ms, p95 ${result.overviewViewCpuMs.p95} ms)`);
    log(`the same view's CPU time with every deflection day not final yet read from the events: p50 ${result.overviewViewCpuWithoutPartialMs.p50} ms, p95 ${result.overviewViewCpuWithoutPartialMs.p95} ms`);
    const h = result.overviewHttpMs;
    log(`GET /en/reports as an admin, ${h.requests} requests one at a time: p50 ${h.p50} ms, p95 ${h.p95} ms, max ${h.max} ms (target p95 ≤ 300 ms)`);
    log(`GET /en/about signed in, the same way: p50 ${result.trivialHttpMs.p50} ms, p95 ${result.trivialHttpMs.p95} ms`);
    log(`load average at the end (1, 5, 15 min): ${result.loadAverage.join(', ')}`);
  }
  process.exit(result.rollupsMatchFacts === false || result.incrementalMatchesRebuild === false || !result.deflectionMatchesEvents ? 1 : 0);
}
if (suite === 'soak') {
  if (values['answers-to'] !== 'any' && values['answers-to'] !== 'hot') throw new Error('--answers-to takes any or hot');
  const result = await benchSoak({ size: Number(values.size), minutes: Number(values.minutes), fresh: values.fresh, port: Number(values.port), rate: values.rate ? Number(values.rate) : undefined, warmUpMinutes: Number(values['warm-up']), answersTo: values['answers-to'], nodeFlags: values['node-flags']?.split(/\s+/).filter(Boolean) });
  writeFileSync(`bench-results/soak-${result.size}-${values.port}.json`, JSON.stringify(result, null, 2));
  if (values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else printSoakResult(result, log);
  process.exit(0);
}
if (suite === 'search-budget') {
  const result = await benchSearchBudget({ size: Number(values.size), duration: Number(values.duration), fresh: values.fresh, port: Number(values.port) });
  writeFileSync(`bench-results/search-budget-${result.size}.json`, JSON.stringify(result, null, 2));
  if (values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else printSearchBudgetResult(result, log);
  process.exit(0);
}
if (suite === 'reputation') {
  const result = await benchReputation({ size: Number(values.size), votes: Number(values.votes), fresh: values.fresh, port: Number(values.port), log });
  writeFileSync(`bench-results/reputation-${result.size}.json`, JSON.stringify(result, null, 2));
  if (values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else {
    const h = result.http;
    log(`\nReputation on ${result.size.toLocaleString('en')} questions, ${result.votes} votes of each kind (load average before: ${result.loadAverage.join(' ')}):`);
    const row = (name: string, r: (typeof result.inProcess)['vote']) =>
      log(`  ${name.padEnd(58)} ${String(r.wallP50Ms).padStart(7)} ${String(r.wallP95Ms).padStart(7)} ${String(r.cpuP95Ms).padStart(7)} ${String(r.notQueuedP95Ms).padStart(9)} ${String(r.blockedP95Ms).padStart(8)} ${String(Math.round(r.queuedShare * 100)).padStart(5)}%`);
    log(`  ${'in process, ms (budget: reputation adds ≤ 1 ms p95)'.padEnd(58)} ${'wall50'.padStart(7)} ${'wall95'.padStart(7)} ${'CPU95'.padStart(7)} ${'unqueued95'.padStart(9)} ${'blocked95'.padStart(8)} ${'queued'.padStart(6)}`);
    row('vote use case (commit included)', result.inProcess.vote);
    row('the same without reputation (commit included)', result.inProcess.voteWithoutReputation);
    row("reputation's part, inside the vote's transaction", result.inProcess.reputationPart);
    row("reputation's part in a transaction of its own, with commit", result.inProcess.reputationPartWithCommit);
    log(`  (unqueued = wall less the time the thread waited for a CPU; blocked = wall less CPU and that wait: disk, fsync; queued = share of calls that waited)`);
    log(`  after commit, off the request (ranking scopes, badge check), per vote: p95 ${result.afterCommitPerVoteP95Ms} ms`);
    log(`  POST /api/v1/posts/{id}/votes, ${h.votes} one at a time: p50 ${h.voteP50Ms} ms, p95 ${h.voteP95Ms} ms, server CPU ${h.serverCpuUsPerVote} µs/vote; GET /healthz between them: p50 ${h.healthzP50Ms} ms, p95 ${h.healthzP95Ms} ms`);
    log(`  recalc: ${result.ledgerRows.toLocaleString('en')} ledger rows → ${result.scores.toLocaleString('en')} scores in ${result.recalcSeconds} s (budget 60 s); live counters differing: ${result.differences}`);
  }
  process.exit(result.differences === 0 ? 0 : 1);
}
if (suite === 'deflection') {
  const result = await benchDeflection({ log });
  writeFileSync('bench-results/deflection.json', JSON.stringify(result, null, 2));
  if (values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else printDeflectionResult(result, log);
  process.exit(0);
}
if (suite === 'cases') {
  const result = await benchCases({ size: Number(values.size), duration: Number(values.duration), connections: Number(values.connections), fresh: values.fresh, port: Number(values.port), pagesOnly: values['pages-only'], log });
  writeFileSync(`bench-results/cases-${result.size}.json`, JSON.stringify(result, null, 2));
  if (values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else {
    const e = result.escalation;
    if (e) log(`\nEscalation pass over ${e.openThreads} open threads (4 automatic rules): first pass ${e.firstPass.ms} ms (${e.firstPass.escalated} cases opened, ${e.firstPass.joined} joined); steady passes ${e.steadyPassesMs.join(', ')} ms (target ≤ 2000)`);
    log(`Pages with ${result.cases} cases (req/s, p50/p99 ms, ratio to the trivial page):`);
    for (const [name, r] of Object.entries(result.pages)) log(`  ${r.name.padEnd(32)} ${String(r.requestsPerSec).padStart(6)} req/s  ${r.p50Ms}/${r.p99Ms} ms${name === 'trivial' ? '' : `  ratio ${result.ratios[name as keyof typeof result.ratios]}`}`);
    log(`Server RSS ${result.serverRssMb} MB; load average before ${result.loadAverage.before.join(' ')}, after ${result.loadAverage.after.join(' ')}`);
  }
  process.exit(0);
}
if (suite === 'same-pages') {
  if (!values.against) {
    console.error('--against <build dir> is required: the other build (e.g. main built into a copy)');
    process.exit(64);
  }
  buildIfNeeded((line) => log(line));
  const result = await benchSamePages({ size: Number(values.size), port: Number(values.port), against: values.against }, log);
  process.exit(result.differences.length === 0 ? 0 : 1);
}
if (suite !== 'pages') {
  console.error(`Unknown suite "${suite}". Available: pages, relevance, search, soak, search-budget, reports, reputation, deflection, cases, same-pages.`);
  process.exit(64);
}
const size = Number(values.size);
if (!Number.isInteger(size) || size < 100) {
  console.error('--size must be an integer ≥ 100');
  process.exit(64);
}
const result = await benchPages({ size, duration: Number(values.duration), connections: Number(values.connections), fresh: values.fresh, json: values.json, port: Number(values.port) });
writeFileSync(`bench-results/pages-${size}.json`, JSON.stringify(result, null, 2));
if (values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
else printPagesResult(result, log);
