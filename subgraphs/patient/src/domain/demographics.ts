import { badUserInput, parseCalendarDate } from '@epr/platform';
import { requireNotInFuture } from './calendar-date.js';
import { normalisePostcode } from './postcode.js';

/** Each parser returns the value as stored, or throws BAD_USER_INPUT naming `field`. */

export function parseName(value: string, field: string, label: string): string {
  const name = value.trim().replace(/\s+/g, ' ');
  if (name === '') throw badUserInput(`${label} must not be empty.`, field);
  if (name.length > 200) throw badUserInput(`${label} is longer than 200 characters.`, field);
  // Search matches names by their letters; a name without any could never be found again.
  if (!/\p{L}/u.test(name)) throw badUserInput(`${label} must contain at least one letter.`, field);
  return name;
}

/** No one alive, or with a record to keep, was born earlier. */
export const earliestBirthYear = 1870;

export function parseBirthDate(value: string, today: Date, field: string): Date {
  const date = requireNotInFuture(parseCalendarDate(value, field, 'Birth date'), today, field, 'Birth date');
  if (date.getUTCFullYear() < earliestBirthYear) throw badUserInput(`Birth date is before ${earliestBirthYear}; check the year.`, field);
  return date;
}

export function parseDateOfDeath(value: string, birthDate: Date, today: Date, field: string): Date {
  const date = requireNotInFuture(parseCalendarDate(value, field, 'Date of death'), today, field, 'Date of death');
  if (date < birthDate) throw badUserInput('Date of death cannot be before the birth date.', field);
  return date;
}

export function parsePostcode(value: string, field: string): string {
  const postcode = normalisePostcode(value);
  if (!postcode) throw badUserInput(`"${value}" is not a UK postcode (for example LS1 4AP).`, field);
  return postcode;
}

export interface AddressRequest {
  lines: readonly string[];
  postcode?: string | null;
}

export interface StoredAddress {
  addressLines: string[];
  postcode: string | null;
}

export function parseAddress(address: AddressRequest, field: string): StoredAddress {
  const addressLines = address.lines.map((line) => line.trim().replace(/\s+/g, ' ')).filter((line) => line !== '');
  if (addressLines.length === 0) throw badUserInput('An address needs at least one line.', `${field}.lines`);
  if (addressLines.length > 5) throw badUserInput('An address has at most five lines.', `${field}.lines`);
  if (addressLines.some((line) => line.length > 100)) throw badUserInput('Each address line is at most 100 characters.', `${field}.lines`);
  const postcode = address.postcode == null || address.postcode.trim() === '' ? null : parsePostcode(address.postcode, `${field}.postcode`);
  return { addressLines, postcode };
}

export function parseTelephone(value: string, field: string): string {
  const telephone = value.trim().replace(/\s+/g, ' ');
  const digits = telephone.replace(/\D/g, '').length;
  if (!/^\+?[\d ()-]+$/.test(telephone) || digits < 7 || digits > 15) {
    throw badUserInput('A telephone number has 7 to 15 digits, with spaces, brackets, hyphens or a leading + only.', field);
  }
  return telephone;
}

export function parseEmail(value: string, field: string): string {
  const email = value.trim();
  if (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw badUserInput(`"${value}" is not an email address.`, field);
  return email;
}

/** ODS codes are letters and digits, 3 to 6 of them (RX1, A81001, RX1AB); whether one exists is the directory's say. */
export function parseOdsCode(value: string, field: string): string {
  const code = value.trim().toUpperCase();
  if (!/^[A-Z0-9]{3,6}$/.test(code))
    throw badUserInput(`"${value}" is not an ODS code (3 to 6 letters and digits, for example RX1).`, field);
  return code;
}

export interface LocalIdentifierRequest {
  organisation: string;
  value: string;
}

export interface LocalIdentifierKey {
  odsCode: string;
  value: string;
}

export function parseLocalIdentifier(identifier: LocalIdentifierRequest, field: string): LocalIdentifierKey {
  const value = identifier.value.trim();
  if (!/^[A-Za-z0-9][A-Za-z0-9/-]{0,31}$/.test(value)) {
    throw badUserInput('A local identifier is 1 to 32 letters, digits, "-" or "/", starting with a letter or digit.', `${field}.value`);
  }
  return { odsCode: parseOdsCode(identifier.organisation, `${field}.organisation`), value };
}
