import pg from 'pg';
import type { ChainedEvent } from './canonical-event.js';
import type { ChainPoint } from './chain-check.js';

const PAGE = 10_000;

const columns = `seq, occurred_at AS "occurredAt", subgraph, action, outcome::text AS outcome, user_id AS "userId",
  role_profile_id AS "roleProfileId", job_role_code AS "jobRoleCode", organisation, card_serial AS "cardSerial",
  session_id AS "sessionId", patient_id::text AS "patientId", category, items, basis_kind AS "basisKind",
  basis_detail AS "basisDetail", request_id AS "requestId", correlation_id AS "correlationId", visible_to AS "visibleTo", chain_version AS "chainVersion",
  prev_hash AS "prevHash", hash`;

/**
 * Reads the chain head and then every event in seq order, a page of seq values at a time, inside one
 * read-only REPEATABLE READ snapshot: events appended meanwhile are neither half-seen nor mistaken for
 * insertions beyond the head. Pages are seq ranges rather than LIMITs so rows sharing a seq stay together.
 * `fromSeq` skips the rows before it (already verified up to a checkpoint).
 */
export async function readChain(
  databaseUrl: string,
  fromSeq: bigint | null,
  onHead: (head: ChainPoint) => void,
  onEvent: (event: ChainedEvent) => void,
): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'epr-audit-verify' });
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const head = await client.query<{ seq: string; hash: Buffer }>('SELECT seq, hash FROM audit.chain_head WHERE id = 1');
    if (!head.rows[0]) throw new Error('audit.chain_head has no row: the security log was never set up here, or its head was deleted.');
    onHead({ seq: BigInt(head.rows[0].seq), hash: head.rows[0].hash });
    let from = await nextSeq(client, fromSeq);
    while (from !== null) {
      const page = await client.query<ChainedEvent & { seq: string }>(
        `SELECT ${columns} FROM audit.access_event WHERE seq >= $1 AND seq < $2 ORDER BY seq`,
        [from.toString(), (from + BigInt(PAGE)).toString()],
      );
      for (const row of page.rows) onEvent({ ...row, seq: BigInt(row.seq) });
      from = await nextSeq(client, from + BigInt(PAGE));
    }
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}

async function nextSeq(client: pg.Client, atLeast: bigint | null): Promise<bigint | null> {
  const { rows } = await client.query<{ seq: string | null }>(
    'SELECT min(seq)::text AS seq FROM audit.access_event WHERE $1::bigint IS NULL OR seq >= $1::bigint',
    [atLeast?.toString() ?? null],
  );
  return rows[0]?.seq ? BigInt(rows[0].seq) : null;
}
