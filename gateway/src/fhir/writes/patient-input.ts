import type { Identifier, Patient } from '@medplum/fhirtypes';
import { organisationOfLocalSystem, systems } from '../resources/terminology.js';
import { invalidElement } from './write-error.js';

/** What registerPatient takes (schema/patient.graphql RegisterPatientInput). */
export interface RegisterPatientInput {
  nhsNumber?: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  sex?: 'MALE' | 'FEMALE' | 'INDETERMINATE' | 'NOT_KNOWN';
  address?: { lines: string[]; postcode?: string };
  telephone?: string;
  email?: string;
  registeredGpPractice?: string;
  localIdentifiers?: { organisation: string; value: string }[];
}

const sex = { male: 'MALE', female: 'FEMALE', other: 'INDETERMINATE', unknown: 'NOT_KNOWN' } as const;

/**
 * A UK Core Patient as a registration: NHS number and hospital numbers from `identifier`, the official (else
 * first) name, gender, birth date, the first address and phone and email, the registered GP practice by ODS
 * code. The master patient index checks the values themselves (Modulus 11, postcode, practice in the directory).
 */
export function registrationFrom(patient: Patient, at: string): RegisterPatientInput {
  const identifiers = (patient.identifier ?? []).map((identifier, i) => identifierOf(identifier, `${at}.identifier[${i}]`));
  const nhsNumbers = identifiers.filter((id) => id.kind === 'nhs');
  if (nhsNumbers.length > 1) throw invalidElement(`${at}.identifier`, 'A patient has one NHS number.');
  const name = patient.name?.find((n) => n.use === 'official') ?? patient.name?.find((n) => n.use !== 'old') ?? patient.name?.[0];
  const given = name?.given?.join(' ').trim();
  if (!name?.family || !given) throw invalidElement(`${at}.name`, 'Give the patient’s name: name.family and name.given.');
  if (!patient.birthDate) throw invalidElement(`${at}.birthDate`, 'Give the patient’s birthDate (YYYY-MM-DD).');
  const address = patient.address?.[0];
  const phone = patient.telecom?.find((t) => t.system === 'phone')?.value;
  const email = patient.telecom?.find((t) => t.system === 'email')?.value;
  const practice = patient.generalPractitioner?.[0]?.identifier;
  if (practice && practice.system !== systems.ods) {
    throw invalidElement(`${at}.generalPractitioner[0].identifier`, `Name the GP practice by its ODS code (${systems.ods}).`);
  }
  const locals = identifiers.flatMap((id) => (id.kind === 'local' ? [{ organisation: id.organisation, value: id.value }] : []));
  return {
    ...(nhsNumbers[0] ? { nhsNumber: nhsNumbers[0].value } : {}),
    givenName: given,
    familyName: name.family,
    birthDate: patient.birthDate,
    ...(patient.gender ? { sex: sex[patient.gender] } : {}),
    ...(address?.line?.length ? { address: { lines: address.line, ...(address.postalCode ? { postcode: address.postalCode } : {}) } } : {}),
    ...(phone ? { telephone: phone } : {}),
    ...(email ? { email } : {}),
    ...(practice?.value ? { registeredGpPractice: practice.value } : {}),
    ...(locals.length ? { localIdentifiers: locals } : {}),
  };
}

type KnownIdentifier = { kind: 'nhs'; value: string } | { kind: 'local'; organisation: string; value: string };

function identifierOf(identifier: Identifier, at: string): KnownIdentifier {
  if (!identifier.value) throw invalidElement(`${at}.value`, 'An identifier needs a value.');
  if (identifier.system === systems.nhsNumber) return { kind: 'nhs', value: identifier.value };
  const organisation = identifier.system ? organisationOfLocalSystem(identifier.system) : null;
  if (organisation) return { kind: 'local', organisation, value: identifier.value };
  throw invalidElement(
    `${at}.system`,
    `Unsupported identifier system ${identifier.system ?? '(none)'}: use ${systems.nhsNumber} or https://fhir.<ods>.nhs.uk/Id/local-patient-identifier.`,
  );
}
