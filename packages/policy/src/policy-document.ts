import { isActivity, type Activity } from './activities.js';
import type { RelationshipType } from './facts.js';

/** How far a role reaches: any patient (subject to relationships), or only the signed-in patient's own record. */
export type RoleScope = 'care' | 'self';

export interface JobRolePolicy {
  name: string;
  /** Every activity the role holds, includes already expanded. */
  activities: ReadonlySet<Activity>;
  scope: RoleScope;
}

/** A validated policy: job role code → what it may do, and how long granted access lasts. */
export interface Policy {
  jobRoles: ReadonlyMap<string, JobRolePolicy>;
  /** Hours a relationship of each type lasts from creation; null: until it is ended. */
  relationshipExpiryHours: Readonly<Record<RelationshipType, number | null>>;
  /** Hours a relationship made by a care process still lasts after that process ends (e.g. after discharge). */
  relationshipEndGraceHours: number;
  /** Hours a break-glass access lasts. */
  emergencyAccessHours: number;
  /** Reason codes accepted for self-claimed and granted relationships, with their wording. */
  accessReasons: ReadonlyMap<string, string>;
  /** The longest a sign-in session lasts, in hours from sign-in, whatever its token's expiry says. */
  sessionMaxAgeHours: number;
}

export class PolicyError extends Error {}

interface RawPolicy {
  activities: Record<string, { includes?: string[] }>;
  jobRoles: Record<string, { name: string; activities: string[]; scope?: string }>;
  relationshipExpiryHours?: Record<string, unknown>;
  relationshipEndGraceHours?: unknown;
  emergencyAccessHours?: unknown;
  accessReasons?: Record<string, unknown>;
  sessionMaxAgeHours?: unknown;
}

const relationshipTypes: RelationshipType[] = ['REFERRAL', 'BOOKING', 'REGISTRATION', 'ADMISSION', 'COLLEAGUE_GRANT', 'SELF_CLAIM'];

/**
 * Checks a policy document and expands activity includes, so a typo in an operator's policy file stops the
 * service at start-up instead of silently granting or denying something.
 */
export function loadPolicy(document: unknown): Policy {
  const raw = document as RawPolicy;
  if (typeof raw !== 'object' || raw === null || typeof raw.activities !== 'object' || typeof raw.jobRoles !== 'object') {
    throw new PolicyError('A policy document needs "activities" and "jobRoles" objects.');
  }
  for (const [name, definition] of Object.entries(raw.activities)) {
    if (!isActivity(name)) throw new PolicyError(`Unknown activity "${name}" in "activities".`);
    for (const included of definition.includes ?? []) {
      if (!isActivity(included)) throw new PolicyError(`Activity "${name}" includes unknown activity "${included}".`);
    }
  }
  const expand = (activity: Activity, seen: Set<Activity>): void => {
    if (seen.has(activity)) return;
    seen.add(activity);
    for (const included of raw.activities[activity]?.includes ?? []) expand(included as Activity, seen);
  };
  const jobRoles = new Map<string, JobRolePolicy>();
  for (const [code, role] of Object.entries(raw.jobRoles)) {
    const granted = new Set<Activity>();
    for (const activity of role.activities) {
      if (!isActivity(activity)) throw new PolicyError(`Job role ${code} grants unknown activity "${activity}".`);
      expand(activity, granted);
    }
    const scope = role.scope ?? 'care';
    if (scope !== 'care' && scope !== 'self') throw new PolicyError(`Job role ${code} has unknown scope "${scope}".`);
    jobRoles.set(code, { name: role.name, activities: granted, scope });
  }
  const relationshipExpiryHours = {} as Record<RelationshipType, number | null>;
  for (const type of relationshipTypes) {
    const hours = raw.relationshipExpiryHours?.[type] ?? null;
    if (hours !== null && !(typeof hours === 'number' && hours > 0))
      throw new PolicyError(`relationshipExpiryHours.${type} must be a positive number or null.`);
    relationshipExpiryHours[type] = hours;
  }
  const relationshipEndGraceHours = raw.relationshipEndGraceHours ?? 24;
  if (typeof relationshipEndGraceHours !== 'number' || relationshipEndGraceHours < 0) {
    throw new PolicyError('relationshipEndGraceHours must be a number of hours, 0 or more.');
  }
  const emergencyAccessHours = raw.emergencyAccessHours ?? 4;
  if (typeof emergencyAccessHours !== 'number' || emergencyAccessHours <= 0 || emergencyAccessHours > 24) {
    throw new PolicyError('emergencyAccessHours must be a number of hours between 0 and 24.');
  }
  const accessReasons = new Map<string, string>();
  for (const [code, wording] of Object.entries(raw.accessReasons ?? {})) {
    if (code.startsWith('_')) continue;
    if (typeof wording !== 'string') throw new PolicyError(`accessReasons.${code} must be a description.`);
    accessReasons.set(code, wording);
  }
  // A clinical shift and its handover; longer sessions outlive the smartcard sign-in they stand for.
  const sessionMaxAgeHours = raw.sessionMaxAgeHours ?? 12;
  if (typeof sessionMaxAgeHours !== 'number' || sessionMaxAgeHours <= 0 || sessionMaxAgeHours > 24) {
    throw new PolicyError('sessionMaxAgeHours must be a number of hours above 0 and at most 24.');
  }
  return { jobRoles, relationshipExpiryHours, relationshipEndGraceHours, emergencyAccessHours, accessReasons, sessionMaxAgeHours };
}

/** Does this job role hold this activity? Unknown roles hold nothing. */
export function roleGrants(policy: Policy, jobRoleCode: string, activity: Activity): boolean {
  return policy.jobRoles.get(jobRoleCode)?.activities.has(activity) ?? false;
}

/**
 * A clinician role: one that cares for patients and records their care (`clinical.write`), on any patient it has a
 * relationship with (care scope). Who may run a clinic, and so be given a booking's relationship with the patient;
 * roles that only read the record (governance, the patient's own portal role) are not clinicians.
 */
export function isClinicianRole(role: JobRolePolicy | undefined): boolean {
  return role !== undefined && role.scope === 'care' && role.activities.has('clinical.write');
}
