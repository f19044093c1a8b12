import { rmSync } from 'node:fs';
import { loadConfig } from '../src/lib/server/config';
import { openMigrated, seedIfEmpty } from './support/database';

const config = loadConfig();
if (!process.argv.includes('--yes')) {
  console.error(`This deletes ${config.DATABASE_PATH} and loads the demo again. Run: npm run demo:reset -- --yes`);
  process.exit(2);
}
for (const suffix of ['', '-wal', '-shm']) rmSync(config.DATABASE_PATH + suffix, { force: true });
const db = openMigrated(config);
await seedIfEmpty(config, db);
db.$client.close();
