/**
 * The one list of subgraphs. Codegen, composition, the gateway, the subgraphs' own settings, the stack behind
 * `npm start` and the tests, the database tool and the tests all read it; nothing else names the subgraphs or
 * their ports (`tools/src/manifest/manifest.test.ts` fails when something does). Pure data: no imports, so the
 * root codegen config can load it from source.
 */
export const subgraphManifest = [
  {
    name: 'patient',
    /** The port `npm start` gives it and the URL composed into the supergraph (`PATIENT_PORT` overrides). */
    port: 4001,
    /** The Postgres schema it owns (tables, views, its own `_prisma_migrations`). */
    postgresSchema: 'patient',
    /** Its SDL, from the repository root. */
    sdlFile: 'schema/patient.graphql',
    /** Its Prisma schema and migration history, from the repository root. */
    prismaDir: 'prisma/patient',
  },
  {
    name: 'care-pathway',
    port: 4002,
    // Unquoted Postgres identifiers cannot contain "-".
    postgresSchema: 'care_pathway',
    sdlFile: 'schema/care-pathway.graphql',
    prismaDir: 'prisma/care-pathway',
  },
  { name: 'scheduling', port: 4003, postgresSchema: 'scheduling', sdlFile: 'schema/scheduling.graphql', prismaDir: 'prisma/scheduling' },
  { name: 'audit', port: 4004, postgresSchema: 'audit', sdlFile: 'schema/audit.graphql', prismaDir: 'prisma/audit' },
] as const;

export type SubgraphName = (typeof subgraphManifest)[number]['name'];
export type SubgraphManifestEntry = (typeof subgraphManifest)[number];

export const subgraphNames: readonly SubgraphName[] = subgraphManifest.map((s) => s.name);

/** Where the gateway listens unless `GATEWAY_PORT` says otherwise. */
export const defaultGatewayPort = 4000;

export function isSubgraphName(name: string): name is SubgraphName {
  return (subgraphNames as readonly string[]).includes(name);
}

export function subgraphEntry(name: SubgraphName): SubgraphManifestEntry {
  const entry = subgraphManifest.find((s) => s.name === name);
  if (!entry) throw new Error(`Unknown subgraph "${name}".`);
  return entry;
}

/** `CARE_PATHWAY` for care-pathway: the prefix of its `_PORT` and `_URL` variables. */
export function subgraphEnvPrefix(name: SubgraphName): string {
  return name.toUpperCase().replaceAll('-', '_');
}

/** `<NAME>_PORT` if set (checked), else the manifest's port. */
export function subgraphPort(name: SubgraphName, env: NodeJS.ProcessEnv = process.env): number {
  return portFrom(env, `${subgraphEnvPrefix(name)}_PORT`, subgraphEntry(name).port);
}

/** `GATEWAY_PORT` if set (checked), else 4000. */
export function gatewayPort(env: NodeJS.ProcessEnv = process.env): number {
  return portFrom(env, 'GATEWAY_PORT', defaultGatewayPort);
}

function portFrom(env: NodeJS.ProcessEnv, variable: string, fallback: number): number {
  const text = env[variable];
  if (text === undefined || text === '') return fallback;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new Error(`${variable} must be a port number (0–65535), not "${text}".`);
  return port;
}

/** The subgraph URLs set in the environment (`PATIENT_URL`, `CARE_PATHWAY_URL`, …); the others are left out. */
export function subgraphUrlsFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<Record<SubgraphName, string>> {
  const urls: Partial<Record<SubgraphName, string>> = {};
  for (const name of subgraphNames) {
    const url = env[`${subgraphEnvPrefix(name)}_URL`];
    if (url) urls[name] = url;
  }
  return urls;
}

/** `PATIENT_URL`, `CARE_PATHWAY_URL`, … for a process that calls the subgraphs at these URLs. */
export function subgraphUrlEnvironment(urls: Readonly<Record<SubgraphName, string>>): Record<string, string> {
  return Object.fromEntries(subgraphNames.map((name) => [`${subgraphEnvPrefix(name)}_URL`, urls[name]]));
}
