import { activeRelationship } from '@epr/platform';
import { Prisma } from '../__generated__/prisma/client.js';
import type { Db } from './prisma.js';

/**
 * Which of some patients an organisation cares for: a legitimate relationship made by a care process (registration,
 * referral, booking, admission — not a self-claim, grant or emergency access) held by the organisation itself, one
 * of its care teams or one of its users. Asked here because the directory (teams, role profiles) is this
 * subgraph's own; the relationships are the shared access-control store's.
 */
export class CareStandingStore {
  constructor(private readonly db: Db) {}

  async caredForBy(odsCode: string, patientIds: readonly string[]): Promise<Set<string>> {
    const rows = await this.db.$queryRaw<{ id: string }[]>`
      SELECT p.id::text AS id FROM unnest(${[...patientIds]}::uuid[]) AS p(id)
       WHERE EXISTS (
         SELECT 1 FROM access_control.legitimate_relationship lr
          WHERE lr.patient_id = p.id AND ${Prisma.raw(activeRelationship('lr'))}
            AND lr.type IN ('REGISTRATION', 'REFERRAL', 'BOOKING', 'ADMISSION')
            AND ((lr.holder_kind = 'ORGANISATION' AND lr.holder_id = ${odsCode})
              OR (lr.holder_kind = 'TEAM' AND lr.holder_id IN (
                    SELECT t.id::text FROM patient.care_team t JOIN patient.organisation o ON o.id = t.organisation_id WHERE o.ods_code = ${odsCode}))
              OR (lr.holder_kind = 'USER' AND lr.holder_id IN (
                    SELECT rp.user_id FROM patient.role_profile rp JOIN patient.organisation o ON o.id = rp.organisation_id WHERE o.ods_code = ${odsCode}))))`;
    return new Set(rows.map((row) => row.id));
  }
}
