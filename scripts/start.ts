// npm start: migrate, load the demo when empty, build when sources changed, serve on http://localhost:4321.
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { loadConfig } from '../src/lib/server/config';
import { buildIfNeeded, SERVER_ENTRY } from './support/build';
import { openMigrated, printDemoAccounts, seedIfEmpty } from './support/database';

process.env.HOST ??= '127.0.0.1';
process.env.PORT ??= '4321';
const config = loadConfig();
const db = openMigrated(config);
console.log(`Database ${config.DATABASE_PATH} is migrated.`);
await seedIfEmpty(config, db);
db.$client.close();
buildIfNeeded();
printDemoAccounts(config.SITE_URL);
await import(pathToFileURL(resolve(SERVER_ENTRY)).href);
