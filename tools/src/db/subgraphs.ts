import path from 'node:path';
import { repoRoot } from './repo-root.js';

export const SUBGRAPHS = ['patient', 'care-pathway', 'scheduling', 'audit'] as const;
export type Subgraph = (typeof SUBGRAPHS)[number];

/**
 * Everything with its own Postgres schema and migration history: the four subgraphs, plus what the platform shares
 * between them and migrates first — the access-control fact store behind the shared policy engine (relationships,
 * emergency access, consent) and the idempotency keys of writes.
 */
export const DATABASE_MODULES = ['access-control', 'platform', ...SUBGRAPHS] as const;
export type DatabaseModule = (typeof DATABASE_MODULES)[number];

/** Where one subgraph's data lives: the Postgres schema it owns and its Prisma files. */
export interface SubgraphDatabase {
  /** Shown in messages. */
  name: string;
  /** The Postgres schema (namespace) holding the subgraph's tables and its own `_prisma_migrations`. */
  postgresSchema: string;
  /** The Prisma schema: the datamodel new migrations are diffed towards. */
  schemaFile: string;
  /** Prisma's migrations folder: `<timestamp>_<name>/migration.sql` and `migration_lock.toml`. */
  migrationsDir: string;
}

/** A subgraph name, or an explicit layout (tests use throw-away folders). */
export type SubgraphTarget = DatabaseModule | SubgraphDatabase;

export function parseSubgraph(name: string): DatabaseModule {
  const known: readonly string[] = DATABASE_MODULES;
  if (known.includes(name)) return name as DatabaseModule;
  throw new Error(`Unknown subgraph "${name}". Known: ${DATABASE_MODULES.join(', ')}.`);
}

/** Unquoted Postgres identifiers cannot contain "-", so care-pathway owns the schema care_pathway. */
export function postgresSchemaOf(subgraph: DatabaseModule): string {
  return subgraph.replaceAll('-', '_');
}

export function subgraphDatabase(target: SubgraphTarget): SubgraphDatabase {
  if (typeof target !== 'string') return target;
  const prismaDir = path.join(repoRoot(), 'prisma', target);
  return {
    name: target,
    postgresSchema: postgresSchemaOf(target),
    schemaFile: path.join(prismaDir, 'schema.prisma'),
    migrationsDir: path.join(prismaDir, 'migrations'),
  };
}
