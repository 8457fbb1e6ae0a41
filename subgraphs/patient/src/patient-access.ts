import type { AuditTrail } from '@epr/platform';
import type { Loaders } from './loaders.js';
import type { PatientRecord } from './data/patient-store.js';

/**
 * The one guarded path to patient records in this subgraph: single reads, look-ups by NHS number and
 * federation `_entities` all come through here, so each read is batched and recorded in the audit trail.
 * (Policy decisions join this path with the access-control work.)
 */
export class PatientAccess {
  constructor(
    private readonly loaders: Loaders,
    private readonly audit: AuditTrail,
  ) {}

  async byId(id: string): Promise<PatientRecord | null> {
    return this.reveal(await this.loaders.patientById.load(id));
  }

  async byNhsNumber(nhsNumber: string): Promise<PatientRecord | null> {
    return this.reveal(await this.loaders.patientByNhsNumber.load(nhsNumber));
  }

  private reveal(patient: PatientRecord | null): PatientRecord | null {
    if (patient) this.audit.record({ action: 'patient.read', outcome: 'ALLOWED', patientId: patient.id });
    return patient;
  }
}
