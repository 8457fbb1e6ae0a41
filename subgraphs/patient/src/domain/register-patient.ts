import { badUserInput } from '@epr/platform';
import type { NewPatient } from '../data/patient-store.js';
import type { GenderIdentity, Sex } from '../__generated__/prisma/client.js';
import { checkNhsNumber, describeNhsNumberProblem, normaliseNhsNumber } from './nhs-number.js';
import {
  parseAddress,
  parseBirthDate,
  parseEmail,
  parseLocalIdentifier,
  parseName,
  parseOdsCode,
  parseTelephone,
  type AddressRequest,
  type LocalIdentifierRequest,
} from './demographics.js';
import { newTemporaryIdentity } from './temporary-identity.js';

export interface RegisterPatientRequest {
  nhsNumber?: string | null;
  givenName: string;
  familyName: string;
  birthDate: string;
  sex?: Sex | null;
  genderIdentity?: GenderIdentity | null;
  address?: AddressRequest | null;
  telephone?: string | null;
  email?: string | null;
  registeredGpPractice?: string | null;
  localIdentifiers?: readonly LocalIdentifierRequest[] | null;
}

/**
 * Checks a registration and turns it into what is stored. Every problem is a BAD_USER_INPUT naming the
 * field, raised before anything is written. A patient without an NHS number gets a temporary identity.
 */
export function validateRegistration(
  input: RegisterPatientRequest,
  today: Date = new Date(),
  temporaryIdentity: () => string = newTemporaryIdentity,
): NewPatient {
  const nhsNumber = input.nhsNumber == null || input.nhsNumber.trim() === '' ? null : parseNhsNumber(input.nhsNumber, 'input.nhsNumber');
  const address = input.address ? parseAddress(input.address, 'input.address') : { addressLines: [], postcode: null };
  return {
    nhsNumber,
    temporaryIdentity: nhsNumber === null ? temporaryIdentity() : null,
    givenName: parseName(input.givenName, 'input.givenName', 'Given name'),
    familyName: parseName(input.familyName, 'input.familyName', 'Family name'),
    birthDate: parseBirthDate(input.birthDate, today, 'input.birthDate'),
    sex: input.sex ?? 'NOT_KNOWN',
    genderIdentity: input.genderIdentity ?? null,
    ...address,
    telephone: input.telephone ? parseTelephone(input.telephone, 'input.telephone') : null,
    email: input.email ? parseEmail(input.email, 'input.email') : null,
    registeredGpPractice: input.registeredGpPractice ? parseOdsCode(input.registeredGpPractice, 'input.registeredGpPractice') : null,
    dateOfDeath: null,
    localIdentifiers: parseLocalIdentifiers(input.localIdentifiers ?? []),
  };
}

export function parseNhsNumber(value: string, field: string): string {
  const nhsNumber = normaliseNhsNumber(value);
  const problem = checkNhsNumber(nhsNumber);
  if (problem) throw badUserInput(describeNhsNumberProblem(problem), field);
  return nhsNumber;
}

function parseLocalIdentifiers(identifiers: readonly LocalIdentifierRequest[]) {
  const parsed = identifiers.map((identifier, i) => parseLocalIdentifier(identifier, `input.localIdentifiers[${i}]`));
  parsed.forEach((identifier, i) => {
    if (parsed.findIndex((other) => other.odsCode === identifier.odsCode && other.value === identifier.value) !== i) {
      throw badUserInput('This identifier is listed twice.', `input.localIdentifiers[${i}].value`);
    }
  });
  return parsed;
}
