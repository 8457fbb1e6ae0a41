import type { ServiceRequest } from '@medplum/fhirtypes';
import { organisationReference, systems, ukCoreMeta } from './terminology.js';

export const referralFields = `id patient { id } receivingOrganisation specialty priority receivedOn referrer { organisation clinician } reason ubrn
  triage { status } withdrawal { withdrawnOn }`;

export interface ReferralNode {
  id: string;
  patient: { id: string };
  receivingOrganisation: string;
  specialty: string;
  priority: 'ROUTINE' | 'URGENT' | 'TWO_WEEK_WAIT';
  receivedOn: string;
  referrer: { organisation: string; clinician: string } | null;
  /** Null when the field rules refused it (omitted from the resource, not a refusal of the whole referral). */
  reason: string | null;
  ubrn: string | null;
  triage: { status: 'AWAITING_TRIAGE' | 'ACCEPTED' | 'REJECTED' };
  withdrawal: { withdrawnOn: string } | null;
}

// e-RS sends two-week-wait (suspected cancer) referrals with FHIR's "asap".
const priority = { ROUTINE: 'routine', URGENT: 'urgent', TWO_WEEK_WAIT: 'asap' } as const;

/** A received referral as a UK Core ServiceRequest; a rejected or withdrawn one is revoked (ended before completion). */
export function toFhirServiceRequest(referral: ReferralNode): ServiceRequest {
  return {
    resourceType: 'ServiceRequest',
    id: referral.id,
    meta: ukCoreMeta('ServiceRequest'),
    ...(referral.ubrn ? { identifier: [{ system: systems.ubrn, value: referral.ubrn }] } : {}),
    status: referral.triage.status === 'REJECTED' || referral.withdrawal ? 'revoked' : 'active',
    intent: 'order',
    priority: priority[referral.priority],
    code: { text: `Referral to ${referral.specialty}` },
    subject: { reference: `Patient/${referral.patient.id}` },
    authoredOn: referral.receivedOn,
    ...(referral.referrer
      ? { requester: { display: referral.referrer.clinician, identifier: { system: systems.ods, value: referral.referrer.organisation } } }
      : {}),
    performer: [organisationReference(referral.receivingOrganisation)],
    ...(referral.reason ? { reasonCode: [{ text: referral.reason }] } : {}),
  };
}
