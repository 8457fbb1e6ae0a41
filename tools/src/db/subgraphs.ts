import path from 'node:path';
import { isSubgraphName, subgraphEntry, subgraphNames } from '@epr/platform';
import { repoRoot } from './repo-root.js';

/**
 * Everything with its own Postgres schema and migration history: what the platform shares between the subgraphs
 * and migrates first — the access-control fact store behind the shared policy engine (relationships, emergency
 * access, consent) and the idempotency keys of writes — then the subgraphs of the manifest.
 */
const platformModules = ['access-control', 'platform'] as const;
export const DATABASE_MODULES = [...platformModules, ...subgraphNames] as const;
export type DatabaseModule = (typeof DATABASE_MODULES)[number];

/** Where one module's data lives: the Postgres schema it owns and its Prisma files. */
export interface SubgraphDatabase {
  /** Shown in messages. */
  name: string;
  /** The Postgres schema (namespace) holding the module's tables and its own `_prisma_migrations`. */
  postgresSchema: string;
  /** The Prisma schema: the datamodel new migrations are diffed towards. */
  schemaFile: string;
  /** Prisma's migrations folder: `<timestamp>_<name>/migration.sql` and `migration_lock.toml`. */
  migrationsDir: string;
}

/** A module name, or an explicit layout (tests use throw-away folders). */
export type SubgraphTarget = DatabaseModule | SubgraphDatabase;

export function parseSubgraph(name: string): DatabaseModule {
  const known: readonly string[] = DATABASE_MODULES;
  if (known.includes(name)) return name as DatabaseModule;
  throw new Error(`Unknown subgraph "${name}". Known: ${DATABASE_MODULES.join(', ')}.`);
}

/** A subgraph's from the manifest; the platform's own modules' are their names with "_" for "-" (access_control). */
export function postgresSchemaOf(module: DatabaseModule): string {
  return isSubgraphName(module) ? subgraphEntry(module).postgresSchema : module.replaceAll('-', '_');
}

export function subgraphDatabase(target: SubgraphTarget): SubgraphDatabase {
  if (typeof target !== 'string') return target;
  const prismaDir = path.join(repoRoot(), isSubgraphName(target) ? subgraphEntry(target).prismaDir : path.join('prisma', target));
  return {
    name: target,
    postgresSchema: postgresSchemaOf(target),
    schemaFile: path.join(prismaDir, 'schema.prisma'),
    migrationsDir: path.join(prismaDir, 'migrations'),
  };
}
