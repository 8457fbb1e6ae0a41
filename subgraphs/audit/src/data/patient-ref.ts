/** A patient owned by the patient subgraph, known here only by id; federation fills in the rest. */
export interface PatientRef {
  id: string;
}
