import { badUserInput } from '@epr/platform';
import { parseInstantNotInFuture } from './calendar-date.js';
import { optionalText, requireText } from './text.js';

export interface AdmissionRequest {
  ward: string;
  admittedAt: string;
  visitNumber?: string | null;
}

export interface Admission {
  ward: string;
  admittedAt: Date;
  visitNumber: string | null;
}

/** Checks an admission as a PAS reports it; BAD_USER_INPUT names the field, before anything is read or written. */
export function parseAdmission(input: AdmissionRequest, now: Date = new Date()): Admission {
  return {
    ward: requireText(input.ward, 'input.ward', 'The ward', 32),
    admittedAt: parseInstantNotInFuture(input.admittedAt, now, 'input.admittedAt', 'admittedAt'),
    visitNumber: optionalText(input.visitNumber, 'input.visitNumber', 'The visit number', 32),
  };
}

export function parseDischargeTime(value: string, now: Date = new Date()): Date {
  return parseInstantNotInFuture(value, now, 'input.dischargedAt', 'dischargedAt');
}

/** A discharge closes the stay it follows: it cannot come before the admission. */
export function checkDischargeAfterAdmission(admittedAt: Date, dischargedAt: Date): void {
  if (dischargedAt < admittedAt) {
    throw badUserInput(
      `dischargedAt is before the admission (${admittedAt.toISOString()}); check the discharge time.`,
      'input.dischargedAt',
    );
  }
}

/** What the legitimate relationship of an admission is made from, so discharge can end exactly that one. */
export function admissionSourceRef(admissionId: string): string {
  return `admission:${admissionId}`;
}
