/**
 * Synthetic demo data. NHS numbers come from 999 000 0000–999 999 9999: they pass the Modulus 11 check but
 * are never issued, so no real person can be confused with a demo patient. Ids are fixed so seeding again
 * changes nothing.
 */
export const organisations = [
  { id: '0b5a8f4e-0000-4000-8000-000000000001', odsCode: 'RX1', name: 'Northfield University Hospitals NHS Trust' },
  { id: '0b5a8f4e-0000-4000-8000-000000000002', odsCode: 'A81001', name: 'Riverside Medical Practice' },
  // Patients sign in to the portal through the NHS App, run by NHS England (X26).
  { id: '0b5a8f4e-0000-4000-8000-000000000003', odsCode: 'X26', name: 'NHS App (patient access)' },
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
  /** For a patient's own portal account. */
  patientId?: string;
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
    // A patient signed in to the portal: her own record and nobody else's.
    id: 'olivia.bennett',
    displayName: 'Olivia Bennett',
    patientId: '5e1f0c3a-0000-4000-8000-000000000001',
    roleProfiles: [{ id: 'rp-bennett-portal', jobRoleCode: 'PATIENT', odsCode: 'X26', description: 'Patient (NHS App)' }],
  },
  {
    id: 'reception.sam.cole',
    displayName: 'Sam Cole',
    roleProfiles: [{ id: 'rp-cole-a81001', jobRoleCode: 'R8010', odsCode: 'A81001', description: 'Clerical (receptionist) at A81001' }],
  },
  {
    id: 'analyst.raj.iyer',
    displayName: 'Raj Iyer',
    roleProfiles: [{ id: 'rp-iyer-rx1', jobRoleCode: 'R1980', odsCode: 'RX1', description: 'Reporting Analyst at RX1' }],
  },
  {
    id: 'cg.helen.ward',
    displayName: 'Dr Helen Ward',
    roleProfiles: [{ id: 'rp-ward-rx1', jobRoleCode: 'R5105', odsCode: 'RX1', description: 'Caldicott Guardian at RX1' }],
  },
  {
    // A ward nurse: a member of Ward 7's care team only, so an admission to Ward 7 opens a record to her.
    id: 'nurse.maya.singh',
    displayName: 'Maya Singh',
    roleProfiles: [{ id: 'rp-singh-rx1', jobRoleCode: 'R8001', odsCode: 'RX1', description: 'Nurse on Ward 7 at RX1' }],
  },
  {
    // The trust's interface engine relays the PAS's HL7 v2 ADT feed: registrations, updates, merges, admissions.
    id: 'interface.engine',
    displayName: 'Northfield interface engine (PAS ADT feed)',
    roleProfiles: [{ id: 'rp-interface-rx1', jobRoleCode: 'IFENGINE', odsCode: 'RX1', description: 'Interface engine at RX1' }],
  },
  {
    // Manages the directory: ends role profiles and revokes sessions at RX1.
    id: 'ra.nina.patel',
    displayName: 'Nina Patel',
    roleProfiles: [{ id: 'rp-patel-rx1', jobRoleCode: 'R5080', odsCode: 'RX1', description: 'Registration Authority Agent at RX1' }],
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
  {
    id: '5e1f0c3a-0000-4000-8000-000000000001',
    nhsNumber: '9990000018',
    givenName: 'Olivia',
    familyName: 'Bennett',
    birthDate: '1954-03-12',
  },
  {
    id: '5e1f0c3a-0000-4000-8000-000000000002',
    nhsNumber: '9990000085',
    givenName: 'Jonathan',
    familyName: 'Smith-Jones',
    birthDate: '1978-11-02',
  },
  {
    id: '5e1f0c3a-0000-4000-8000-000000000003',
    nhsNumber: '9990000158',
    givenName: 'Aisha',
    familyName: 'Rahman',
    birthDate: '1990-07-21',
  },
  {
    id: '5e1f0c3a-0000-4000-8000-000000000004',
    nhsNumber: '9990000220',
    givenName: 'George',
    familyName: 'McAllister',
    birthDate: '1941-01-30',
  },
  { id: '5e1f0c3a-0000-4000-8000-000000000005', nhsNumber: '9990000298', givenName: 'Priya', familyName: 'Patel', birthDate: '2012-05-09' },
  {
    id: '5e1f0c3a-0000-4000-8000-000000000006',
    nhsNumber: '9990000360',
    givenName: 'Thomas',
    familyName: "O'Neill",
    birthDate: '1966-09-17',
  },
  {
    id: '5e1f0c3a-0000-4000-8000-000000000007',
    nhsNumber: '9990000433',
    givenName: 'Grace',
    familyName: 'Adeyemi',
    birthDate: '1985-12-25',
  },
  {
    id: '5e1f0c3a-0000-4000-8000-000000000008',
    nhsNumber: '9990000506',
    givenName: 'William',
    familyName: 'Hughes',
    birthDate: '1972-04-04',
  },
];

export interface DemoReferral {
  id: string;
  patientId: string;
  receivingOrganisation: OdsCode;
  specialty: string;
  priority: 'ROUTINE' | 'URGENT' | 'TWO_WEEK_WAIT';
  receivedOn: string;
  referrer: { organisation: OdsCode; clinician: string };
  reason: string;
  /** e-RS Unique Booking Reference Number; demo ones start 9990 like demo NHS numbers. */
  ubrn: string | null;
  triage: 'AWAITING_TRIAGE' | 'ACCEPTED' | 'REJECTED';
}

const gp = { organisation: 'A81001', clinician: 'Dr David Lee' } as const;

export const referrals: DemoReferral[] = [
  {
    id: '7a2d9b10-0000-4000-8000-000000000001',
    patientId: patients[0]!.id,
    receivingOrganisation: 'RX1',
    specialty: 'Cardiology',
    priority: 'ROUTINE',
    receivedOn: '2026-08-03',
    referrer: gp,
    reason: 'Exertional chest tightness; abnormal resting ECG.',
    ubrn: '999000000011',
    triage: 'ACCEPTED',
  },
  {
    id: '7a2d9b10-0000-4000-8000-000000000002',
    patientId: patients[0]!.id,
    receivingOrganisation: 'RX1',
    specialty: 'Ophthalmology',
    priority: 'ROUTINE',
    receivedOn: '2026-10-14',
    referrer: gp,
    reason: 'Gradual loss of vision in the right eye; suspected cataract.',
    ubrn: '999000000029',
    triage: 'AWAITING_TRIAGE',
  },
  {
    id: '7a2d9b10-0000-4000-8000-000000000003',
    patientId: patients[1]!.id,
    receivingOrganisation: 'RX1',
    specialty: 'Dermatology',
    priority: 'TWO_WEEK_WAIT',
    receivedOn: '2026-11-10',
    referrer: gp,
    reason: 'Changing pigmented lesion on the back; suspected melanoma.',
    ubrn: '999000000037',
    triage: 'ACCEPTED',
  },
  {
    id: '7a2d9b10-0000-4000-8000-000000000004',
    patientId: patients[3]!.id,
    receivingOrganisation: 'RX1',
    specialty: 'Trauma and Orthopaedics',
    priority: 'URGENT',
    receivedOn: '2026-06-22',
    referrer: gp,
    reason: 'Painful, stiff right hip limiting walking; X-ray shows severe osteoarthritis.',
    ubrn: null,
    triage: 'ACCEPTED',
  },
  {
    id: '7a2d9b10-0000-4000-8000-000000000005',
    patientId: patients[5]!.id,
    receivingOrganisation: 'RX1',
    specialty: 'Urology',
    priority: 'ROUTINE',
    receivedOn: '2026-04-06',
    referrer: gp,
    reason: 'Lower urinary tract symptoms; enlarged prostate on examination.',
    ubrn: '999000000045',
    triage: 'ACCEPTED',
  },
  {
    id: '7a2d9b10-0000-4000-8000-000000000006',
    patientId: patients[2]!.id,
    receivingOrganisation: 'RX1',
    specialty: 'Gynaecology',
    priority: 'ROUTINE',
    receivedOn: '2026-03-02',
    referrer: gp,
    reason: 'Heavy menstrual bleeding; small fibroid on ultrasound.',
    ubrn: '999000000053',
    triage: 'ACCEPTED',
  },
];

export interface DemoClinic {
  id: string;
  organisation: OdsCode;
  service: string;
  name: string;
  clinicianId: string | null;
  teamCode: string | null;
  location: string;
  /** The clinic's weekly session in UK local time; its sessions are generated over `clinicPeriod`. */
  weekly: {
    templateId: string;
    weekday: number;
    startTime: string;
    slotMinutes: number;
    slotCount: number;
    slotCapacity: number;
    slotKind: 'NEW' | 'FOLLOW_UP';
  };
}

export const clinics: DemoClinic[] = [
  {
    id: 'c1a1c000-0000-4000-8000-000000000001',
    organisation: 'RX1',
    service: 'Cardiology',
    name: 'Cardiology new patient clinic',
    clinicianId: 'dr.amelia.hart',
    teamCode: null,
    location: 'Outpatients B, Level 2',
    weekly: {
      templateId: 'c1a1c000-0000-4000-8000-000000000101',
      weekday: 1,
      startTime: '09:00',
      slotMinutes: 30,
      slotCount: 6,
      slotCapacity: 1,
      slotKind: 'NEW',
    },
  },
  {
    id: 'c1a1c000-0000-4000-8000-000000000002',
    organisation: 'RX1',
    service: 'Cardiology',
    name: 'Cardiology follow-up clinic',
    clinicianId: 'dr.amelia.hart',
    teamCode: null,
    location: 'Outpatients B, Level 2',
    weekly: {
      templateId: 'c1a1c000-0000-4000-8000-000000000102',
      weekday: 2,
      startTime: '09:00',
      slotMinutes: 15,
      slotCount: 12,
      slotCapacity: 1,
      slotKind: 'FOLLOW_UP',
    },
  },
  {
    id: 'c1a1c000-0000-4000-8000-000000000003',
    organisation: 'RX1',
    service: 'Dermatology',
    name: 'Dermatology two-week-wait clinic',
    clinicianId: null,
    teamCode: 'DERM-RX1',
    location: 'Skin Centre',
    weekly: {
      templateId: 'c1a1c000-0000-4000-8000-000000000103',
      weekday: 3,
      startTime: '13:30',
      slotMinutes: 20,
      slotCount: 9,
      slotCapacity: 1,
      slotKind: 'NEW',
    },
  },
  {
    id: 'c1a1c000-0000-4000-8000-000000000004',
    organisation: 'RX1',
    service: 'Trauma and Orthopaedics',
    name: 'Fracture clinic',
    clinicianId: null,
    teamCode: 'TO-RX1',
    location: 'Fracture Clinic, Ground Floor',
    weekly: {
      templateId: 'c1a1c000-0000-4000-8000-000000000104',
      weekday: 4,
      startTime: '08:30',
      slotMinutes: 15,
      slotCount: 16,
      slotCapacity: 2,
      slotKind: 'FOLLOW_UP',
    },
  },
];

/** The demo clinics' sessions run over these dates, so there are free slots to search and book. */
export const clinicPeriod = { from: '2026-11-23', to: '2027-06-30' } as const;

export interface DemoAppointment {
  id: string;
  patientId: string;
  clinic: DemoClinic;
  /** The appointment's own one-slot session, outside the clinic's weekly pattern (seen before the period above). */
  slotId: string;
  slotKind: 'NEW' | 'FOLLOW_UP';
  startsAt: string;
  status: 'BOOKED' | 'ATTENDED' | 'DID_NOT_ATTEND' | 'CANCELLED';
  /** The referral and its pathway (care-pathway's demo pathways, demo-pathways.ts) the appointment is for. */
  referralId: string;
  pathwayId: string;
  /** For a DNA: how the appointment had been communicated to the patient. */
  dnaCommunicationEvidence?: string;
}

const demoPathwayId = (n: number) => `ba7e0000-0000-4000-8000-00000000000${n}`;

export const appointments: DemoAppointment[] = [
  {
    id: '9c4e2f70-0000-4000-8000-000000000001',
    patientId: patients[0]!.id,
    clinic: clinics[0]!,
    slotId: '5107a000-0000-4000-8000-000000000001',
    slotKind: 'NEW',
    startsAt: '2026-09-15T09:30:00Z',
    status: 'ATTENDED',
    referralId: referrals[0]!.id,
    pathwayId: demoPathwayId(1),
  },
  {
    id: '9c4e2f70-0000-4000-8000-000000000002',
    patientId: patients[0]!.id,
    clinic: clinics[1]!,
    slotId: '5107a000-0000-4000-8000-000000000002',
    slotKind: 'FOLLOW_UP',
    startsAt: '2026-12-08T14:00:00Z',
    status: 'BOOKED',
    referralId: referrals[0]!.id,
    pathwayId: demoPathwayId(1),
  },
  {
    id: '9c4e2f70-0000-4000-8000-000000000003',
    patientId: patients[1]!.id,
    clinic: clinics[2]!,
    slotId: '5107a000-0000-4000-8000-000000000003',
    slotKind: 'NEW',
    startsAt: '2026-11-20T10:15:00Z',
    status: 'DID_NOT_ATTEND',
    referralId: referrals[2]!.id,
    pathwayId: demoPathwayId(3),
    dnaCommunicationEvidence: 'Appointment letter sent 2026-11-11; text reminder 2026-11-19',
  },
  {
    id: '9c4e2f70-0000-4000-8000-000000000004',
    patientId: patients[3]!.id,
    clinic: clinics[3]!,
    slotId: '5107a000-0000-4000-8000-000000000004',
    slotKind: 'FOLLOW_UP',
    startsAt: '2026-07-01T11:00:00Z',
    status: 'ATTENDED',
    referralId: referrals[3]!.id,
    pathwayId: demoPathwayId(4),
  },
];
