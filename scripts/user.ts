// npm run user -- create --email a@b.c --role agent --password '…' [--name 'Ana'] [--locale es]
// npm run user -- lead --email a@b.c [--off]   make an account a support lead (the KPI reports and their digest), or not
import { parseArgs } from 'node:util';
import { createUser, setLead } from '../src/lib/auth/accounts';
import { isDomainError } from '../src/lib/errors';
import { loadConfig } from '../src/lib/server/config';
import { openMigrated } from './support/database';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    email: { type: 'string' },
    role: { type: 'string', default: 'member' },
    password: { type: 'string' },
    name: { type: 'string' },
    locale: { type: 'string', default: 'es' },
    off: { type: 'boolean', default: false },
  },
});

const command = positionals[0];
if (!values.email || (command === 'create' ? !values.password : command !== 'lead')) {
  console.error('usage: npm run user -- create --email EMAIL --password PASSWORD [--role member|superuser|moderator|agent|admin] [--name NAME] [--locale es|en]');
  console.error('       npm run user -- lead --email EMAIL [--off]');
  process.exit(64);
}
const db = openMigrated(loadConfig());
try {
  if (command === 'lead') {
    const { id } = setLead(db, values.email, !values.off);
    console.log(`User #${id} ${values.email} is ${values.off ? 'no longer' : 'now'} a support lead.`);
  } else {
    const { id } = await createUser(
      db,
      { email: values.email, password: values.password!, role: values.role, locale: values.locale, displayName: values.name ?? values.email.split('@')[0] },
      Date.now(),
    );
    console.log(`Created user #${id} ${values.email} with role ${values.role}.`);
  }
} catch (error) {
  if (!isDomainError(error)) throw error;
  const details = Object.entries(error.fields).map(([field, key]) => `${field}: ${key}`).join(', ');
  console.error(`Could not ${command === 'lead' ? 'change' : 'create'} the user: ${error.message}${details ? ` (${details})` : ''}`);
  process.exitCode = 1;
} finally {
  db.$client.close();
}
