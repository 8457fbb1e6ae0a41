import DataLoader from 'dataloader';
import { orderByKeys } from '@epr/platform';
import type { PatientStore, PatientRecord } from './data/patient-store.js';
import type { DirectoryStore, OrganisationRecord } from './data/directory-store.js';

/** Per-request loaders: every batched read of this subgraph goes through one of these, one SQL statement a batch. */
export interface Loaders {
  patientById: DataLoader<string, PatientRecord | null>;
  patientByNhsNumber: DataLoader<string, PatientRecord | null>;
  organisationByOds: DataLoader<string, OrganisationRecord | null>;
}

export function createLoaders(patients: PatientStore, directory: DirectoryStore): Loaders {
  return {
    patientById: new DataLoader(async (ids) => orderByKeys(ids, await patients.findByIds(ids), (p) => p.id)),
    patientByNhsNumber: new DataLoader(async (numbers) =>
      orderByKeys(numbers, await patients.findByNhsNumbers(numbers), (p) => p.nhsNumber ?? ''),
    ),
    organisationByOds: new DataLoader(async (codes) => orderByKeys(codes, await directory.organisationsByOds(codes), (o) => o.odsCode)),
  };
}
