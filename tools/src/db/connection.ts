import { DEFAULT_EMBEDDED_PORT, defaultDataDir, startEmbeddedPostgres, type RunningPostgres } from './embedded-postgres.js';
import { redact } from './pg-client.js';
import { postgresSchemaOf, type DatabaseModule } from './subgraphs.js';

export interface ResolvedDatabase extends RunningPostgres {
  /** Where the server came from, for log lines (no password). */
  description: string;
}

/**
 * The PostgreSQL server to work on: the one `DATABASE_URL` names, or else an embedded server started for local
 * development (data directory `EPR_POSTGRES_DATA_DIR`, default `<repo>/.data/postgres`; port `EPR_POSTGRES_PORT`,
 * default 5433).
 */
export async function resolveDatabase(env: NodeJS.ProcessEnv = process.env): Promise<ResolvedDatabase> {
  if (env['DATABASE_URL']) {
    return { url: env['DATABASE_URL'], stop: async () => undefined, description: `DATABASE_URL ${redact(env['DATABASE_URL'])}` };
  }
  const dataDir = env['EPR_POSTGRES_DATA_DIR'] || defaultDataDir();
  const port = env['EPR_POSTGRES_PORT'] ? parsePort(env['EPR_POSTGRES_PORT']) : DEFAULT_EMBEDDED_PORT;
  const server = await startEmbeddedPostgres({ dataDir, port });
  const how = server.reused ? 'already running' : 'started';
  return { ...server, description: `embedded PostgreSQL ${how} at ${redact(server.url)} (data ${dataDir})` };
}

/**
 * A URL for one subgraph's Postgres schema: `options=-c search_path=<schema>`, which node-postgres and libpq
 * (psql) both honour, so unqualified SQL lands in that subgraph's schema. (Prisma's native CLI would want
 * `?schema=<schema>` instead; nothing here uses it.)
 */
export function subgraphDatabaseUrl(databaseUrl: string, subgraph: DatabaseModule): string {
  const url = new URL(databaseUrl);
  url.searchParams.delete('options');
  // Percent-encoded by hand: URLSearchParams would write the space as "+", which libpq does not decode.
  const options = `options=${encodeURIComponent(`-c search_path=${postgresSchemaOf(subgraph)}`)}`;
  url.search = url.search ? `${url.search}&${options}` : `?${options}`;
  return url.toString();
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`EPR_POSTGRES_PORT is not a port: "${value}".`);
  return port;
}
