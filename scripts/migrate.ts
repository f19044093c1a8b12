import { loadConfig } from '../src/lib/server/config';
import { openMigrated } from './support/database';

const config = loadConfig();
openMigrated(config).$client.close();
console.log(`Database ${config.DATABASE_PATH} is migrated.`);
