import type pg from 'pg';
import type { Caller } from '@epr/identity';

export type AccessOutcome = 'ALLOWED' | 'DENIED';

/** On what grounds access was allowed (RELATIONSHIP, EMERGENCY, SEAL_OVERRIDE, SELF, ...) or why it was refused. */
export interface AccessBasis {
  kind: string;
  detail?: string;
}

/** One access to patient data, as the subgraph that served it saw it. */
export interface AccessRecord {
  action: string;
  outcome: AccessOutcome;
  patientId: string | null;
  /** The items touched, as `<Type>:<id>`. */
  items?: string[];
  basis?: AccessBasis;
}

/**
 * Collects a request's access records and writes them in one INSERT before the response leaves the subgraph.
 * The audit store is the `audit` Postgres schema, owned by the audit subgraph; every subgraph appends to it
 * through this class and nothing else, and only the audit subgraph reads it.
 */
export class AuditTrail {
  /** Keyed so a record read twice in one request (say, in a list and again by id) is logged once. */
  private readonly pending = new Map<string, AccessRecord>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly subgraph: string,
    private readonly caller: Caller,
  ) {}

  record(record: AccessRecord): void {
    this.pending.set(`${record.action}|${record.outcome}|${record.patientId ?? ''}`, record);
  }

  /** Writes what was recorded; throws if the store cannot be written, so the caller can fail closed. */
  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const rows = [...this.pending.values()];
    this.pending.clear();
    const columns = 10;
    const values: unknown[] = [];
    const tuples = rows.map((row, i) => {
      const c = this.caller;
      values.push(
        this.subgraph,
        row.action,
        row.outcome,
        c.userId,
        c.roleProfileId,
        c.jobRoleCode,
        c.organisationOds,
        c.cardSerial ?? null,
        row.patientId,
        c.requestId,
      );
      const base = i * columns;
      const params = Array.from({ length: columns }, (_, k) => `$${base + k + 1}`);
      params[2] = `${params[2]}::audit.access_outcome`;
      return `(${params.join(', ')})`;
    });
    await this.pool.query(
      `INSERT INTO audit.access_event (subgraph, action, outcome, user_id, role_profile_id, job_role_code, organisation, card_serial, patient_id, request_id)
       VALUES ${tuples.join(', ')}`,
      values,
    );
  }
}
