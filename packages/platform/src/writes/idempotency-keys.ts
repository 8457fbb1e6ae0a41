import { conflict } from '../errors.js';
import { sql, type SqlExecutor, type SqlQuery } from '../sql.js';

/** One client key for one mutation field of one user's request, with what the field was asked to do. */
export interface IdempotencyKey {
  userId: string;
  key: string;
  mutation: string;
  requestHash: string;
}

/**
 * Claims the key inside the write's transaction. A concurrent claim of the same key waits on the primary key until
 * the other transaction ends, so two racing retries cannot both write. Resolves null when this is the first
 * attempt; otherwise the first attempt's result id (null when it kept none). The same key with other input is a
 * CONFLICT: the client reused a key for a different request.
 */
export async function claimIdempotencyKey(query: SqlQuery, key: IdempotencyKey): Promise<{ id: string | null } | null> {
  const claimed = await query<{ claimed: number }>(
    sql`INSERT INTO platform.idempotent_write (user_id, idempotency_key, mutation, request_hash)
        VALUES (${key.userId}, ${key.key}, ${key.mutation}, ${key.requestHash})
     ON CONFLICT DO NOTHING RETURNING 1 AS claimed`,
  );
  if (claimed.length > 0) return null;
  const [first] = await query<{ request_hash: string; result_ref: string | null }>(
    sql`SELECT request_hash, result_ref FROM platform.idempotent_write WHERE ${sameKey(key)}`,
  );
  if (!first || first.request_hash !== key.requestHash) {
    throw conflict('This Idempotency-Key was already used for a different request. Use a new key for a new request.', 'idempotency-key');
  }
  return { id: first.result_ref };
}

/** Keeps the id of what the first attempt produced, with its key. */
export async function recordIdempotentResult(run: SqlExecutor, key: IdempotencyKey, resultId: string | null): Promise<void> {
  await run(sql`UPDATE platform.idempotent_write SET result_ref = ${resultId} WHERE ${sameKey(key)}`);
}

const sameKey = (key: IdempotencyKey) => sql`user_id = ${key.userId} AND idempotency_key = ${key.key} AND mutation = ${key.mutation}`;
