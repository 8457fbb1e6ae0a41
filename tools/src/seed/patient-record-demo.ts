/**
 * Demo data of the patient subgraph beyond the core demo patients (demo-data.ts): their demographics, care
 * teams, hospital numbers, a previous name, an unidentified duplicate waiting on the data quality worklist, and
 * clinical items. SNOMED CT codes are real concept ids; ids are fixed so seeding again changes nothing.
 */
import { patients } from './demo-data.js';

const [olivia, jonathan, aisha, george, priya, thomas, grace, william] = patients.map((p) => p.id) as [
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
];

export interface DemoCareTeam {
  id: string;
  /** Scheduling names the teams running clinics by these codes (demo-data.ts `clinics`). */
  code: string;
  name: string;
  odsCode: 'RX1' | 'A81001';
  members: string[];
  /** The services a referral names that give this team (not the whole organisation) its relationship. */
  referralServices: string[];
  /** A ward's team: an admission to the ward gives it (not the whole organisation) its relationship. */
  ward?: boolean;
}

export const careTeams: DemoCareTeam[] = [
  {
    id: 'ca7e7ea0-0000-4000-8000-000000000001',
    code: 'CARDIO-RX1',
    name: 'Cardiology',
    odsCode: 'RX1',
    members: ['rp-hart-rx1', 'rp-okafor-rx1'],
    referralServices: ['Cardiology'],
  },
  {
    id: 'ca7e7ea0-0000-4000-8000-000000000002',
    code: 'DERM-RX1',
    name: 'Dermatology',
    odsCode: 'RX1',
    members: ['rp-okafor-rx1'],
    referralServices: ['Dermatology'],
  },
  {
    id: 'ca7e7ea0-0000-4000-8000-000000000003',
    code: 'TO-RX1',
    name: 'Trauma and Orthopaedics',
    odsCode: 'RX1',
    members: [],
    referralServices: ['Trauma and Orthopaedics', 'Orthopaedics'],
  },
  {
    id: 'ca7e7ea0-0000-4000-8000-000000000004',
    code: 'LIAISON-PSYCH-RX1',
    name: 'Liaison psychiatry',
    odsCode: 'RX1',
    members: ['rp-hart-rx1'],
    referralServices: ['Liaison psychiatry'],
  },
  {
    id: 'ca7e7ea0-0000-4000-8000-000000000005',
    code: 'DQ-RX1',
    name: 'Patient access and data quality',
    odsCode: 'RX1',
    members: ['rp-reid-rx1'],
    referralServices: [],
  },
  {
    id: 'ca7e7ea0-0000-4000-8000-000000000006',
    code: 'PRACTICE-A81001',
    name: 'Riverside practice team',
    odsCode: 'A81001',
    members: ['rp-hart-a81001', 'rp-lee-a81001'],
    referralServices: [],
  },
  // A ward is a care team too: an admission to it gives the ward's team (not the whole trust) a relationship.
  {
    id: 'ca7e7ea0-0000-4000-8000-000000000007',
    code: 'WARD7-RX1',
    name: 'Ward 7 (acute medicine)',
    odsCode: 'RX1',
    members: ['rp-singh-rx1'],
    referralServices: [],
    ward: true,
  },
];

const [cardiology, , , liaisonPsychiatry, , practice] = careTeams.map((t) => t.id) as [string, string, string, string, string, string];

export interface DemoDemographics {
  sex: 'MALE' | 'FEMALE';
  addressLines: string[];
  postcode: string;
  telephone: string;
  /** The first four are registered at Riverside (the access-control seed gives the practice that relationship). */
  gpPractice: 'A81001' | null;
}

export const demographics: Record<string, DemoDemographics> = {
  [olivia]: {
    sex: 'FEMALE',
    addressLines: ['4 Mill Lane', 'Northfield'],
    postcode: 'LS6 2AB',
    telephone: '0113 496 0001',
    gpPractice: 'A81001',
  },
  [jonathan]: {
    sex: 'MALE',
    addressLines: ['27 Beech Grove', 'Northfield'],
    postcode: 'LS6 3QD',
    telephone: '07700 900002',
    gpPractice: 'A81001',
  },
  [aisha]: {
    sex: 'FEMALE',
    addressLines: ['Flat 3, 81 Station Road', 'Northfield'],
    postcode: 'LS7 1EF',
    telephone: '07700 900003',
    gpPractice: 'A81001',
  },
  [george]: {
    sex: 'MALE',
    addressLines: ['Rose Cottage', 'Chapel Street', 'Otterby'],
    postcode: 'LS21 4GH',
    telephone: '01943 496004',
    gpPractice: 'A81001',
  },
  [priya]: {
    sex: 'FEMALE',
    addressLines: ['9 Orchard Way', 'Northfield'],
    postcode: 'LS8 5JK',
    telephone: '0113 496 0005',
    gpPractice: null,
  },
  [thomas]: {
    sex: 'MALE',
    addressLines: ['112 Canal Wharf', 'Northfield'],
    postcode: 'LS1 4AP',
    telephone: '0113 496 0006',
    gpPractice: null,
  },
  [grace]: { sex: 'FEMALE', addressLines: ['6 Elm Court', 'Northfield'], postcode: 'LS9 7LM', telephone: '07700 900007', gpPractice: null },
  [william]: {
    sex: 'MALE',
    addressLines: ['2 Hill Top', 'Northfield'],
    postcode: 'LS12 3NP',
    telephone: '0113 496 0008',
    gpPractice: null,
  },
};

/**
 * Jonathan Smith-Jones again, registered without his NHS number by the emergency department (typed "Jon Smith
 * Jones"): the likely duplicate the data quality team sees on its worklist, ready to be merged into him.
 */
export const unidentifiedDuplicate = {
  id: '5e1f0c3a-0000-4000-8000-000000000009',
  temporaryIdentity: 'TMP-7KQ2M9XD',
  givenName: 'Jon',
  familyName: 'Smith Jones',
  birthDate: '1978-11-02',
  sex: 'MALE',
  addressLines: ['27 Beech Grove', 'Northfield'],
  postcode: 'LS6 3QD',
} as const;

export const duplicateCandidates = [
  // 0.925: family name and birth date and postcode exact, "Jon" starting "Jonathan" (domain/match-score.ts).
  { id: 'd0b1e000-0000-4000-8000-000000000001', patients: [jonathan, unidentifiedDuplicate.id] as const, score: 0.925 },
];

export const localIdentifiers = [
  { id: '10ca1000-0000-4000-8000-000000000001', patientId: olivia, odsCode: 'RX1', value: 'RX1-0042317' },
  { id: '10ca1000-0000-4000-8000-000000000002', patientId: jonathan, odsCode: 'RX1', value: 'RX1-0042318' },
  { id: '10ca1000-0000-4000-8000-000000000003', patientId: george, odsCode: 'RX1', value: 'RX1-0051220' },
  { id: '10ca1000-0000-4000-8000-000000000004', patientId: unidentifiedDuplicate.id, odsCode: 'RX1', value: 'RX1-ED-104233' },
] as const;

/** Olivia Bennett was Olivia Clarke: a search by her maiden name still finds her. */
export const previousNames = [{ id: '9e7a0000-0000-4000-8000-000000000001', patientId: olivia, givenName: 'Olivia', familyName: 'Clarke' }];

interface Authored {
  author: string;
  odsCode: 'RX1' | 'A81001';
  teamId: string | null;
  sealLevel: 'NONE' | 'SEALED' | 'SEALED_AND_LOCKED';
  recordedAt: string;
}

const hartAtRx1 = { author: 'dr.amelia.hart', odsCode: 'RX1', teamId: cardiology, sealLevel: 'NONE' } as const;
const leeAtPractice = { author: 'gp.david.lee', odsCode: 'A81001', teamId: practice, sealLevel: 'NONE' } as const;

export const problems: (Authored & {
  id: string;
  patientId: string;
  conceptId: string;
  term: string;
  onsetDate: string | null;
  status: string;
})[] = [
  {
    id: 'b0b1e000-0000-4000-8000-000000000001',
    patientId: olivia,
    conceptId: '38341003',
    term: 'Hypertensive disorder',
    onsetDate: '2015-06-01',
    status: 'ACTIVE',
    ...leeAtPractice,
    recordedAt: '2015-06-01T10:00:00Z',
  },
  {
    id: 'b0b1e000-0000-4000-8000-000000000002',
    patientId: olivia,
    conceptId: '44054006',
    term: 'Type 2 diabetes mellitus',
    onsetDate: '2018-02-14',
    status: 'ACTIVE',
    ...leeAtPractice,
    recordedAt: '2018-02-14T11:30:00Z',
  },
  {
    id: 'b0b1e000-0000-4000-8000-000000000003',
    patientId: george,
    conceptId: '22298006',
    term: 'Myocardial infarction',
    onsetDate: '2026-06-20',
    status: 'RESOLVED',
    ...hartAtRx1,
    recordedAt: '2026-06-21T09:00:00Z',
  },
  {
    id: 'b0b1e000-0000-4000-8000-000000000004',
    patientId: aisha,
    conceptId: '195967001',
    term: 'Asthma',
    onsetDate: '2001-09-01',
    status: 'ACTIVE',
    ...leeAtPractice,
    recordedAt: '2010-03-03T09:15:00Z',
  },
  // Sealed by the team that recorded it: others will see only that something sealed exists.
  {
    id: 'b0b1e000-0000-4000-8000-000000000005',
    patientId: george,
    conceptId: '35489007',
    term: 'Depressive disorder',
    onsetDate: '2025-01-10',
    status: 'ACTIVE',
    ...hartAtRx1,
    teamId: liaisonPsychiatry,
    sealLevel: 'SEALED',
    recordedAt: '2026-06-25T14:00:00Z',
  },
];

export const allergies: (Authored & {
  id: string;
  patientId: string;
  substance: [string, string];
  reaction: [string, string];
  severity: string;
})[] = [
  {
    id: 'a1e6e000-0000-4000-8000-000000000001',
    patientId: olivia,
    substance: ['764146007', 'Penicillin'],
    reaction: ['126485001', 'Urticaria'],
    severity: 'MODERATE',
    ...leeAtPractice,
    recordedAt: '2016-04-04T10:00:00Z',
  },
  {
    id: 'a1e6e000-0000-4000-8000-000000000002',
    patientId: george,
    substance: ['227493005', 'Cashew nut'],
    reaction: ['39579001', 'Anaphylaxis'],
    severity: 'SEVERE',
    ...hartAtRx1,
    recordedAt: '2026-06-21T09:05:00Z',
  },
];

export const medications: (Authored & {
  id: string;
  patientId: string;
  conceptId: string;
  term: string;
  dosage: string;
  startDate: string;
})[] = [
  {
    id: 'ed1c0000-0000-4000-8000-000000000001',
    patientId: olivia,
    conceptId: '319283006',
    term: 'Amlodipine 5mg tablets',
    dosage: 'One tablet once a day',
    startDate: '2015-06-10',
    ...leeAtPractice,
    recordedAt: '2015-06-10T09:00:00Z',
  },
];

export const documents: (Authored & {
  id: string;
  patientId: string;
  title: string;
  authoredAt: string;
  sourceSystem: string;
  sections: { title: string; text: string }[];
})[] = [
  {
    id: 'd0c0e000-0000-4000-8000-000000000001',
    patientId: george,
    title: 'Discharge summary: cardiology',
    authoredAt: '2026-06-24T16:45:00Z',
    sourceSystem: 'Northfield PAS',
    sections: [
      { title: 'Diagnoses', text: 'Inferior myocardial infarction, treated with primary PCI to the right coronary artery.' },
      { title: 'Medication changes', text: 'Started aspirin, ticagrelor, atorvastatin and bisoprolol.' },
      { title: 'Follow-up', text: 'Cardiac rehabilitation referral made. GP to review in two weeks.' },
    ],
    ...hartAtRx1,
    recordedAt: '2026-06-24T16:50:00Z',
  },
];

/** SNOMED CT record artifact for the demo documents. */
export const dischargeSummary = { conceptId: '373942005', term: 'Discharge summary' } as const;
