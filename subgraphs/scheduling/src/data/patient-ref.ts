import type { MergedPatientRef } from '@epr/platform';

/**
 * A patient owned by the patient subgraph, known here by id and, where a field `@requires` them, the ids of every
 * patient its record is filed under (merged duplicates); federation fills in the rest.
 */
export type PatientRef = MergedPatientRef;
