import type pg from 'pg';
import { badUserInput, conflict, isUniqueViolation, preparedRead, utcDate, type Transaction } from '@epr/platform';
import type { Prisma } from '../__generated__/prisma/client.js';
import type { LocalIdentifierKey } from '../domain/demographics.js';
import type { Db, Tx } from './prisma.js';
import { lockCurrentPatient } from './patient-lock.js';
import { searchPatients, type ScoredPatient, type SearchWindow } from './search/patient-search.js';
import type { DemographicCriteria } from '../domain/search-criteria.js';

export const patientColumns = {
  id: true,
  nhsNumber: true,
  temporaryIdentity: true,
  givenName: true,
  familyName: true,
  birthDate: true,
  sex: true,
  genderIdentity: true,
  addressLines: true,
  postcode: true,
  telephone: true,
  email: true,
  registeredGpPracticeId: true,
  dateOfDeath: true,
  replacedById: true,
  createdAt: true,
} as const satisfies Prisma.PatientSelect;

/** A patient as the resolvers see it. */
export type PatientRecord = Prisma.PatientGetPayload<{ select: typeof patientColumns }>;

// The chains of merges behind each survivor, as the function (its migration, merged_into_plan_kept, says why) walks them.
const mergedIntoSurvivors = preparedRead<{ survivorId: string; patientId: string }>(
  'epr-merged-into',
  `SELECT survivor::text AS "survivorId", merged_patient::text AS "patientId"
     FROM patient.merged_into($1::uuid[], $2::int) ORDER BY chain_depth, merged_patient`,
);

// Patients by id: what every patient summary asks first (preparedRead says why not Prisma).
const patientsById = preparedRead<PatientRecord>(
  'epr-patients-by-id',
  `SELECT id, nhs_number AS "nhsNumber", temporary_identity AS "temporaryIdentity", given_name AS "givenName",
          family_name AS "familyName", ${utcDate('birth_date', 'birthDate')}, sex::text AS sex, gender_identity::text AS "genderIdentity",
          address_lines AS "addressLines", postcode, telephone, email, registered_gp_practice_id AS "registeredGpPracticeId",
          ${utcDate('date_of_death', 'dateOfDeath')}, replaced_by_id AS "replacedById", created_at AS "createdAt"
     FROM patient WHERE id = ANY($1::uuid[])`,
);

/** What can be written about a patient's demographics; a registration sets all of it. */
export interface Demographics {
  givenName: string;
  familyName: string;
  birthDate: Date;
  sex: PatientRecord['sex'];
  genderIdentity: PatientRecord['genderIdentity'];
  addressLines: string[];
  postcode: string | null;
  telephone: string | null;
  email: string | null;
  dateOfDeath: Date | null;
  /** ODS code; resolved against the directory when written. */
  registeredGpPractice: string | null;
}

export interface NewPatient extends Demographics {
  nhsNumber: string | null;
  temporaryIdentity: string | null;
  localIdentifiers: LocalIdentifierKey[];
}

/** An update: only the fields present change. A changed name keeps the old one as a previous name. */
export interface PatientChanges extends Partial<Demographics> {
  nhsNumber?: string;
  previousName?: { givenName: string; familyName: string };
}

export interface PreviousNameRecord {
  patientId: string;
  givenName: string;
  familyName: string;
}

export interface LocalIdentifierRecord {
  patientId: string;
  value: string;
  organisation: { id: string; odsCode: string; name: string };
}

const localIdentifierColumns = {
  patientId: true,
  value: true,
  organisation: { select: { id: true, odsCode: true, name: true } },
} as const satisfies Prisma.LocalIdentifierSelect;

/**
 * Reads and writes of the master patient index. Batch reads take many keys and cost one SQL statement (two for
 * local identifiers, which bring their organisation); writes run in one transaction each.
 */
export class PatientStore {
  constructor(
    private readonly db: Db,
    private readonly pool: pg.Pool,
  ) {}

  findByIds(ids: readonly string[]): Promise<PatientRecord[]> {
    return patientsById(this.pool, [ids]);
  }

  findByNhsNumbers(nhsNumbers: readonly string[]): Promise<PatientRecord[]> {
    return this.db.patient.findMany({ where: { nhsNumber: { in: [...nhsNumbers] } }, select: patientColumns });
  }

  /** The patients merged into each of `survivorIds` (directly, not through a chain). */
  findReplacedBy(survivorIds: readonly string[]): Promise<PatientRecord[]> {
    return this.db.patient.findMany({
      where: { replacedById: { in: [...survivorIds] } },
      select: patientColumns,
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
  }

  /**
   * For each survivor, every patient merged into it — directly or through a chain of merges (A into B, then B into
   * C), up to `maxDepth` merges deep — in one statement for the batch. An undone merge no longer links them.
   */
  async mergedInto(survivorIds: readonly string[], maxDepth: number): Promise<{ survivorId: string; patientId: string }[]> {
    return mergedIntoSurvivors(this.pool, [[...survivorIds], maxDepth]);
  }

  previousNamesOf(patientIds: readonly string[]): Promise<PreviousNameRecord[]> {
    return this.db.patientPreviousName.findMany({
      where: { patientId: { in: [...patientIds] } },
      select: { patientId: true, givenName: true, familyName: true },
      orderBy: [{ replacedAt: 'desc' }, { id: 'asc' }],
    });
  }

  localIdentifiersOf(patientIds: readonly string[]): Promise<LocalIdentifierRecord[]> {
    return this.db.localIdentifier.findMany({
      where: { patientId: { in: [...patientIds] } },
      select: localIdentifierColumns,
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
  }

  findByLocalIdentifiers(keys: readonly LocalIdentifierKey[]): Promise<LocalIdentifierRecord[]> {
    return this.db.localIdentifier.findMany({
      where: { OR: keys.map((key) => ({ value: key.value, organisation: { odsCode: key.odsCode } })) },
      select: localIdentifierColumns,
    });
  }

  search(criteria: DemographicCriteria, window: SearchWindow): Promise<ScoredPatient[]> {
    return searchPatients(this.db, criteria, window);
  }

  /** Creates the patient with its local identifiers, then `afterwards` (duplicate detection) in the same transaction. */
  register(
    patient: NewPatient,
    afterwards: (tx: Tx, created: PatientRecord) => Promise<void>,
    transaction: Transaction<Tx, PatientRecord>,
  ): Promise<PatientRecord> {
    return inTransaction(transaction, async (tx) => {
      if (patient.nhsNumber) await assertNhsNumberFree(tx, patient.nhsNumber, 'input.nhsNumber');
      const { localIdentifiers, registeredGpPractice, ...demographics } = patient;
      const created = await tx.patient.create({
        data: { ...demographics, registeredGpPracticeId: await practiceId(tx, registeredGpPractice, 'input.registeredGpPractice') },
        select: patientColumns,
      });
      await addLocalIdentifiers(tx, created.id, localIdentifiers, (i) => `input.localIdentifiers[${i}]`);
      await afterwards(tx, created);
      return created;
    });
  }

  /**
   * Changes a patient as `changesFor` says given the patient as it is once locked: two changes at once are
   * applied one after the other, each to what the other left (so a rename keeps the name it replaced).
   */
  update(
    id: string,
    changesFor: (current: PatientRecord) => PatientChanges,
    afterwards: (tx: Tx, updated: PatientRecord) => Promise<void>,
    transaction: Transaction<Tx, PatientRecord>,
  ): Promise<PatientRecord> {
    return inTransaction(transaction, async (tx) => {
      await lockCurrentPatient(tx, id, 'input.id', 'update');
      const current = await tx.patient.findUniqueOrThrow({ where: { id }, select: patientColumns });
      const { previousName, registeredGpPractice, ...fields } = changesFor(current);
      if (fields.nhsNumber) await assertNhsNumberFree(tx, fields.nhsNumber, 'input.nhsNumber', id);
      if (previousName) await tx.patientPreviousName.create({ data: { patientId: id, ...previousName } });
      const updated = await tx.patient.update({
        where: { id },
        data: {
          ...fields,
          ...(registeredGpPractice !== undefined && {
            registeredGpPracticeId: await practiceId(tx, registeredGpPractice, 'input.registeredGpPractice'),
          }),
        },
        select: patientColumns,
      });
      await afterwards(tx, updated);
      return updated;
    });
  }

  addLocalIdentifier(patientId: string, identifier: LocalIdentifierKey, transaction: Transaction<Tx, void>): Promise<void> {
    return inTransaction(transaction, async (tx) => {
      await lockCurrentPatient(tx, patientId, 'input.patientId', 'share');
      await addLocalIdentifiers(tx, patientId, [identifier], () => 'input.identifier');
    });
  }
}

async function inTransaction<T>(transaction: Transaction<Tx, T>, work: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await transaction(work);
  } catch (error) {
    // The checks above name the field; this is the rare race where another request took the value in between.
    if (isUniqueViolation(error)) throw conflict('Another change to the same identifier got there first. Check the record and try again.');
    throw error;
  }
}

async function assertNhsNumberFree(tx: Tx, nhsNumber: string, field: string, exceptPatientId?: string): Promise<void> {
  const holder = await tx.patient.findUnique({ where: { nhsNumber }, select: { id: true } });
  if (holder && holder.id !== exceptPatientId) throw conflict('A patient with this NHS number is already registered.', field);
}

async function practiceId(tx: Tx, odsCode: string | null, field: string): Promise<string | null> {
  if (odsCode === null) return null;
  const practice = await tx.organisation.findUnique({ where: { odsCode }, select: { id: true } });
  if (!practice) throw badUserInput(`No organisation with ODS code ${odsCode} is in the directory.`, field);
  return practice.id;
}

async function addLocalIdentifiers(
  tx: Tx,
  patientId: string,
  keys: readonly LocalIdentifierKey[],
  fieldOf: (index: number) => string,
): Promise<void> {
  if (keys.length === 0) return;
  const organisations = await tx.organisation.findMany({
    where: { odsCode: { in: keys.map((key) => key.odsCode) } },
    select: { id: true, odsCode: true },
  });
  const organisationId = new Map(organisations.map((o) => [o.odsCode, o.id]));
  const rows = keys.map((key, i) => {
    const id = organisationId.get(key.odsCode);
    if (!id) throw badUserInput(`No organisation with ODS code ${key.odsCode} is in the directory.`, `${fieldOf(i)}.organisation`);
    return { patientId, organisationId: id, value: key.value };
  });
  const taken = await tx.localIdentifier.findMany({
    where: { OR: rows.map((row) => ({ organisationId: row.organisationId, value: row.value })) },
    select: { organisationId: true, value: true },
  });
  const clash = rows.findIndex((row) => taken.some((t) => t.organisationId === row.organisationId && t.value === row.value));
  if (clash >= 0) {
    const key = keys[clash]!;
    throw conflict(`${key.odsCode} already uses the identifier ${key.value} for a patient.`, `${fieldOf(clash)}.value`);
  }
  await tx.localIdentifier.createMany({ data: rows });
}
