import { join } from 'node:path';
import { resolveDatabase } from './db/connection.js';
import { repoRoot } from './db/repo-root.js';
import { defaultKeyDir, mintSessionToken } from './dev-issuer/index.js';
import { users } from './seed/demo-data.js';
import { portsFromEnv, startStack } from './stack/start-stack.js';

/**
 * `npm start`: the whole system on this machine. PostgreSQL is the embedded one (data in .data/postgres)
 * unless DATABASE_URL names another server. Ctrl-C stops everything, the embedded database included.
 */
const database = await resolveDatabase();
console.log(`PostgreSQL: ${database.description}`);
const logDir = join(repoRoot(), '.data', 'logs');
// npm start is for trying the API: the explorer is on unless the operator asked for production or said no.
const explorer = process.env['GATEWAY_EXPLORER'] ?? (process.env['NODE_ENV'] === 'production' ? '0' : '1');
let stack;
try {
  stack = await startStack({
    databaseUrl: database.url,
    ports: portsFromEnv(),
    keyDir: defaultKeyDir(),
    logDir,
    gatewayEnv: { GATEWAY_EXPLORER: explorer },
  });
} catch (error) {
  await database.stop();
  throw error;
}

const clinician = users[0]!;
const portalPatient = users.find((user) => user.patientId)!;
// Links that sign in as a demo user: the token rides in the fragment, which the browser never sends anywhere.
const signedIn = async (user: (typeof users)[number]) =>
  `#token=${(await mintSessionToken({ userId: user.id, roleProfileId: user.roleProfiles[0]!.id })).token}`;
const origin = new URL(stack.gatewayUrl).origin;
const explorerLines =
  explorer === '1'
    ? `  Explorer as ${clinician.displayName} (${clinician.roleProfiles[0]!.description}):\n    ${origin}/explorer${await signedIn(clinician)}\n`
    : '';
console.log(`
Gateway:  ${stack.gatewayUrl}
Explorer: ${explorer === '1' ? `${origin}/explorer` : 'switched off (GATEWAY_EXPLORER=1 turns it on)'}
Portal:   ${origin}/portal/
Logs:     ${logDir}/<service>.log (JSON lines)

Signed-in links (8 hours; the token is in the #fragment, which the browser never sends to a server):
${explorerLines}  Portal as the patient ${portalPatient.displayName}:
    ${origin}/portal/${await signedIn(portalPatient)}

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
