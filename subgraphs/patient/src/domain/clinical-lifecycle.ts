import { badUserInput, conflict, toIsoDate } from '@epr/platform';
import type { MedicationRecord, NewMedication, NewProblem, ProblemRecord, Versioning } from '../data/clinical-record-store.js';
import { parsePastDate } from './calendar-date.js';
import { optionalText, requireText } from './text.js';

/*
 * The rules of a clinical item's life after it is recorded: corrections (amendments), a problem resolving, a
 * medication stopping, an entry made in error. What can be checked from the request alone is checked before
 * anything is read; what depends on the item as it stands is checked under its row lock, so two changes of one
 * item cannot both pass on what they read before the other wrote.
 */

/** What every change request carries besides its own fields. */
export interface ChangeRequest {
  id: string;
  reason?: string | null;
  expectedVersion?: number | null;
}

/** The version a client read, when it says: a whole number from 1. */
export function parseExpectedVersion(value: number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isInteger(value) || value < 1)
    throw badUserInput('expectedVersion is the version you read: a whole number from 1.', 'input.expectedVersion');
  return value;
}

/** Why an item is changed, kept with the change: 1 to 500 characters, or absent where it may be. */
export function changeReason(value: string | null | undefined, required: boolean): string | null {
  if (required) return requireText(value ?? '', 'input.reason', 'The reason', 500);
  return optionalText(value, 'input.reason', 'The reason', 500);
}

/**
 * An item changes while it stands on the record; once entered in error it is kept as it is, for audit. When the
 * client says which version it read, the change applies to that version only: a change made since is a CONFLICT,
 * and the client reads the item again.
 */
export function checkChangeable(item: Versioning, expectedVersion: number | null): void {
  if (item.enteredInError) {
    throw conflict('This item was marked entered in error and is kept as it is for audit; record a new item instead.', 'input.id');
  }
  if (expectedVersion !== null && expectedVersion !== item.version) {
    throw conflict(
      `The item changed since you read it: it is now at version ${item.version}, not ${expectedVersion}. Read it again before changing it.`,
      'input.expectedVersion',
    );
  }
}

/** A corrected problem: a resolved one made current again loses its resolution date; onset stays before resolution. */
export function reviseProblem(now: ProblemRecord, amendment: Partial<NewProblem>): Partial<NewProblem> {
  const reopened = amendment.status !== undefined && now.status === 'RESOLVED';
  const resolvedOn = reopened ? null : now.resolvedOn;
  const onsetDate = amendment.onsetDate === undefined ? now.onsetDate : amendment.onsetDate;
  if (onsetDate && resolvedOn && onsetDate > resolvedOn) {
    throw badUserInput(`The onset date cannot be after the date the problem resolved (${toIsoDate(resolvedOn)}).`, 'input.onsetDate');
  }
  return reopened ? { ...amendment, resolvedOn: null } : amendment;
}

/** A corrected medication: it cannot have started after it stopped. */
export function reviseMedication(now: MedicationRecord, amendment: Partial<NewMedication>): Partial<NewMedication> {
  if (amendment.startDate && now.endDate && amendment.startDate > now.endDate) {
    throw badUserInput(`The start date cannot be after the medication stopped (${toIsoDate(now.endDate)}).`, 'input.startDate');
  }
  return amendment;
}

/** When a problem resolved, or a medication stopped: a calendar date, not in the future. */
export function parseEndDate(value: string, today: Date, field: string, label: string): Date {
  return parsePastDate(value, today, field, label);
}

/** A problem resolving: once only (CONFLICT if it already has), and not before it began. */
export function resolveProblem(now: ProblemRecord, resolvedOn: Date): Partial<NewProblem> {
  if (now.status === 'RESOLVED') {
    throw conflict(`This problem is already resolved${now.resolvedOn ? ` (on ${toIsoDate(now.resolvedOn)})` : ''}.`, 'input.id');
  }
  if (now.onsetDate && resolvedOn < now.onsetDate) {
    throw badUserInput(`A problem cannot resolve before its onset date (${toIsoDate(now.onsetDate)}).`, 'input.resolvedOn');
  }
  return { status: 'RESOLVED', resolvedOn };
}

/** A medication stopping: once only (CONFLICT if it already has), and not before it started. */
export function stopMedication(now: MedicationRecord, stoppedOn: Date): Partial<NewMedication> {
  if (now.status === 'STOPPED') {
    throw conflict(`This medication is already stopped${now.endDate ? ` (on ${toIsoDate(now.endDate)})` : ''}.`, 'input.id');
  }
  if (now.startDate && stoppedOn < now.startDate) {
    throw badUserInput(`A medication cannot stop before it started (${toIsoDate(now.startDate)}).`, 'input.stoppedOn');
  }
  return { status: 'STOPPED', endDate: stoppedOn };
}
