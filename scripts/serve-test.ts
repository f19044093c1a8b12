// The server the browser tests run against: a fresh database with the demo, then the built site.
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../src/lib/server/config';
import { importContent } from '../src/lib/kb/content';
import { SERVER_ENTRY } from './support/build';
import { openMigrated, seedIfEmpty } from './support/database';

const config = loadConfig();
for (const suffix of ['', '-wal', '-shm']) rmSync(config.DATABASE_PATH + suffix, { force: true });
const db = openMigrated(config);
await seedIfEmpty(config, db);
importContent(db, process.cwd(), Date.now());
db.$client.close();
await import(pathToFileURL(resolve(SERVER_ENTRY)).href);
