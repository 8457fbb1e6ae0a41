import { PrismaPg } from '@prisma/adapter-pg';
import {
  ColumnTypeEnum,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlQueryable,
  type SqlResultSet,
} from '@prisma/driver-adapter-utils';
import pg from 'pg';

/*
 * The driver adapter the WebAssembly schema engine talks to PostgreSQL through, for migration tooling only.
 *
 * The engine reads the catalog's `"char"` columns (oid 18, e.g. pg_constraint.contype) and expects them typed as
 * Character. @prisma/adapter-pg 7.10 cannot decode oid 18 at all ("Unsupported column type"), and decoding it as
 * text is not enough either: the engine then panics ("Getting constraint_type ... as char failed"). So this
 * connection relabels such columns as text on the wire, so adapter-pg decodes the one-letter string, and marks
 * them; the marked columns are then reported to the engine as Character. (`name`, oid 19, adapter-pg 7.10
 * already decodes as text.) Application code never sees any of this: it uses a plain adapter-pg pool.
 */

const CHAR_OID = 18;
const TEXT_OID = 25;
// A NUL byte cannot occur in a PostgreSQL identifier, so this suffix cannot clash with a real column name.
const CHAR_COLUMN_MARK = '\u0000"char"';

interface RowDescription {
  fields: { name: string; dataTypeID: number }[];
}

class CharColumnsAsTextClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    // Runs before pg.Client's own listener, which builds the result's field list and value parsers from this message.
    this.connection.prependListener('rowDescription', (message: RowDescription) => {
      for (const field of message.fields) {
        if (field.dataTypeID !== CHAR_OID) continue;
        field.dataTypeID = TEXT_OID;
        field.name += CHAR_COLUMN_MARK;
      }
    });
  }
}

export interface MigrationAdapter {
  factory: SqlMigrationAwareDriverAdapterFactory;
  close(): Promise<void>;
}

/** An adapter factory on `databaseUrl` that works in `postgresSchema`, and a way to close its pool. */
export function createMigrationAdapter(databaseUrl: string, postgresSchema: string): MigrationAdapter {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    application_name: 'epr-schema-engine',
    options: `-c search_path=${postgresSchema}`,
    Client: CharColumnsAsTextClient,
  });
  // `schema` is what the engine introspects (adapter-pg reports it as the connection's schema).
  const adapterPg = new PrismaPg(pool, { schema: postgresSchema });
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: adapterPg.provider,
    adapterName: adapterPg.adapterName,
    connect: async () => restoringCharColumns(await adapterPg.connect()),
    // adapter-pg's shadow database lands on the main database when given a URL; new migrations are diffed
    // against a scratch database instead (create-migration.ts), so no engine command used here needs one.
    connectToShadowDb: () => Promise.reject(new Error('The migration tooling does not use a shadow database.')),
  };
  return { factory, close: () => pool.end() };
}

/** Wraps a connection or transaction so results report the marked columns as Character, under their real names. */
function restoringCharColumns<T extends SqlQueryable>(queryable: T): T {
  return new Proxy(queryable, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (property === 'queryRaw') {
        return async (query: SqlQuery) => restoreCharColumns(await target.queryRaw(query));
      }
      if (typeof value !== 'function') return value;
      if (property === 'startTransaction') {
        return async (...args: unknown[]) => restoringCharColumns((await value.apply(target, args)) as SqlQueryable);
      }
      return (value as (...args: unknown[]) => unknown).bind(target);
    },
  });
}

function restoreCharColumns(result: SqlResultSet): SqlResultSet {
  const columnTypes = [...result.columnTypes];
  const columnNames = result.columnNames.map((name, index) => {
    if (!name.endsWith(CHAR_COLUMN_MARK)) return name;
    columnTypes[index] = ColumnTypeEnum.Character;
    return name.slice(0, -CHAR_COLUMN_MARK.length);
  });
  return { ...result, columnNames, columnTypes };
}
