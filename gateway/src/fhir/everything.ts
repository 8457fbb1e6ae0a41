import type { Bundle, Resource } from '@medplum/fhirtypes';
import { notFound } from './fhir-error.js';
import { errorsAt, throwIfFailed, type Pipeline } from './graphql-pipeline.js';
import { cursorParam, pageOf, parseCount, searchset } from './paging.js';
import { patientLists, type PatientList } from './resource-kinds.js';
import { patientFields, toFhirPatient, type PatientNode } from './resources/patient.js';
import { parseParams, requireId } from './search-params.js';

const lists: PatientList[] = Object.values(patientLists);
const everythingQuery = `query ($id: ID!) { patient(id: $id) { ${patientFields} ${lists.map((l) => `${l.field} { ${l.fields} }`).join(' ')} } }`;

/**
 * `GET /Patient/<id>/$everything`: the Patient and every list the caller may open, in one query through the
 * pipeline, paged with `_count` and opaque `next` links. A list the caller's role or relationship does not open
 * is left out (a clerk gets demographics, referrals and appointments; the interface engine demographics only),
 * not refused: $everything means "everything you may see". Each page runs the query again, so each page is
 * decided and recorded in the security log like any other read.
 */
export async function everything(pipeline: Pipeline, patientId: string, url: URL): Promise<Bundle> {
  const params = parseParams(url, ['_count', '_cursor']);
  const result = await pipeline<{ patient: (PatientNode & Record<string, unknown>) | null }>(everythingQuery, {
    id: requireId(patientId, 'Patient id'),
  });
  throwIfFailed(result, 'patient');
  const patient = result.data?.patient;
  if (!patient) throw notFound(`No Patient ${patientId} is visible to you.`);
  const resources: Resource[] = [toFhirPatient(patient)];
  for (const list of lists) {
    // Refused lists are null with their FORBIDDEN error beside them; they are simply not part of the answer.
    if (errorsAt(result, `patient.${list.field}`).length > 0) continue;
    for (const node of (patient[list.field] as unknown[] | null) ?? []) resources.push(list.toFhir(node as never, patient.id));
  }
  const page = pageOf(resources, parseCount(params.get('_count')), cursorParam(params, 'offset'));
  return searchset(url, page.items, page.next, resources.length, (resource) => (resource.resourceType === 'Patient' ? 'match' : 'include'));
}
