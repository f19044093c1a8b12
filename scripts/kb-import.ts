// npm run kb:import: import content/kb (articles) and validate content/flows, in one transaction, with a summary.
import { loadConfig } from '../src/lib/server/config';
import { createContext } from '../src/lib/server/context';
import { importContent } from '../src/lib/kb/content';
import { ContentImportError } from '../src/lib/kb/import-articles';
import { openMigrated } from './support/database';
import { progressBar } from './support/progress';

const config = loadConfig();
const db = openMigrated(config);
let bar: ReturnType<typeof progressBar> | null = null;
try {
  const s = importContent(db, process.cwd(), Date.now(), (done, total) => {
    bar ??= progressBar('Articles', total);
    bar.update(done);
  });
  (bar as ReturnType<typeof progressBar> | null)?.stop();
  await createContext(config, { db }).drain();
  console.log(`Knowledge base imported: ${s.files} files — ${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged, ${s.archived} archived; ${s.flows} guided flows valid.`);
} catch (error) {
  (bar as ReturnType<typeof progressBar> | null)?.stop();
  if (!(error instanceof ContentImportError)) throw error;
  console.error(`kb:import failed; the database is unchanged.\n${error.message}`);
  process.exitCode = 1;
} finally {
  db.$client.close();
}
