// npm run kpis -- rebuild | update: rebuild the KPI rollups from the fact tables (with progress), or take in what is new.
import { loadConfig } from '../src/lib/server/config';
import { rebuildKpiRollups, runKpiRollups } from '../src/lib/reports/rollups';
import { openMigrated } from './support/database';
import { progressBar } from './support/progress';

const command = process.argv[2];
if (command !== 'rebuild' && command !== 'update') {
  console.error('usage: npm run kpis -- rebuild | update');
  process.exit(64);
}
const config = loadConfig();
const db = openMigrated(config);
const started = performance.now();
if (command === 'rebuild') {
  let step = '';
  let bar: ReturnType<typeof progressBar> | null = null;
  const result = rebuildKpiRollups(db, Date.now(), (name, done, all) => {
    if (name !== step) {
      bar?.stop();
      step = name;
      bar = progressBar(`Rebuilding ${name}`, all);
    }
    bar!.update(done);
  });
  (bar as ReturnType<typeof progressBar> | null)?.stop();
  const rows = Object.entries(result.rows).map(([source, n]) => `${n} ${source}`).join(', ');
  console.log(`Rebuilt the KPI rollups: ${result.questions} questions; read ${rows}; in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
} else {
  let read = 0;
  for (;;) {
    const run = runKpiRollups(db, Date.now());
    read += Object.values(run.read).reduce((a, b) => a + b, 0);
    if (!run.more) break;
  }
  console.log(`Took ${read} new fact rows into the KPI rollups in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}
db.$client.close();
