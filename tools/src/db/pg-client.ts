import pg from 'pg';

/** A connected node-postgres client; failing to connect names the server, so the error says where it looked. */
export async function connectClient(databaseUrl: string, applicationName: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: applicationName });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`Cannot connect to PostgreSQL at ${redact(databaseUrl)}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return client;
}

/** The URL with its password masked, for messages. */
export function redact(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(unparseable database URL)';
  }
}
