import { forbidden } from '@epr/platform';
import type { InterfaceMessageInput } from '../__generated__/resolvers-types.js';
import type { AdmissionRecord } from '../data/admission-store.js';
import { admissionSourceRef, parseAdmission, parseDischargeTime, type AdmissionRequest } from '../domain/admission.js';
import { recordMessage, unappliedMessage } from './interface-messages.js';
import type { PatientService } from './patient-service.js';
import type { ServiceRequest } from './request.js';

/**
 * Hospital stays as a PAS (or its interface engine) reports them. Admission gives the ward's care team, else the
 * organisation, an ADMISSION legitimate relationship in the same transaction; discharge ends it after the
 * policy's grace period. Where and when a patient stayed is read like their other administrative details.
 */
export class AdmissionService {
  constructor(
    private readonly request: ServiceRequest,
    private readonly patients: PatientService,
  ) {}

  async admissions(patientId: string): Promise<AdmissionRecord[]> {
    const { policy, loaders } = this.request;
    const decision = await policy.forPatient('demographics.read', patientId, 'admission.read');
    return decision.effect === 'ALLOW' ? loaders.admissionsByPatientId.load(patientId) : [];
  }

  async admit(input: AdmissionRequest & { patientId: string }, messageInput?: InterfaceMessageInput | null): Promise<AdmissionRecord> {
    const { stores, relationships, caller, writes, sql } = this.request;
    const message = await unappliedMessage(this.request, messageInput);
    const admission = parseAdmission(input);
    const patient = await this.patients.changeable(input.patientId, 'input.patientId');
    const organisationId = await this.callerOrganisationId();
    const careTeamId = await stores.admissions.wardTeam(organisationId, admission.ward);
    const created = await stores.admissions.admit(
      { ...admission, patientId: patient.id, organisationId, careTeamId, admittedBy: caller.userId },
      async (tx, stay) => {
        // The ward's team (else the organisation) may open the record from the moment of admission, no sooner.
        await relationships.careRelationship(sql.sqlOf(tx), {
          patientId: patient.id,
          holder: careTeamId ? { kind: 'TEAM', id: careTeamId } : { kind: 'ORGANISATION', id: caller.organisationOds },
          type: 'ADMISSION',
          sourceRef: admissionSourceRef(stay.id),
          createdBy: caller.userId,
        });
        await recordMessage(this.request, tx, message, patient.id);
      },
      // Without a ward team the whole organisation may open the record: alerted (admission.create.organisation-wide).
      writes.for((stay) => [
        {
          action: careTeamId ? 'admission.create' : 'admission.create.organisation-wide',
          outcome: 'ALLOWED',
          patientId: patient.id,
          items: [`Admission:${stay.id}`],
        },
      ]),
    );
    return created;
  }

  async discharge(
    input: { patientId: string; dischargedAt: string },
    messageInput?: InterfaceMessageInput | null,
  ): Promise<AdmissionRecord> {
    const { stores, relationships, caller, writes, sql } = this.request;
    const message = await unappliedMessage(this.request, messageInput);
    const dischargedAt = parseDischargeTime(input.dischargedAt);
    const patient = await this.patients.changeable(input.patientId, 'input.patientId');
    const closed = await stores.admissions.discharge(
      patient.id,
      await this.callerOrganisationId(),
      { dischargedAt, dischargedBy: caller.userId },
      async (tx, stay) => {
        // The team keeps access for the policy's grace period after discharge (letters, results), then loses it.
        await relationships.endCareRelationships(sql.sqlOf(tx), admissionSourceRef(stay.id), dischargedAt);
        await recordMessage(this.request, tx, message, patient.id);
      },
      writes.for((stay) => [{ action: 'admission.discharge', outcome: 'ALLOWED', patientId: patient.id, items: [`Admission:${stay.id}`] }]),
    );
    return closed;
  }

  private async callerOrganisationId(): Promise<string> {
    const { caller, loaders } = this.request;
    const organisation = await loaders.organisationByOds.load(caller.organisationOds);
    // The gateway checked the role profile against the directory, so this means the directory changed since.
    if (!organisation) throw forbidden('The organisation of your role profile is no longer in the directory. Sign in again.');
    return organisation.id;
  }
}
