// npm run token -- create --email a@b.c [--name 'ci']  → prints a personal access token once
import { eq } from 'drizzle-orm';
import { parseArgs } from 'node:util';
import { users } from '../db/schema/index';
import { createAccessToken } from '../src/lib/auth/accounts';
import { loadConfig } from '../src/lib/server/config';
import { openMigrated } from './support/database';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { email: { type: 'string' }, name: { type: 'string', default: 'cli' } },
});
if (positionals[0] !== 'create' || !values.email) {
  console.error('usage: npm run token -- create --email EMAIL [--name NAME]');
  process.exit(64);
}
const db = openMigrated(loadConfig());
const user = db.select().from(users).where(eq(users.email, values.email.trim().toLowerCase())).get();
if (!user) {
  console.error(`No user with email ${values.email}.`);
  process.exit(1);
}
const { token } = createAccessToken(db, { ...user }, { name: values.name }, Date.now());
db.$client.close();
console.log(`Token for ${user.email} (shown once, store it now):\n${token}`);
