import type { ConsentRegister, RelationshipRegister, SubgraphContext } from '@epr/platform';
import type { Loaders, Stores } from './loaders.js';
import type { PatientAccess } from './patient-access.js';

/** The patient subgraph's per-request context. */
export interface Context extends SubgraphContext {
  loaders: Loaders;
  /** Every read of patient data goes through here. */
  patients: PatientAccess;
  /** Writes (each a transaction) and directory reads. */
  stores: Stores;
  /** Legitimate relationships and break-glass access (the shared access-control store). */
  relationships: RelationshipRegister;
  /** Patients' sharing choices. */
  consents: ConsentRegister;
}
