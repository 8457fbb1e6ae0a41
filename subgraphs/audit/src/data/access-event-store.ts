import type { Db } from './prisma.js';
import type { AccessOutcome } from '../__generated__/prisma/client.js';

export interface AccessEventRecord {
  id: bigint;
  occurredAt: Date;
  subgraph: string;
  action: string;
  outcome: AccessOutcome;
  userId: string;
  jobRoleCode: string;
  organisation: string;
  requestId: string;
  patientId: string | null;
}

/** Reads of the security log. */
export class AccessEventStore {
  constructor(private readonly db: Db) {}

  latest(limit: number): Promise<AccessEventRecord[]> {
    return this.db.accessEvent.findMany({ orderBy: { id: 'desc' }, take: limit });
  }

  /** The latest `limit` events of each patient, in one statement (a window over the patient index). */
  latestForPatients(patientIds: readonly string[], limit: number): Promise<AccessEventRecord[]> {
    return this.db.$queryRaw<AccessEventRecord[]>`
      SELECT id, occurred_at AS "occurredAt", subgraph, action, outcome::text AS outcome, user_id AS "userId",
             job_role_code AS "jobRoleCode", organisation, request_id AS "requestId", patient_id::text AS "patientId"
        FROM (SELECT *, row_number() OVER (PARTITION BY patient_id ORDER BY id DESC) AS n
                FROM access_event WHERE patient_id = ANY(${[...patientIds]}::uuid[])) ranked
       WHERE n <= ${limit}
       ORDER BY patient_id, id DESC`;
  }
}
