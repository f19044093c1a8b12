// npm start: migrate, load the demo when empty, build when sources changed, serve on http://localhost:4321.
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { loadConfig } from '../src/lib/server/config';
import { importContent } from '../src/lib/kb/content';
import { ContentImportError } from '../src/lib/kb/import-articles';
import { buildIfNeeded, SERVER_ENTRY } from './support/build';
import { openMigrated, printDemoAccounts, seedIfEmpty } from './support/database';

process.env.HOST ??= '127.0.0.1';
process.env.PORT ??= '4321';
// Links, canonical URLs and the banner name the port served unless the operator gave the public address.
process.env.SITE_URL ??= `http://localhost:${process.env.PORT}`;
const config = loadConfig();
const db = openMigrated(config);
console.log(`Database ${config.DATABASE_PATH} is migrated.`);
await seedIfEmpty(config, db);
try {
  const kb = importContent(db, process.cwd(), Date.now());
  console.log(`Knowledge base: ${kb.created} created, ${kb.updated} updated, ${kb.unchanged} unchanged, ${kb.archived} archived; ${kb.flows} guided flows.`);
} catch (error) {
  // A content mistake must not keep the site down: report it and serve the last good import.
  if (!(error instanceof ContentImportError)) throw error;
  console.error(`Knowledge base not imported (the database keeps the last good import):\n${error.message}`);
}
db.$client.close();
buildIfNeeded();
printDemoAccounts(config.SITE_URL);
await import(pathToFileURL(resolve(SERVER_ENTRY)).href);
