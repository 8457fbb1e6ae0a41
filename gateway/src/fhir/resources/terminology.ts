import type { Coding, Meta, Organization, Practitioner, Reference } from '@medplum/fhirtypes';

/** Identifier systems and code systems the façade speaks (NHS England and UK Core). */
export const systems = {
  nhsNumber: 'https://fhir.nhs.uk/Id/nhs-number',
  ubrn: 'https://fhir.nhs.uk/Id/UBRN',
  ods: 'https://fhir.nhs.uk/Id/ods-organization-code',
  sdsUser: 'https://fhir.nhs.uk/Id/sds-user-id',
  snomed: 'http://snomed.info/sct',
  temporaryIdentity: 'urn:epr:temporary-identity',
} as const;

const ukCore = 'https://fhir.hl7.org.uk/StructureDefinition/';

/** The UK Core profile a resource type is served in. */
export function ukCoreMeta(resourceType: string, sealLevel?: string): Meta {
  const security = sealLevel ? sealLabel(sealLevel) : undefined;
  return { profile: [`${ukCore}UKCore-${resourceType}`], ...(security ? { security } : {}) };
}

/**
 * A sealed item served to its authoring team (the only readers who get it in full) carries a confidentiality
 * label, so a receiving system knows not to pass it on: R for sealed, V for sealed and locked.
 */
function sealLabel(sealLevel: string): Coding[] | undefined {
  const code = sealLevel === 'SEALED' ? 'R' : sealLevel === 'SEALED_AND_LOCKED' ? 'V' : undefined;
  if (!code) return undefined;
  return [
    {
      system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality',
      code,
      display: code === 'R' ? 'restricted' : 'very restricted',
    },
  ];
}

/**
 * Hospital numbers are issued per organisation, so each organisation's are their own identifier system, named
 * as NHS England names local systems: `https://fhir.<ods>.nhs.uk/Id/local-patient-identifier`.
 */
export function localIdentifierSystem(odsCode: string): string {
  return `https://fhir.${odsCode.toLowerCase()}.nhs.uk/Id/local-patient-identifier`;
}

/** The organisation (ODS code) whose local identifier system this is, or null. */
export function organisationOfLocalSystem(system: string): string | null {
  const match = /^https:\/\/fhir\.([a-z0-9]{3,10})\.nhs\.uk\/Id\/local-patient-identifier$/.exec(system);
  return match ? match[1]!.toUpperCase() : null;
}

export function organisationReference(odsCode: string, name?: string): Reference<Organization> {
  return { identifier: { system: systems.ods, value: odsCode }, ...(name ? { display: name } : {}) };
}

export function practitionerReference(author: { id: string; displayName: string }): Reference<Practitioner> {
  return { identifier: { system: systems.sdsUser, value: author.id }, display: author.displayName };
}

export function snomed(conceptId: string, term: string): { coding: Coding[]; text: string } {
  return { coding: [{ system: systems.snomed, code: conceptId, display: term }], text: term };
}
