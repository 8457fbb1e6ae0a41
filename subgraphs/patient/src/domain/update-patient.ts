import { badUserInput } from '@epr/platform';
import type { PatientChanges, PatientRecord } from '../data/patient-store.js';
import type { GenderIdentity, Sex } from '../__generated__/prisma/client.js';
import {
  parseAddress,
  parseBirthDate,
  parseDateOfDeath,
  parseEmail,
  parseName,
  parseOdsCode,
  parseTelephone,
  type AddressRequest,
} from './demographics.js';
import { parseNhsNumber } from './register-patient.js';

/** GraphQL hands over a field left out as undefined and a field set to null as null: the two mean different things. */
export interface UpdatePatientRequest {
  nhsNumber?: string | null;
  givenName?: string | null;
  familyName?: string | null;
  birthDate?: string | null;
  sex?: Sex | null;
  genderIdentity?: GenderIdentity | null;
  address?: AddressRequest | null;
  telephone?: string | null;
  email?: string | null;
  registeredGpPractice?: string | null;
  dateOfDeath?: string | null;
}

/**
 * Checks an update against the patient as it is and returns only what changes. Fields a patient must always
 * have (names, birth date, sex, an NHS number once known) cannot be cleared.
 */
export function validatePatientUpdate(input: UpdatePatientRequest, current: PatientRecord, today: Date = new Date()): PatientChanges {
  const changes: PatientChanges = {};
  if (input.nhsNumber !== undefined)
    changes.nhsNumber = parseNhsNumber(required(input.nhsNumber, 'nhsNumber', 'An NHS number cannot be removed.'), 'input.nhsNumber');
  if (input.givenName !== undefined)
    changes.givenName = parseName(required(input.givenName, 'givenName', 'Given name cannot be cleared.'), 'input.givenName', 'Given name');
  if (input.familyName !== undefined)
    changes.familyName = parseName(
      required(input.familyName, 'familyName', 'Family name cannot be cleared.'),
      'input.familyName',
      'Family name',
    );
  if (input.birthDate !== undefined)
    changes.birthDate = parseBirthDate(required(input.birthDate, 'birthDate', 'Birth date cannot be cleared.'), today, 'input.birthDate');
  if (input.sex !== undefined) changes.sex = required(input.sex, 'sex', 'Sex cannot be cleared; use NOT_KNOWN.');
  if (input.genderIdentity !== undefined) changes.genderIdentity = input.genderIdentity;
  if (input.address !== undefined)
    Object.assign(changes, input.address ? parseAddress(input.address, 'input.address') : { addressLines: [], postcode: null });
  if (input.telephone !== undefined) changes.telephone = input.telephone ? parseTelephone(input.telephone, 'input.telephone') : null;
  if (input.email !== undefined) changes.email = input.email ? parseEmail(input.email, 'input.email') : null;
  if (input.registeredGpPractice !== undefined) {
    changes.registeredGpPractice = input.registeredGpPractice
      ? parseOdsCode(input.registeredGpPractice, 'input.registeredGpPractice')
      : null;
  }
  const birthDate = changes.birthDate ?? current.birthDate;
  if (input.dateOfDeath !== undefined)
    changes.dateOfDeath = input.dateOfDeath ? parseDateOfDeath(input.dateOfDeath, birthDate, today, 'input.dateOfDeath') : null;
  else if (current.dateOfDeath && current.dateOfDeath < birthDate)
    throw badUserInput('Birth date cannot be after the date of death.', 'input.birthDate');

  const givenName = changes.givenName ?? current.givenName;
  const familyName = changes.familyName ?? current.familyName;
  if (givenName !== current.givenName || familyName !== current.familyName) {
    changes.previousName = { givenName: current.givenName, familyName: current.familyName };
  }
  return changes;
}

function required<T>(value: T | null, field: string, message: string): T {
  if (value === null) throw badUserInput(message, `input.${field}`);
  return value;
}
