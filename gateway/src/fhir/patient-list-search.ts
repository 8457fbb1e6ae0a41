import type { Bundle } from '@medplum/fhirtypes';
import { FhirError, fromGraphQLCode, notFound } from './fhir-error.js';
import { errorsAt, throwIfFailed, type Pipeline } from './graphql-pipeline.js';
import { cursorParam, pageOf, parseCount, searchset } from './paging.js';
import { patientLists, type PatientList, type PatientListType } from './resource-kinds.js';
import { parseParams, patientParam } from './search-params.js';

/**
 * `GET /<type>?patient=<id>`: one of the patient's lists, paged. A patient out of scope (or unknown) is 404; a
 * list the caller may not open (no clinical role, no legitimate relationship) is 403 with the reason, since the
 * patient's existence is already known to them. Sealed items they may not open, and sealed-and-locked ones, never
 * reach the façade, so they are neither in the entries nor in `total`.
 */
export async function searchByPatient(pipeline: Pipeline, type: PatientListType, url: URL): Promise<Bundle> {
  const params = parseParams(url, ['patient', '_count', '_cursor']);
  const patient = params.get('patient');
  if (!patient) throw new FhirError(400, 'required', `Search ${type} by patient: ${type}?patient=<Patient id>.`, 'patient');
  const list: PatientList = patientLists[type];
  const result = await pipeline<{ patient: Record<string, unknown[] | null> | null }>(
    `query ($id: ID!) { patient(id: $id) { id ${list.field} { ${list.fields} } } }`,
    { id: patientParam(patient) },
  );
  throwIfFailed(result, 'patient');
  if (!result.data?.patient) throw notFound(`No Patient ${patient} is visible to you.`);
  const refused = errorsAt(result, `patient.${list.field}`)[0];
  if (refused) throw fromGraphQLCode(refused.extensions?.['code'], refused.message);
  const patientId = result.data.patient['id'] as unknown as string;
  const resources = (result.data.patient[list.field] ?? []).map((node) => list.toFhir(node as never, patientId));
  const page = pageOf(resources, parseCount(params.get('_count')), cursorParam(params, 'offset'));
  return searchset(url, page.items, page.next, resources.length);
}
