import {
  BookAppointmentDocument,
  FreeSlotsDocument,
  MyRecordSummaryDocument,
  NominateItemViewersDocument,
  PathwayTimelineDocument,
  PatientSummaryDocument,
  PatientTrackingListDocument,
  SearchPatientsDocument,
  UpdateMyConsentDocument,
  WhoViewedMyRecordDocument,
  type TypedDocumentString,
} from './__generated__/graphql.js';

/**
 * Who each example operation (operations/*.graphql) is for, and variables that work on the demo data of
 * `npm start`. The explorer opens one tab per example; an integration test runs each as the role named here,
 * and fails for an operation that has no example.
 */
export interface ExampleOperation {
  /** The operation's text, as in its file. */
  query: string;
  /** The kind of user the operation is written for. */
  audience: string;
  /** A demo user and role profile of that kind (README, "Getting a session token"). */
  signIn: { user: string; roleProfile: string };
  variables: Record<string, unknown>;
}

const patientPortal = { user: 'olivia.bennett', roleProfile: 'rp-bennett-portal' };
const clinician = { user: 'dr.amelia.hart', roleProfile: 'rp-hart-rx1' };
const bookingOffice = { user: 'clerk.chloe.reid', roleProfile: 'rp-reid-rx1' };

// Demo data (tools/src/seed): Olivia Bennett, her hypertension, her cardiology pathway, and Jonathan Smith-Jones.
const oliviaBennett = '5e1f0c3a-0000-4000-8000-000000000001';
const oliviaHypertension = 'b0b1e000-0000-4000-8000-000000000001';
const oliviaCardiologyPathway = 'ba7e0000-0000-4000-8000-000000000001';
const jonathanSmithJones = '5e1f0c3a-0000-4000-8000-000000000002';

/** Ties the variables to the operation's own variables type, so an example cannot drift from its operation. */
function example<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  audience: string,
  signIn: ExampleOperation['signIn'],
  variables: TVariables,
): ExampleOperation {
  return { query: document.toString().trim(), audience, signIn, variables: variables as Record<string, unknown> };
}

/** By operation name. */
export const exampleOperations: Record<string, ExampleOperation> = {
  MyRecordSummary: example(MyRecordSummaryDocument, 'a patient, in the patient portal', patientPortal, {}),
  WhoViewedMyRecord: example(WhoViewedMyRecordDocument, 'a patient, in the patient portal', patientPortal, { first: 20 }),
  UpdateMyConsent: example(UpdateMyConsentDocument, 'a patient, in the patient portal', patientPortal, {
    choices: { doNotShare: false },
  }),
  NominateItemViewers: example(NominateItemViewersDocument, 'a patient, in the patient portal', patientPortal, {
    kind: 'PROBLEM',
    itemId: oliviaHypertension,
    userIds: ['gp.david.lee'],
  }),
  PatientSummary: example(PatientSummaryDocument, 'a clinician with a legitimate relationship', clinician, { id: oliviaBennett }),
  SearchPatients: example(SearchPatientsDocument, 'a clinician or the booking office', clinician, {
    criteria: { familyName: 'Benet', birthDate: '1954-03-12' },
    first: 10,
  }),
  PathwayTimeline: example(PathwayTimelineDocument, 'a clinician with a legitimate relationship', clinician, {
    id: oliviaCardiologyPathway,
    first: 20,
  }),
  PatientTrackingList: example(PatientTrackingListDocument, 'the booking office', bookingOffice, { organisation: 'RX1', first: 50 }),
  FreeSlots: example(FreeSlotsDocument, 'the booking office', bookingOffice, {
    service: 'Cardiology',
    organisation: 'RX1',
    kind: 'NEW',
    from: '2026-11-23T00:00:00Z',
    to: '2027-06-30T00:00:00Z',
    first: 5,
  }),
  BookAppointment: example(BookAppointmentDocument, 'the booking office', bookingOffice, {
    // Any id `FreeSlots` returned.
    input: { patientId: jonathanSmithJones, slotId: 'paste a slot id from FreeSlots' },
  }),
};
