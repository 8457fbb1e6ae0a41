/**
 * Synthetic demo data. NHS numbers come from 999 000 0000–999 999 9999: they pass the Modulus 11 check but
 * are never issued, so no real person can be confused with a demo patient. Ids are fixed so seeding again
 * changes nothing.
 */
export const organisations = [
  { id: '0b5a8f4e-0000-4000-8000-000000000001', odsCode: 'RX1', name: 'Northfield University Hospitals NHS Trust' },
  { id: '0b5a8f4e-0000-4000-8000-000000000002', odsCode: 'A81001', name: 'Riverside Medical Practice' },
] as const;

export type OdsCode = (typeof organisations)[number]['odsCode'];

export interface DemoRoleProfile {
  id: string;
  jobRoleCode: string;
  odsCode: OdsCode;
  description: string;
}

export interface DemoUser {
  id: string;
  displayName: string;
  roleProfiles: DemoRoleProfile[];
}

export const users: DemoUser[] = [
  {
    id: 'dr.amelia.hart',
    displayName: 'Dr Amelia Hart',
    roleProfiles: [
      { id: 'rp-hart-rx1', jobRoleCode: 'R8000', odsCode: 'RX1', description: 'Clinical Practitioner (consultant cardiologist) at RX1' },
      { id: 'rp-hart-a81001', jobRoleCode: 'R8000', odsCode: 'A81001', description: 'Clinical Practitioner (sessional GP) at A81001' },
    ],
  },
  {
    id: 'nurse.ben.okafor',
    displayName: 'Ben Okafor',
    roleProfiles: [{ id: 'rp-okafor-rx1', jobRoleCode: 'R8001', odsCode: 'RX1', description: 'Nurse at RX1' }],
  },
  {
    id: 'clerk.chloe.reid',
    displayName: 'Chloe Reid',
    roleProfiles: [{ id: 'rp-reid-rx1', jobRoleCode: 'R8010', odsCode: 'RX1', description: 'Clerical (booking clerk) at RX1' }],
  },
  {
    id: 'privacy.priya.shah',
    displayName: 'Priya Shah',
    roleProfiles: [{ id: 'rp-shah-rx1', jobRoleCode: 'R0001', odsCode: 'RX1', description: 'Privacy Officer at RX1' }],
  },
  {
    id: 'gp.david.lee',
    displayName: 'Dr David Lee',
    roleProfiles: [{ id: 'rp-lee-a81001', jobRoleCode: 'R8000', odsCode: 'A81001', description: 'Clinical Practitioner (GP) at A81001' }],
  },
];

export interface DemoPatient {
  id: string;
  nhsNumber: string;
  givenName: string;
  familyName: string;
  birthDate: string;
}

export const patients: DemoPatient[] = [
  { id: '5e1f0c3a-0000-4000-8000-000000000001', nhsNumber: '9990000018', givenName: 'Olivia', familyName: 'Bennett', birthDate: '1954-03-12' },
  { id: '5e1f0c3a-0000-4000-8000-000000000002', nhsNumber: '9990000085', givenName: 'Jonathan', familyName: 'Smith-Jones', birthDate: '1978-11-02' },
  { id: '5e1f0c3a-0000-4000-8000-000000000003', nhsNumber: '9990000158', givenName: 'Aisha', familyName: 'Rahman', birthDate: '1990-07-21' },
  { id: '5e1f0c3a-0000-4000-8000-000000000004', nhsNumber: '9990000220', givenName: 'George', familyName: 'McAllister', birthDate: '1941-01-30' },
  { id: '5e1f0c3a-0000-4000-8000-000000000005', nhsNumber: '9990000298', givenName: 'Priya', familyName: 'Patel', birthDate: '2012-05-09' },
  { id: '5e1f0c3a-0000-4000-8000-000000000006', nhsNumber: '9990000360', givenName: 'Thomas', familyName: "O'Neill", birthDate: '1966-09-17' },
  { id: '5e1f0c3a-0000-4000-8000-000000000007', nhsNumber: '9990000433', givenName: 'Grace', familyName: 'Adeyemi', birthDate: '1985-12-25' },
  { id: '5e1f0c3a-0000-4000-8000-000000000008', nhsNumber: '9990000506', givenName: 'William', familyName: 'Hughes', birthDate: '1972-04-04' },
];

export interface DemoReferral {
  id: string;
  patientId: string;
  receivingOrganisation: OdsCode;
  specialty: string;
  priority: 'ROUTINE' | 'URGENT' | 'TWO_WEEK_WAIT';
  receivedOn: string;
}

export const referrals: DemoReferral[] = [
  { id: '7a2d9b10-0000-4000-8000-000000000001', patientId: patients[0]!.id, receivingOrganisation: 'RX1', specialty: 'Cardiology', priority: 'ROUTINE', receivedOn: '2026-08-03' },
  { id: '7a2d9b10-0000-4000-8000-000000000002', patientId: patients[0]!.id, receivingOrganisation: 'RX1', specialty: 'Ophthalmology', priority: 'ROUTINE', receivedOn: '2026-10-14' },
  { id: '7a2d9b10-0000-4000-8000-000000000003', patientId: patients[1]!.id, receivingOrganisation: 'RX1', specialty: 'Dermatology', priority: 'TWO_WEEK_WAIT', receivedOn: '2026-11-10' },
  { id: '7a2d9b10-0000-4000-8000-000000000004', patientId: patients[3]!.id, receivingOrganisation: 'RX1', specialty: 'Trauma and Orthopaedics', priority: 'URGENT', receivedOn: '2026-06-22' },
];

export interface DemoAppointment {
  id: string;
  patientId: string;
  organisation: OdsCode;
  clinicName: string;
  startsAt: string;
  status: 'BOOKED' | 'ATTENDED' | 'DID_NOT_ATTEND' | 'CANCELLED';
}

export const appointments: DemoAppointment[] = [
  { id: '9c4e2f70-0000-4000-8000-000000000001', patientId: patients[0]!.id, organisation: 'RX1', clinicName: 'Cardiology new patient clinic', startsAt: '2026-09-15T09:30:00Z', status: 'ATTENDED' },
  { id: '9c4e2f70-0000-4000-8000-000000000002', patientId: patients[0]!.id, organisation: 'RX1', clinicName: 'Cardiology follow-up clinic', startsAt: '2026-12-08T14:00:00Z', status: 'BOOKED' },
  { id: '9c4e2f70-0000-4000-8000-000000000003', patientId: patients[1]!.id, organisation: 'RX1', clinicName: 'Dermatology two-week-wait clinic', startsAt: '2026-11-20T10:15:00Z', status: 'DID_NOT_ATTEND' },
  { id: '9c4e2f70-0000-4000-8000-000000000004', patientId: patients[3]!.id, organisation: 'RX1', clinicName: 'Fracture clinic', startsAt: '2026-07-01T11:00:00Z', status: 'ATTENDED' },
];
