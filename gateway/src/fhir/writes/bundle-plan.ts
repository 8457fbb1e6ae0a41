import type { BundleEntry, MedicationStatement, Reference } from '@medplum/fhirtypes';
import { badRequest } from '../fhir-error.js';
import { systems } from '../resources/terminology.js';
import { requireId, tokenParam } from '../search-params.js';
import { allergyFrom, medicationFrom, problemFrom, type AllergyInput, type MedicationInput, type ProblemInput } from './clinical-inputs.js';
import { registrationFrom, type RegisterPatientInput } from './patient-input.js';

/** The resource types a Bundle may create, each through its own existing mutation. */
export const writableTypes = ['Patient', 'Condition', 'AllergyIntolerance', 'MedicationStatement'] as const;
export type WritableType = (typeof writableTypes)[number];

/** Where a clinical entry's patient is: already in the record, or a Patient entry of the same Bundle. */
export type PatientRef = { id: string } | { fullUrl: string };

export type PlannedEntry = { index: number; fullUrl?: string } & (
  | { type: 'Patient'; input: RegisterPatientInput; ifNoneExist?: { system: string; value: string } }
  | ({ patient: PatientRef; ifNoneExist?: { conceptId: string } } & (
      | { type: 'Condition'; input: ProblemInput }
      | { type: 'AllergyIntolerance'; input: AllergyInput }
      | { type: 'MedicationStatement'; input: MedicationInput }
    ))
);

/**
 * Checks one entry of a transaction or batch and turns its resource into the input of the mutation that will
 * write it, before anything is read or written. Errors name the element (`Bundle.entry[2].resource.code`).
 */
export function planEntry(entry: BundleEntry, index: number): PlannedEntry {
  const at = `Bundle.entry[${index}]`;
  const resource = entry.resource;
  if (!resource) throw badRequest('Each entry needs a resource.', `${at}.resource`);
  if (entry.request?.method !== 'POST') throw badRequest('Only POST (create) entries are supported.', `${at}.request.method`);
  if (!(writableTypes as readonly string[]).includes(resource.resourceType)) {
    throw badRequest(
      `${resource.resourceType} cannot be written here; a Bundle may create ${writableTypes.join(', ')}.`,
      `${at}.resource.resourceType`,
    );
  }
  if (entry.request.url !== resource.resourceType) throw badRequest(`request.url must be ${resource.resourceType}.`, `${at}.request.url`);
  const fullUrl = entry.fullUrl ? { fullUrl: entry.fullUrl } : {};
  const conditions = entry.request.ifNoneExist ? new URLSearchParams(entry.request.ifNoneExist) : undefined;
  const resourceAt = `${at}.resource`;
  const ifNoneExistAt = `${at}.request.ifNoneExist`;
  switch (resource.resourceType) {
    case 'Patient': {
      const input = registrationFrom(resource, resourceAt);
      return {
        index,
        type: 'Patient',
        input,
        ...fullUrl,
        ...(conditions ? { ifNoneExist: patientCondition(conditions, ifNoneExistAt) } : {}),
      };
    }
    case 'Condition': {
      const condition = resource;
      const patient = patientRef(condition.subject, `${resourceAt}.subject`);
      const input = problemFrom(condition, resourceAt);
      return { index, type: 'Condition', input, patient, ...fullUrl, ...clinicalCondition(conditions, patient, ifNoneExistAt) };
    }
    case 'AllergyIntolerance': {
      const allergy = resource;
      const patient = patientRef(allergy.patient, `${resourceAt}.patient`);
      const input = allergyFrom(allergy, resourceAt);
      return { index, type: 'AllergyIntolerance', input, patient, ...fullUrl, ...clinicalCondition(conditions, patient, ifNoneExistAt) };
    }
    default: {
      const statement = resource as MedicationStatement;
      const patient = patientRef(statement.subject, `${resourceAt}.subject`);
      const input = medicationFrom(statement, resourceAt);
      return { index, type: 'MedicationStatement', input, patient, ...fullUrl, ...clinicalCondition(conditions, patient, ifNoneExistAt) };
    }
  }
}

/** `Patient/<id>` (relative or absolute) or the `urn:uuid:` fullUrl of a Patient entry in the same Bundle. */
function patientRef(reference: Reference | undefined, at: string): PatientRef {
  const text = reference?.reference;
  if (!text) throw badRequest('Reference the patient: Patient/<id>, or the fullUrl of a Patient entry of this Bundle.', `${at}.reference`);
  if (text.startsWith('urn:uuid:')) return { fullUrl: text };
  const match = /(?:^|\/)Patient\/([^/]+)$/.exec(text);
  if (!match) throw badRequest(`${text} is not a reference to a Patient.`, `${at}.reference`);
  return { id: requireId(match[1]!, 'Patient id') };
}

/** A Patient is matched by one identifier (NHS number or hospital number), as `Patient?identifier=` searches. */
function patientCondition(conditions: URLSearchParams, at: string): { system: string; value: string } {
  const names = [...conditions.keys()];
  if (names.length !== 1 || names[0] !== 'identifier') throw badRequest('ifNoneExist for a Patient is identifier=<system>|<value>.', at);
  return tokenParam(conditions.get('identifier')!, 'ifNoneExist identifier');
}

/** A clinical item is matched by its SNOMED CT code on the same patient: `code=http://snomed.info/sct|<id>`. */
function clinicalCondition(
  conditions: URLSearchParams | undefined,
  patient: PatientRef,
  at: string,
): { ifNoneExist?: { conceptId: string } } {
  if (!conditions) return {};
  for (const name of conditions.keys()) {
    if (name !== 'code' && name !== 'patient') throw badRequest(`ifNoneExist supports code (and patient) here, not ${name}.`, at);
  }
  const code = conditions.get('code');
  if (!code) throw badRequest('ifNoneExist for a clinical item is code=http://snomed.info/sct|<concept id>.', at);
  const token = tokenParam(code, 'ifNoneExist code');
  if (token.system !== systems.snomed) throw badRequest(`ifNoneExist code must be a SNOMED CT code (${systems.snomed}).`, at);
  const named = conditions.get('patient');
  const own = 'id' in patient ? patient.id : patient.fullUrl;
  if (named !== null && named !== own && named !== `Patient/${own}`)
    throw badRequest('ifNoneExist patient must be the entry’s own patient.', at);
  return { ifNoneExist: { conceptId: token.value } };
}
