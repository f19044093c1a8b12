// npm run jobs -- --once [--force] [--job NAME …] | --list: run the periodic jobs once (for cron), with progress and a
// summary. Only one runner works at a time (a lease row in SQLite): while the server runs them, this says so and exits.
import { parseArgs } from 'node:util';
import { listJobStates } from '../src/lib/jobs/scheduler';
import { loadConfig } from '../src/lib/server/config';
import { createContext } from '../src/lib/server/context';
import { openMigrated } from './support/database';
import { progressBar } from './support/progress';

const { values } = parseArgs({
  options: {
    once: { type: 'boolean', default: false },
    force: { type: 'boolean', default: false },
    job: { type: 'string', multiple: true },
    list: { type: 'boolean', default: false },
  },
});

const config = loadConfig();
const db = openMigrated(config);
const ctx = createContext({ ...config, SEARCH_WORKERS: 0 }, { db });
const names = ctx.scheduler.list().map((j) => j.name);

if (values.list || !values.once) {
  const states = new Map(listJobStates(db).map((s) => [s.name, s]));
  const when = (t: number | null | undefined) => (t ? new Date(t).toISOString() : '—');
  console.log('job'.padEnd(28), 'every'.padEnd(8), 'next run'.padEnd(26), 'last ok'.padEnd(26), 'runs', 'failures', 'last error');
  for (const job of ctx.scheduler.list()) {
    const s = states.get(job.name);
    console.log(job.name.padEnd(28), `${job.everyMs / 1000}s`.padEnd(8), when(s?.nextRunAt).padEnd(26), when(s?.lastOkAt).padEnd(26), String(s?.runs ?? 0).padEnd(4), String(s?.failures ?? 0).padEnd(8), s?.lastError ?? '');
  }
  if (!values.once) console.log('\nRun them with: npm run jobs -- --once [--force] [--job NAME]');
  db.$client.close();
  process.exit(0);
}

const unknown = (values.job ?? []).filter((n) => !names.includes(n));
if (unknown.length) {
  console.error(`Unknown job(s): ${unknown.join(', ')}. Jobs: ${names.join(', ')}`);
  process.exit(64);
}

const bars = new Map<string, ReturnType<typeof progressBar>>();
const started = performance.now();
const report = await ctx.scheduler.tick({
  force: values.force,
  only: values.job,
  onJobStart: (name) => console.log(`› ${name}`),
  onProgress: (name, done, total) => {
    if (total === undefined) return;
    let bar = bars.get(name);
    if (!bar) {
      bar = progressBar(`  ${name}`, total);
      bars.set(name, bar);
    }
    bar.update(done);
  },
  onJobEnd: (run) => {
    bars.get(run.name)?.stop();
    const counts = Object.entries(run.result).map(([k, v]) => `${k} ${v}`).join(', ') || 'nothing to do';
    console.log(`  ${run.ok ? '✓' : '✗'} ${run.name}: ${run.ok ? counts : run.error} (${run.durationMs} ms)`);
  },
});

if (!report.acquired) {
  console.log(`Another runner (${report.holder}) holds the scheduler lease until ${new Date(report.leaseExpiresAt ?? 0).toISOString()}: nothing run.`);
  db.$client.close();
  process.exit(0);
}
await ctx.drain();
const failed = report.runs.filter((r) => !r.ok).length;
const skipped = names.filter((n) => (!values.job || values.job.includes(n)) && !report.runs.some((r) => r.name === n));
console.log(
  `\n${report.runs.length} job(s) run, ${failed} failed${skipped.length ? `, ${skipped.length} not due (${skipped.join(', ')}; --force runs them)` : ''}, in ${((performance.now() - started) / 1000).toFixed(2)} s.`,
);
db.$client.close();
process.exit(failed ? 1 : 0);
