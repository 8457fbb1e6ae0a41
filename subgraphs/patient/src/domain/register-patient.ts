import { badUserInput } from '@epr/platform';
import { checkNhsNumber, describeNhsNumberProblem, normaliseNhsNumber } from './nhs-number.js';
import type { NewPatient } from '../data/patient-store.js';

export interface RegisterPatientRequest {
  nhsNumber?: string | null;
  givenName: string;
  familyName: string;
  birthDate: string;
}

/**
 * Checks a registration and turns it into what is stored. Every problem is a BAD_USER_INPUT naming the
 * field, raised before anything is written.
 */
export function validateRegistration(input: RegisterPatientRequest, today: Date = new Date()): NewPatient {
  const nhsNumber = input.nhsNumber == null || input.nhsNumber.trim() === '' ? null : normaliseNhsNumber(input.nhsNumber);
  if (nhsNumber !== null) {
    const problem = checkNhsNumber(nhsNumber);
    if (problem) throw badUserInput(describeNhsNumberProblem(problem), 'input.nhsNumber');
  }
  const givenName = requireName(input.givenName, 'input.givenName', 'Given name');
  const familyName = requireName(input.familyName, 'input.familyName', 'Family name');
  return { nhsNumber, givenName, familyName, birthDate: parseBirthDate(input.birthDate, today) };
}

function requireName(value: string, field: string, label: string): string {
  const name = value.trim();
  if (name === '') throw badUserInput(`${label} must not be empty.`, field);
  if (name.length > 200) throw badUserInput(`${label} is longer than 200 characters.`, field);
  return name;
}

function parseBirthDate(value: string, today: Date): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  // Date.UTC rolls 2024-02-30 over into March; a real calendar date round-trips unchanged.
  if (!date || date.toISOString().slice(0, 10) !== value) {
    throw badUserInput('Birth date must be a calendar date written YYYY-MM-DD.', 'input.birthDate');
  }
  const todayUtc = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  if (date.getTime() > todayUtc) throw badUserInput('Birth date cannot be in the future.', 'input.birthDate');
  if (date.getUTCFullYear() < 1870) throw badUserInput('Birth date is before 1870; check the year.', 'input.birthDate');
  return date;
}
