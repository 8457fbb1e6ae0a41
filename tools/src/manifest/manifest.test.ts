import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  defaultGatewayPort,
  gatewayPort,
  subgraphEntry,
  subgraphEnvPrefix,
  subgraphManifest,
  subgraphNames,
  subgraphPort,
  subgraphUrlsFromEnv,
  type SubgraphName,
} from '@epr/platform';
import { repoRoot } from '../db/repo-root.js';
import { DATABASE_MODULES, postgresSchemaOf, subgraphDatabase } from '../db/subgraphs.js';
import { defaultPorts, portsFromEnv } from '../stack/start-stack.js';

const root = repoRoot();
const manifestFile = 'packages/platform/src/subgraph-manifest.ts';

/** Source and configuration files git tracks or would (not ignored) (generated code, SDL, SQL, lockfile and prose aside). */
function trackedSources(): string[] {
  return execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
    .split('\0')
    .filter((file) => /\.(ts|js|mjs|cjs|json)$/.test(file))
    .filter((file) => !file.includes('__generated__') && file !== 'package-lock.json' && file !== manifestFile);
}

describe('the subgraph manifest is the only list of subgraphs', () => {
  const sources = trackedSources().map((file) => ({ file, text: readFileSync(join(root, file), 'utf8') }));

  test('it reads real files', () => {
    expect(sources.length).toBeGreaterThan(100);
  });

  test('no other source lists the subgraphs by name', () => {
    // A list: an array of nothing but names, or one line naming three or more (as strings or as keys).
    const name = `['"\`](?:${subgraphNames.join('|')})['"\`]`;
    const arrayOfNames = new RegExp(`\\[\\s*${name}(?:\\s*,\\s*${name})+\\s*,?\\s*\\]`);
    const namesOnLine = (line: string) =>
      subgraphNames.filter((n) => new RegExp(`['"\`]${n}['"\`]|(?<![\\w-])${n.includes('-') ? '$^' : n}\\s*:`).test(line)).length;
    const offenders = sources
      .filter(({ text }) => arrayOfNames.test(text) || text.split('\n').some((line) => namesOnLine(line) >= 3))
      .map(({ file }) => file);
    expect(offenders).toEqual([]);
  });

  test('no other source writes a subgraph’s or the gateway’s default port', () => {
    const ports = [defaultGatewayPort, ...subgraphManifest.map((s) => s.port)];
    // A port as a number of its own, not inside an id such as 5e1f0c3a-0000-4000-8000-…
    const portPattern = new RegExp(`(?<![\\w-])(?:${ports.join('|')})(?![\\w-])`);
    const lengthLimits = /(?:Text|Length)\(.*\b4000\)|maxLength: 4000/;
    const offenders = sources
      .flatMap(({ file, text }) => text.split('\n').map((line, i) => ({ where: `${file}:${i + 1}`, line })))
      .filter(({ line }) => portPattern.test(line) && !lengthLimits.test(line))
      .map(({ where, line }) => `${where}: ${line.trim()}`);
    expect(offenders).toEqual([]);
  });

  test('the manifest and the tree agree: every subgraph has its folder, SDL and Prisma schema, and nothing else is one', () => {
    for (const { name, sdlFile, prismaDir } of subgraphManifest) {
      expect([name, existsSync(join(root, 'subgraphs', name, 'src', 'subgraph.ts'))]).toEqual([name, true]);
      expect([sdlFile, existsSync(join(root, sdlFile))]).toEqual([sdlFile, true]);
      expect([prismaDir, existsSync(join(root, prismaDir, 'schema.prisma'))]).toEqual([prismaDir, true]);
    }
    expect(readdirSync(join(root, 'subgraphs')).sort()).toEqual([...subgraphNames].sort());
    const sdlFiles = readdirSync(join(root, 'schema')).filter(
      (f) => f.endsWith('.graphql') && !['supergraph.graphql', 'api.graphql'].includes(f),
    );
    expect(sdlFiles.map((f) => `schema/${f}`).sort()).toEqual(subgraphManifest.map((s) => s.sdlFile).sort());
    expect(readdirSync(join(root, 'prisma')).sort()).toEqual([...DATABASE_MODULES].sort());
  });

  test('the wiring that cannot read it (project references, the tests’ dependencies) names each subgraph', () => {
    const references = (JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8')) as { references: { path: string }[] }).references.map(
      (r) => r.path,
    );
    const testDependencies = Object.keys(
      (JSON.parse(readFileSync(join(root, 'tests', 'package.json'), 'utf8')) as { dependencies: object }).dependencies,
    );
    for (const name of subgraphNames) {
      expect(references).toContain(`subgraphs/${name}`);
      expect(testDependencies).toContain(`@epr/subgraph-${name}`);
      const prismaSchema = readFileSync(subgraphDatabase(name).schemaFile, 'utf8');
      expect(prismaSchema).toContain(`output              = "../../subgraphs/${name}/src/__generated__/prisma"`);
    }
  });

  test('each subgraph’s Postgres schema, Prisma files and composed URL come from it', async () => {
    for (const { name, postgresSchema, prismaDir, port, sdlFile } of subgraphManifest) {
      expect(postgresSchemaOf(name)).toBe(postgresSchema);
      expect(subgraphDatabase(name).migrationsDir).toBe(join(root, prismaDir, 'migrations'));
      const supergraph = readFileSync(join(root, 'schema', 'supergraph.graphql'), 'utf8');
      expect(supergraph).toContain(`@join__graph(name: "${name}", url: "http://127.0.0.1:${port}/graphql")`);
      expect(sdlFile).toBe(`schema/${name}.graphql`);
    }
  });
});

describe('ports and URLs from the environment', () => {
  test('`<SUBGRAPH>_PORT` and `GATEWAY_PORT` win over the manifest, and `npm start` uses them', () => {
    const env = { GATEWAY_PORT: '5100', CARE_PATHWAY_PORT: '5102' };
    expect(gatewayPort(env)).toBe(5100);
    expect(subgraphPort('care-pathway', env)).toBe(5102);
    expect(subgraphPort('patient', env)).toBe(subgraphEntry('patient').port);
    expect(portsFromEnv(env)).toEqual({
      gateway: 5100,
      subgraphs: { ...defaultPorts.subgraphs, 'care-pathway': 5102 },
    });
    expect(portsFromEnv({})).toEqual(defaultPorts);
  });

  test('a port that is not a port is refused, naming the variable', () => {
    expect(() => subgraphPort('scheduling', { SCHEDULING_PORT: '43a' })).toThrow(/SCHEDULING_PORT must be a port number/);
    expect(() => gatewayPort({ GATEWAY_PORT: '70000' })).toThrow(/GATEWAY_PORT must be a port number/);
  });

  test('`<SUBGRAPH>_URL` names are derived from the manifest names', () => {
    expect(subgraphEnvPrefix('care-pathway')).toBe('CARE_PATHWAY');
    const urls = subgraphUrlsFromEnv({ CARE_PATHWAY_URL: 'http://cp/graphql', AUDIT_URL: 'http://a/graphql', OTHER_URL: 'x' });
    expect(urls).toEqual({ 'care-pathway': 'http://cp/graphql', audit: 'http://a/graphql' } satisfies Partial<
      Record<SubgraphName, string>
    >);
  });
});
