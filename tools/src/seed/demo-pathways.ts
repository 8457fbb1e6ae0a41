import { appointments, referrals, type DemoReferral } from './demo-data.js';

/**
 * The demo referrals' 18-week pathways as the care-pathway RTT engine records them: the clock periods and
 * timeline events it would have written for these events, with fixed ids so seeding again changes nothing.
 * (tests/src/care-pathway-timeline.test.ts checks the seeded clocks against what the API reports.)
 */

type EventKind = 'REFERRAL_RECEIVED' | 'REFERRAL_ACCEPTED' | 'RTT_STATUS' | 'APPOINTMENT_OUTCOME' | 'DOCUMENT_ADDED';
type ClockEffect = 'STARTED' | 'CONTINUED' | 'STOPPED' | 'NULLIFIED' | 'NONE';

export interface DemoPathwayEvent {
  kind: EventKind;
  on: string;
  effect: ClockEffect;
  recordedBy: string;
  rttStatus?: string;
  admitted?: boolean;
  decisionToAdmit?: boolean;
  appointment?: {
    id: string;
    startsAt: string;
    outcome: 'ATTENDED' | 'DID_NOT_ATTEND';
    first: boolean;
    communicatedClearly: boolean | null;
  };
  documentId?: string;
  note?: string;
}

export interface DemoPeriod {
  startedOn: string;
  endedOn: string | null;
  endReason: 'FIRST_DEFINITIVE_TREATMENT' | 'ACTIVE_MONITORING' | 'NULLIFIED' | null;
  endStatus: string | null;
  admitted: boolean;
  decisionToAdmitOn: string | null;
  attended: boolean;
}

export interface DemoPathway {
  id: string;
  referral: DemoReferral;
  phase: 'RUNNING' | 'STOPPED' | 'ACTIVE_MONITORING' | 'NULLIFIED';
  period: DemoPeriod;
  events: DemoPathwayEvent[];
}

export interface DemoDocument {
  id: string;
  pathwayId: string;
  title: string;
  body: string;
  createdAt: string;
}

const clerk = 'clerk.chloe.reid';
const consultant = 'dr.amelia.hart';

function referral(n: number): DemoReferral {
  return referrals[n - 1]!;
}

function appointment(
  n: number,
  outcome: 'ATTENDED' | 'DID_NOT_ATTEND',
  communicatedClearly: boolean | null = null,
): NonNullable<DemoPathwayEvent['appointment']> {
  const a = appointments[n - 1]!;
  return { id: a.id, startsAt: a.startsAt, outcome, first: true, communicatedClearly };
}

function received(n: number): DemoPathwayEvent {
  return { kind: 'REFERRAL_RECEIVED', on: referral(n).receivedOn, effect: 'STARTED', recordedBy: clerk };
}

function accepted(on: string): DemoPathwayEvent {
  return { kind: 'REFERRAL_ACCEPTED', on, effect: 'NONE', recordedBy: consultant };
}

const open = { endedOn: null, endReason: null, endStatus: null, admitted: false } as const;

export const pathways: DemoPathway[] = [
  {
    id: 'ba7e0000-0000-4000-8000-000000000001',
    referral: referral(1),
    phase: 'RUNNING',
    period: { startedOn: '2026-08-03', ...open, decisionToAdmitOn: '2026-09-15', attended: true },
    events: [
      received(1),
      accepted('2026-08-05'),
      {
        kind: 'APPOINTMENT_OUTCOME',
        on: '2026-09-15',
        effect: 'CONTINUED',
        recordedBy: 'scheduling',
        appointment: appointment(1, 'ATTENDED'),
      },
      {
        kind: 'RTT_STATUS',
        on: '2026-09-15',
        effect: 'CONTINUED',
        recordedBy: consultant,
        rttStatus: '20',
        decisionToAdmit: true,
        note: 'Listed for coronary angiography and possible PCI.',
      },
      {
        kind: 'DOCUMENT_ADDED',
        on: '2026-09-16',
        effect: 'NONE',
        recordedBy: consultant,
        documentId: 'd0c00000-0000-4000-8000-000000000001',
      },
    ],
  },
  {
    id: 'ba7e0000-0000-4000-8000-000000000002',
    referral: referral(2),
    phase: 'RUNNING',
    period: { startedOn: '2026-10-14', ...open, decisionToAdmitOn: null, attended: false },
    events: [received(2)],
  },
  {
    // Rule 5e: a clearly communicated first-appointment DNA nullifies the clock.
    id: 'ba7e0000-0000-4000-8000-000000000003',
    referral: referral(3),
    phase: 'NULLIFIED',
    period: {
      startedOn: '2026-11-10',
      endedOn: '2026-11-20',
      endReason: 'NULLIFIED',
      endStatus: '33',
      admitted: false,
      decisionToAdmitOn: null,
      attended: false,
    },
    events: [
      received(3),
      accepted('2026-11-10'),
      {
        kind: 'APPOINTMENT_OUTCOME',
        on: '2026-11-20',
        effect: 'NULLIFIED',
        recordedBy: 'scheduling',
        rttStatus: '33',
        appointment: appointment(3, 'DID_NOT_ATTEND', true),
      },
    ],
  },
  {
    // Past 18 weeks on the demo date (2026-11-24): a breach on the tracking list.
    id: 'ba7e0000-0000-4000-8000-000000000004',
    referral: referral(4),
    phase: 'RUNNING',
    period: { startedOn: '2026-06-22', ...open, decisionToAdmitOn: '2026-07-01', attended: true },
    events: [
      received(4),
      accepted('2026-06-23'),
      {
        kind: 'APPOINTMENT_OUTCOME',
        on: '2026-07-01',
        effect: 'CONTINUED',
        recordedBy: 'scheduling',
        appointment: appointment(4, 'ATTENDED'),
      },
      {
        kind: 'RTT_STATUS',
        on: '2026-07-01',
        effect: 'CONTINUED',
        recordedBy: consultant,
        rttStatus: '20',
        decisionToAdmit: true,
        note: 'Listed for right total hip replacement.',
      },
    ],
  },
  {
    // An admitted completed pathway: 105 days.
    id: 'ba7e0000-0000-4000-8000-000000000005',
    referral: referral(5),
    phase: 'STOPPED',
    period: {
      startedOn: '2026-04-06',
      endedOn: '2026-07-20',
      endReason: 'FIRST_DEFINITIVE_TREATMENT',
      endStatus: '30',
      admitted: true,
      decisionToAdmitOn: '2026-05-12',
      // The decision to admit means the patient had been seen on this clock.
      attended: true,
    },
    events: [
      received(5),
      accepted('2026-04-08'),
      {
        kind: 'RTT_STATUS',
        on: '2026-05-12',
        effect: 'CONTINUED',
        recordedBy: consultant,
        rttStatus: '20',
        decisionToAdmit: true,
        note: 'Listed for transurethral resection of the prostate.',
      },
      {
        kind: 'RTT_STATUS',
        on: '2026-07-20',
        effect: 'STOPPED',
        recordedBy: consultant,
        rttStatus: '30',
        admitted: true,
        note: 'Admitted for TURP.',
      },
    ],
  },
  {
    // A non-admitted completed pathway: clinician-initiated active monitoring after 70 days.
    id: 'ba7e0000-0000-4000-8000-000000000006',
    referral: referral(6),
    phase: 'ACTIVE_MONITORING',
    period: {
      startedOn: '2026-03-02',
      endedOn: '2026-05-11',
      endReason: 'ACTIVE_MONITORING',
      endStatus: '32',
      admitted: false,
      decisionToAdmitOn: null,
      attended: false,
    },
    events: [
      received(6),
      accepted('2026-03-03'),
      {
        kind: 'RTT_STATUS',
        on: '2026-05-11',
        effect: 'STOPPED',
        recordedBy: consultant,
        rttStatus: '32',
        note: 'Small fibroid, symptoms manageable: review in six months.',
      },
    ],
  },
];

export const documents: DemoDocument[] = [
  {
    id: 'd0c00000-0000-4000-8000-000000000001',
    pathwayId: 'ba7e0000-0000-4000-8000-000000000001',
    title: 'Clinic letter: cardiology new patient',
    body: 'Dear Dr Lee, I saw Mrs Bennett in clinic today with exertional chest tightness. I have listed her for coronary angiography.',
    createdAt: '2026-09-16T12:00:00Z',
  },
];
