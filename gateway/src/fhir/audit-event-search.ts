import type { Bundle, Resource } from '@medplum/fhirtypes';
import { badRequest } from './fhir-error.js';
import { throwIfFailed, type Pipeline } from './graphql-pipeline.js';
import { cursorParam, parseCount, searchset } from './paging.js';
import { parseParams, patientParam } from './search-params.js';

/**
 * `GET /AuditEvent?patient=<id>` or `?agent=<user id>`: the security log for privacy officers (the audit
 * subgraph's rules refuse anyone else: 403), newest first, each page itself recorded in the log.
 */
export async function searchAuditEvents(pipeline: Pipeline, url: URL): Promise<Bundle> {
  const params = parseParams(url, ['patient', 'agent', '_count', '_cursor']);
  if (!params.has('patient') && !params.has('agent')) throw badRequest('Search AuditEvent by patient=<Patient id> or agent=<user id>.');
  const cursor = cursorParam(params, 'after');
  const filter = {
    ...(params.has('patient') ? { patientId: patientParam(params.get('patient')!) } : {}),
    ...(params.has('agent') ? { userId: params.get('agent') } : {}),
  };
  const result = await pipeline<{
    accessEvents: { edges: { node: { fhir: Resource } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } | null;
  }>(
    `query ($filter: AccessEventFilter, $first: Int!, $after: String) {
       accessEvents(filter: $filter, first: $first, after: $after) { edges { node { fhir } } pageInfo { hasNextPage endCursor } }
     }`,
    { filter, first: parseCount(params.get('_count')), after: cursor?.after ?? null },
  );
  throwIfFailed(result, 'accessEvents');
  const { edges, pageInfo } = result.data!.accessEvents!;
  return searchset(
    url,
    edges.map((edge) => edge.node.fhir),
    pageInfo.hasNextPage && pageInfo.endCursor ? { after: pageInfo.endCursor } : null,
  );
}
