import type { SubgraphContext } from '@epr/platform';
import type { Loaders } from './loaders.js';
import type { PatientAccess } from './patient-access.js';
import type { PatientStore } from './data/patient-store.js';
import type { DirectoryStore } from './data/directory-store.js';

/** The patient subgraph's per-request context. */
export interface Context extends SubgraphContext {
  loaders: Loaders;
  patients: PatientAccess;
  patientStore: PatientStore;
  directory: DirectoryStore;
}
