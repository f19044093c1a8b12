import { loadConfig } from '../src/lib/server/config';
import { openMigrated, seedIfEmpty } from './support/database';

const config = loadConfig();
const db = openMigrated(config);
if (!(await seedIfEmpty(config, db))) console.log('The database already has data; nothing loaded. Use `npm run demo:reset` to start over.');
db.$client.close();
