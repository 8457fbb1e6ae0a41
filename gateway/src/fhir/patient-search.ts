import type { Bundle } from '@medplum/fhirtypes';
import { badRequest } from './fhir-error.js';
import { throwIfFailed, type Pipeline } from './graphql-pipeline.js';
import { cursorParam, parseCount, searchset } from './paging.js';
import { patientFields, toFhirPatient, type PatientNode } from './resources/patient.js';
import { organisationOfLocalSystem, systems } from './resources/terminology.js';
import { birthDateParam, parseParams, tokenParam } from './search-params.js';

/**
 * `GET /Patient?identifier=<system>|<value>` (an NHS number or a hospital number: an exact match) or
 * `GET /Patient?family=&given=&birthdate=` (the index's ranked, typo-tolerant search, best match first).
 * Patients out of the caller's scope are simply not found. Name searches carry no `total`: the index ranks
 * matches a page at a time and never counts them.
 */
export async function searchPatients(pipeline: Pipeline, url: URL): Promise<Bundle> {
  const params = parseParams(url, ['identifier', 'family', 'given', 'birthdate', '_count', '_cursor']);
  const identifier = params.get('identifier');
  if (identifier) {
    if (['family', 'given', 'birthdate'].some((name) => params.has(name))) {
      throw badRequest('Search by identifier alone: it names one patient exactly.', 'identifier');
    }
    return byIdentifier(pipeline, url, tokenParam(identifier, 'identifier'));
  }
  if (!params.has('family') && !params.has('birthdate')) {
    throw badRequest('Search patients by identifier=<system>|<value>, or by family and/or birthdate (with given if known).');
  }
  const cursor = cursorParam(params, 'after');
  const criteria = {
    ...(params.has('family') ? { familyName: params.get('family') } : {}),
    ...(params.has('given') ? { givenName: params.get('given') } : {}),
    ...(params.has('birthdate') ? { birthDate: birthDateParam(params.get('birthdate')!) } : {}),
  };
  const result = await pipeline<{
    searchPatients: { edges: { score: number; node: PatientNode }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
  }>(
    `query ($criteria: PatientSearchInput!, $first: Int, $after: String) {
       searchPatients(criteria: $criteria, first: $first, after: $after) {
         edges { score node { ${patientFields} } } pageInfo { hasNextPage endCursor }
       }
     }`,
    { criteria, first: parseCount(params.get('_count')), after: cursor?.after ?? null },
  );
  throwIfFailed(result, 'searchPatients');
  const { edges, pageInfo } = result.data!.searchPatients;
  const bundle = searchset(
    url,
    edges.map((edge) => toFhirPatient(edge.node)),
    pageInfo.hasNextPage && pageInfo.endCursor ? { after: pageInfo.endCursor } : null,
  );
  bundle.entry?.forEach((entry, i) => (entry.search = { mode: 'match', score: edges[i]!.score }));
  return bundle;
}

async function byIdentifier(pipeline: Pipeline, url: URL, token: { system: string; value: string }): Promise<Bundle> {
  const found = await findPatientByIdentifier(pipeline, token, 'identifier');
  return searchset(url, found ? [toFhirPatient(found)] : [], null, found ? 1 : 0);
}

/** The one patient an NHS number or a hospital number names, if the caller may see them. */
export async function findPatientByIdentifier(
  pipeline: Pipeline,
  token: { system: string; value: string },
  param: string,
): Promise<PatientNode | null> {
  const local = organisationOfLocalSystem(token.system);
  if (token.system !== systems.nhsNumber && !local) {
    throw badRequest(
      `Unknown identifier system ${token.system}. Use ${systems.nhsNumber} or a hospital's https://fhir.<ods>.nhs.uk/Id/local-patient-identifier.`,
      param,
    );
  }
  const [root, query, variables] = local
    ? [
        'patientByLocalIdentifier',
        `query ($organisation: String!, $value: String!) { patientByLocalIdentifier(organisation: $organisation, value: $value) { ${patientFields} } }`,
        { organisation: local, value: token.value },
      ]
    : [
        'patientByNhsNumber',
        `query ($nhsNumber: String!) { patientByNhsNumber(nhsNumber: $nhsNumber) { ${patientFields} } }`,
        { nhsNumber: token.value },
      ];
  const result = await pipeline<Record<string, PatientNode | null>>(query, variables);
  throwIfFailed(result, root);
  return result.data?.[root] ?? null;
}
