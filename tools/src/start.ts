import { join } from 'node:path';
import { resolveDatabase } from './db/connection.js';
import { repoRoot } from './db/repo-root.js';
import { defaultKeyDir } from './dev-issuer/index.js';
import { users } from './seed/demo-data.js';
import { startStack } from './stack/start-stack.js';

/**
 * `npm start`: the whole system on this machine. PostgreSQL is the embedded one (data in .data/postgres)
 * unless DATABASE_URL names another server. Ctrl-C stops everything, the embedded database included.
 */
const database = await resolveDatabase();
console.log(`PostgreSQL: ${database.description}`);
const logDir = join(repoRoot(), '.data', 'logs');
let stack;
try {
  stack = await startStack({ databaseUrl: database.url, keyDir: defaultKeyDir(), logDir });
} catch (error) {
  await database.stop();
  throw error;
}

const clinician = users[0]!;
console.log(`
Gateway:  ${stack.gatewayUrl}
Logs:     ${logDir}/<service>.log (JSON lines)

Get a session token for a demo user and role (README lists the others):
  TOKEN=$(npm run -s token -- --user ${clinician.id} --role ${clinician.roleProfiles[0]!.id})

Then:
  curl -s ${stack.gatewayUrl} -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \\
    -d '{"query":"{ me { displayName roleProfile { jobRoleCode organisation { name } } } }"}'

Ctrl-C stops everything.`);

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping…');
  await stack.stop();
  await database.stop();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
