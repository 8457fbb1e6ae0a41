import type { Activity } from './activities.js';
import type { AuditAction } from './audit-actions.js';

/**
 * What a field of the API carries, as the policy sees it. Every output field of every subgraph is given one
 * class (the `@guard(class:)` directive in its SDL, on the field or on its type), and its shield rule follows
 * from the class alone: the activity a caller's job role must hold to read it (any one of `read`; none
 * listed: any signed-in user), and — for patient-bound classes — the per-patient decision (legitimate
 * relationship or emergency access, consent, own record) for the patient the object belongs to. Root
 * mutation fields need the class's `write` activity unless the SDL names a more specific one.
 *
 * Clinical content is CLINICAL wherever it sits: a referral's reason, a timeline note, a letter, an
 * assessment contribution, a problem — not only fields on the Patient type.
 */
export interface DataClassPolicy {
  description: string;
  /** The caller's role must hold one of these to read the field; empty: any signed-in user. */
  read: readonly Activity[];
  /** What a root mutation of this class needs when its SDL names no activity; null: no writes of this class. */
  write: Activity | null;
  /** Reading it is an access to one patient's record, decided for that patient (and recorded). */
  patientBound: boolean;
  /** The audit action recorded for a patient-bound read decided at field level. */
  readAction: AuditAction | null;
}

export const dataClasses = {
  PATIENT_IDENTITY: {
    description: 'Who the patient is: names, NHS number, birth date, address, contact, identifiers (PDS-style demographics).',
    read: ['demographics.read'],
    write: 'demographics.write',
    patientBound: true,
    readAction: 'patient.read',
  },
  DATA_QUALITY: {
    description: 'Master patient index housekeeping: duplicate candidates and merge history.',
    read: ['demographics.write'],
    write: 'demographics.write',
    patientBound: true,
    readAction: 'duplicate-candidate.read',
  },
  CLINICAL: {
    description: "Clinical content: anything about the patient's condition or care, free text included, wherever it sits.",
    read: ['clinical.read'],
    write: 'clinical.write',
    patientBound: true,
    readAction: 'clinical.read',
  },
  REFERRAL: {
    description: 'Referral and pathway administration: who referred to which service, priority, dates, triage state, RTT clock.',
    read: ['referrals.read'],
    write: 'referrals.manage',
    patientBound: true,
    readAction: 'referral.read',
  },
  APPOINTMENT: {
    description: "A patient's appointments: when, where, booked, attended, cancelled.",
    read: ['appointments.read'],
    write: 'appointments.manage',
    patientBound: true,
    readAction: 'appointment.read',
  },
  CONSENT: {
    description: "The patient's sharing choices (do-not-share, national data opt-out).",
    read: ['demographics.read'],
    write: 'consent.manage_own',
    patientBound: true,
    readAction: 'consent.read',
  },
  ACCESS_LOG: {
    description: "Who accessed a patient's record, as the patient (or a privacy officer) sees it.",
    read: ['audit.read', 'access_log.read_own'],
    write: null,
    patientBound: true,
    readAction: 'audit.read',
  },
  SECURITY_LOG: {
    description: 'The security log for privacy officers: every access, by whom, on what grounds.',
    read: ['audit.read'],
    write: 'alerts.manage',
    patientBound: false,
    readAction: null,
  },
  ALERT: {
    description: "Privacy officers' alerts and their review.",
    read: ['alerts.manage'],
    write: 'alerts.manage',
    patientBound: false,
    readAction: null,
  },
  REPORT: {
    description: 'Aggregate RTT reports and tracking lists: waits, not people.',
    read: ['pathway.report'],
    write: null,
    patientBound: false,
    readAction: null,
  },
  SCHEDULE: {
    description: 'Clinics, session templates and slots: no patient data.',
    read: [],
    write: 'appointments.manage',
    patientBound: false,
    readAction: null,
  },
  DIRECTORY: {
    description: 'Organisations, care teams, users and role profiles.',
    read: [],
    write: 'directory.manage',
    patientBound: false,
    readAction: null,
  },
  ACCESS_GRANT: {
    description: "The caller's own relationship claims, grants and emergency access, as confirmed to them.",
    read: [],
    write: null,
    patientBound: false,
    readAction: null,
  },
  REFERENCE: {
    description: 'Reference data such as national code lists: no patient data.',
    read: [],
    write: null,
    patientBound: false,
    readAction: null,
  },
} as const satisfies Record<string, DataClassPolicy>;

/**
 * Classes that are about who calls rather than what is read: entity keys the gateway joins on (any caller it
 * vouched for), the gateway's own look-ups (`SYSTEM`), another subgraph calling in its own name (`SERVICE`,
 * with the service named in the directive) and a signed-in user acting on their own session (`SELF`: signing
 * out, which every user may do whatever their role).
 */
export const callerClasses = ['KEY', 'SYSTEM', 'SERVICE', 'SELF'] as const;

export type PolicyDataClass = keyof typeof dataClasses;
export type CallerClass = (typeof callerClasses)[number];
export type DataClass = PolicyDataClass | CallerClass;

export function isDataClass(name: string): name is DataClass {
  return name in dataClasses || (callerClasses as readonly string[]).includes(name);
}

export function isPolicyDataClass(name: DataClass): name is PolicyDataClass {
  return name in dataClasses;
}
