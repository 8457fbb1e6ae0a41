import type { Db } from './prisma.js';

/** A patient as the resolvers see it. */
export interface PatientRecord {
  id: string;
  nhsNumber: string | null;
  givenName: string;
  familyName: string;
  birthDate: Date;
}

export interface NewPatient {
  nhsNumber: string | null;
  givenName: string;
  familyName: string;
  birthDate: Date;
}

const columns = { id: true, nhsNumber: true, givenName: true, familyName: true, birthDate: true } as const;

/** Reads and writes of the master patient index. Batch reads take many ids and cost one SQL statement. */
export class PatientStore {
  constructor(private readonly db: Db) {}

  findByIds(ids: readonly string[]): Promise<PatientRecord[]> {
    return this.db.patient.findMany({ where: { id: { in: [...ids] } }, select: columns });
  }

  findByNhsNumbers(nhsNumbers: readonly string[]): Promise<PatientRecord[]> {
    return this.db.patient.findMany({ where: { nhsNumber: { in: [...nhsNumbers] } }, select: columns });
  }

  create(patient: NewPatient): Promise<PatientRecord> {
    return this.db.patient.create({ data: patient, select: columns });
  }
}
