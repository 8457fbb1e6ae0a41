import { conflict, type Transaction, isUniqueViolation } from '@epr/platform';
import type { Prisma } from '../__generated__/prisma/client.js';
import type { Admission } from '../domain/admission.js';
import { checkDischargeAfterAdmission } from '../domain/admission.js';
import type { Db, Tx } from './prisma.js';

const admissionColumns = {
  id: true,
  patientId: true,
  organisationId: true,
  ward: true,
  careTeamId: true,
  visitNumber: true,
  admittedAt: true,
  dischargedAt: true,
} as const satisfies Prisma.AdmissionSelect;

export type AdmissionRecord = Prisma.AdmissionGetPayload<{ select: typeof admissionColumns }>;

export interface NewAdmission extends Admission {
  patientId: string;
  organisationId: string;
  careTeamId: string | null;
  admittedBy: string;
}

/** Admissions and discharges, each one transaction together with what the care process makes with it. */
export class AdmissionStore {
  constructor(private readonly db: Db) {}

  admissionsOf(patientIds: readonly string[]): Promise<AdmissionRecord[]> {
    return this.db.admission.findMany({
      where: { patientId: { in: [...patientIds] } },
      select: admissionColumns,
      orderBy: [{ admittedAt: 'desc' }, { id: 'asc' }],
    });
  }

  /** The care team of the organisation whose code is the ward's, if the directory has one. */
  async wardTeam(organisationId: string, ward: string): Promise<string | null> {
    // A ward, not just any team: naming a clinical team as the "ward" must not hand it the patient's record.
    const team = await this.db.careTeam.findFirst({ where: { organisationId, code: ward, isWard: true }, select: { id: true } });
    return team?.id ?? null;
  }

  async admit(
    admission: NewAdmission,
    afterwards: (tx: Tx, created: AdmissionRecord) => Promise<void>,
    transaction: Transaction<Tx, AdmissionRecord>,
  ): Promise<AdmissionRecord> {
    try {
      return await transaction(async (tx) => {
        const created = await tx.admission.create({ data: admission, select: admissionColumns });
        await afterwards(tx, created);
        return created;
      });
    } catch (error) {
      // The partial unique index: one open admission per patient and organisation.
      if (isUniqueViolation(error))
        throw conflict('This patient is already admitted here; discharge them before a new admission.', 'input.patientId');
      throw error;
    }
  }

  /** Closes the patient's open admission at the organisation (locked, so two discharges cannot both close it). */
  discharge(
    patientId: string,
    organisationId: string,
    discharge: { dischargedAt: Date; dischargedBy: string },
    afterwards: (tx: Tx, closed: AdmissionRecord) => Promise<void>,
    transaction: Transaction<Tx, AdmissionRecord>,
  ): Promise<AdmissionRecord> {
    return transaction(async (tx) => {
      const [open] = await tx.$queryRaw<{ id: string; admitted_at: Date }[]>`
        SELECT id, admitted_at FROM patient.admission
         WHERE patient_id = ${patientId}::uuid AND organisation_id = ${organisationId}::uuid AND discharged_at IS NULL
         FOR UPDATE`;
      if (!open) throw conflict('This patient has no open admission here to discharge.', 'input.patientId');
      checkDischargeAfterAdmission(open.admitted_at, discharge.dischargedAt);
      const closed = await tx.admission.update({ where: { id: open.id }, data: discharge, select: admissionColumns });
      await afterwards(tx, closed);
      return closed;
    });
  }
}
