import type { HumanName, Identifier, Patient } from '@medplum/fhirtypes';
import { localIdentifierSystem, organisationReference, systems, ukCoreMeta } from './terminology.js';

/** What the façade asks the record for a Patient resource. */
export const patientFields = `id nhsNumber temporaryIdentity name { given family } previousNames { given family } birthDate sex
  address { lines postcode } telephone email registeredGpPractice { odsCode name } dateOfDeath
  localIdentifiers { organisation { odsCode } value }`;

interface Name {
  given: string;
  family: string;
}

export interface PatientNode {
  id: string;
  nhsNumber: string | null;
  temporaryIdentity: string | null;
  name: Name;
  previousNames: Name[] | null;
  birthDate: string;
  sex: 'MALE' | 'FEMALE' | 'INDETERMINATE' | 'NOT_KNOWN';
  address: { lines: string[]; postcode: string | null } | null;
  telephone: string | null;
  email: string | null;
  registeredGpPractice: { odsCode: string; name: string } | null;
  dateOfDeath: string | null;
  localIdentifiers: { organisation: { odsCode: string }; value: string }[] | null;
}

// Phenotypic sex as FHIR administrative gender; "indeterminate" has no closer code than "other".
const gender = { MALE: 'male', FEMALE: 'female', INDETERMINATE: 'other', NOT_KNOWN: 'unknown' } as const;

// The index checks NHS numbers with Modulus 11 but does not trace them against PDS: "present but not traced".
const notTraced = {
  url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus',
  valueCodeableConcept: {
    coding: [
      {
        system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland',
        code: '02',
        display: 'Number present but not traced',
      },
    ],
  },
};

export function toFhirPatient(node: PatientNode): Patient {
  const identifier: Identifier[] = [];
  if (node.nhsNumber) identifier.push({ system: systems.nhsNumber, value: node.nhsNumber, extension: [notTraced] });
  if (node.temporaryIdentity) identifier.push({ use: 'temp', system: systems.temporaryIdentity, value: node.temporaryIdentity });
  for (const local of node.localIdentifiers ?? []) {
    identifier.push({
      use: 'usual',
      system: localIdentifierSystem(local.organisation.odsCode),
      value: local.value,
      assigner: organisationReference(local.organisation.odsCode),
    });
  }
  const telecom = [
    ...(node.telephone ? [{ system: 'phone' as const, value: node.telephone, use: 'home' as const }] : []),
    ...(node.email ? [{ system: 'email' as const, value: node.email, use: 'home' as const }] : []),
  ];
  return {
    resourceType: 'Patient',
    id: node.id,
    meta: ukCoreMeta('Patient'),
    identifier,
    name: [humanName(node.name, 'official'), ...(node.previousNames ?? []).map((name) => humanName(name, 'old'))],
    gender: gender[node.sex],
    birthDate: node.birthDate,
    ...(node.dateOfDeath ? { deceasedDateTime: node.dateOfDeath } : {}),
    ...(node.address
      ? { address: [{ use: 'home', line: node.address.lines, ...(node.address.postcode ? { postalCode: node.address.postcode } : {}) }] }
      : {}),
    ...(telecom.length ? { telecom } : {}),
    ...(node.registeredGpPractice
      ? { generalPractitioner: [organisationReference(node.registeredGpPractice.odsCode, node.registeredGpPractice.name)] }
      : {}),
  };
}

function humanName(name: Name, use: HumanName['use']): HumanName {
  return { ...(use ? { use } : {}), family: name.family, given: name.given.split(/\s+/).filter(Boolean) };
}
