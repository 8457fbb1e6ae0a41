import { badUserInput, parseCalendarDate } from '@epr/platform';
import { parseName, parsePostcode } from './demographics.js';
import { checkNhsNumber, describeNhsNumberProblem, normaliseNhsNumber } from './nhs-number.js';

/** Demographic criteria, checked and in stored form; at least a family name, birth date or postcode. */
export interface DemographicCriteria {
  familyName: string | null;
  givenName: string | null;
  birthDate: Date | null;
  postcode: string | null;
}

export type PatientSearch = { kind: 'nhsNumber'; nhsNumber: string } | { kind: 'demographics'; criteria: DemographicCriteria };

export interface PatientSearchRequest {
  nhsNumber?: string | null;
  familyName?: string | null;
  givenName?: string | null;
  birthDate?: string | null;
  postcode?: string | null;
}

function present(value: string | null | undefined): value is string {
  return value != null && value.trim() !== '';
}

export function parsePatientSearch(input: PatientSearchRequest, field = 'criteria'): PatientSearch {
  if (present(input.nhsNumber)) {
    const nhsNumber = normaliseNhsNumber(input.nhsNumber);
    const problem = checkNhsNumber(nhsNumber);
    if (problem) throw badUserInput(describeNhsNumberProblem(problem), `${field}.nhsNumber`);
    return { kind: 'nhsNumber', nhsNumber };
  }
  const criteria: DemographicCriteria = {
    familyName: present(input.familyName) ? parseName(input.familyName, `${field}.familyName`, 'Family name') : null,
    givenName: present(input.givenName) ? parseName(input.givenName, `${field}.givenName`, 'Given name') : null,
    birthDate: present(input.birthDate) ? parseCalendarDate(input.birthDate, `${field}.birthDate`, 'Birth date') : null,
    postcode: present(input.postcode) ? parsePostcode(input.postcode, `${field}.postcode`) : null,
  };
  if (!criteria.familyName && !criteria.birthDate && !criteria.postcode) {
    // A given name alone would list a large share of the index (every John), so it needs company.
    const message = criteria.givenName
      ? 'Add a family name or a birth date to the given name.'
      : 'Give an NHS number, a family name, a birth date or a postcode.';
    throw badUserInput(message, criteria.givenName ? `${field}.givenName` : field);
  }
  return { kind: 'demographics', criteria };
}
