// npm run search:reindex: rebuild the search index from the database, with progress, while search stays up.
import { loadConfig } from '../src/lib/server/config';
import { createContext } from '../src/lib/server/context';
import { reindexAll } from '../src/lib/search/index-handlers';
import { openMigrated } from './support/database';
import { progressBar } from './support/progress';

const config = loadConfig();
const db = openMigrated(config);
const ctx = createContext(config, { db });
let bar: ReturnType<typeof progressBar> | null = null;
const started = performance.now();
const { indexed, removed } = await reindexAll(db, ctx.search, (done, all) => {
  bar ??= progressBar('Reindexing', all);
  bar.update(done);
});
(bar as ReturnType<typeof progressBar> | null)?.stop();
const stats = await ctx.search.stats();
console.log(
  `Reindexed into ${ctx.search.engine}: ${indexed} documents written, ${removed} stale removed, ${stats.documents} in the index, in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
);
db.$client.close();
