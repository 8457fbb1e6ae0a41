import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { parseAuditKey } from '@epr/identity';
import { AUDIT_WRITER_ROLE, ChainedAuditStore, type AuditEventRow } from '@epr/platform';
import { auditKeyFile } from '@epr/tools/audit/audit-key-file';
import { sampleEvent } from '@epr/tools/audit/sample-event';
import { stackState } from './stack-state.js';

/** The test stack's security log key, as its subgraphs hold it. */
export async function stackAuditKey(): Promise<Buffer> {
  const file = auditKeyFile(stackState().keyDir);
  return parseAuditKey(await readFile(file, 'utf8'), file);
}

/**
 * Appends events the way a subgraph does (the writer role, the append function, the stack's key): for
 * accesses no API produces yet, such as the policy engine's emergency access and seal overrides.
 */
export async function appendAsSubgraph(events: AuditEventRow[], databaseUrl = stackState().databaseUrl): Promise<void> {
  const store = new ChainedAuditStore({ databaseUrl, key: await stackAuditKey() }, 'tests');
  try {
    await store.append(events);
  } finally {
    await store.close();
  }
}

/** Runs `work` on a connection to the stack's database, as the writer role when asked. */
export async function withDatabase<T>(
  work: (client: pg.Client) => Promise<T>,
  options: { asWriter?: boolean; url?: string } = {},
): Promise<T> {
  const client = new pg.Client({
    connectionString: options.url ?? stackState().databaseUrl,
    ...(options.asWriter ? { options: `-c role=${AUDIT_WRITER_ROLE}` } : {}),
  });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** An event as a subgraph appends it, Dr Hart reading Olivia Bennett's record unless `overrides` say otherwise. */
export function event(overrides: Partial<AuditEventRow>): AuditEventRow {
  return { ...sampleEvent(`tests-${randomUUID()}`), basis_kind: null, basis_detail: null, ...overrides };
}
