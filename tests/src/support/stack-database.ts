import pg from 'pg';
import { stackState } from './stack-state.js';

/** One SQL statement on the test stack's database, for what a test must see or set behind the API's back. */
export async function sql<T extends Record<string, unknown>>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: stackState().databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}
