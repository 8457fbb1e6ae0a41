import type http from 'node:http';
import type { ApolloServer } from '@apollo/server';
import type { Resource } from '@medplum/fhirtypes';
import type { Logger } from '@epr/platform';
import { roleGrants, type Activity, type Policy } from '@epr/policy';
import type { GatewayContext } from '../context.js';
import type { GatewayRoute } from '../http/route.js';
import type { SessionDoor } from '../http/session.js';
import { searchAuditEvents } from './audit-event-search.js';
import { capabilityStatement } from './capability-statement.js';
import { everything } from './everything.js';
import { FhirError } from './fhir-error.js';
import { baseUrl, fhirRefusal, sendError, sendFhir } from './fhir-http.js';
import { pipelineFor, type Pipeline } from './graphql-pipeline.js';
import { searchByPatient } from './patient-list-search.js';
import { searchPatients } from './patient-search.js';
import { readResource } from './read.js';
import { patientLists, singleReads, type SingleReadType } from './resource-kinds.js';
import { createResource, readFhirBody, submitBundle } from './bundle-submit.js';
import { writableTypes } from './writes/bundle-plan.js';

const root = '/fhir/R4';

/**
 * The FHIR R4 façade at /fhir/R4: `metadata` for anyone; every other interaction signs in through the same
 * session door as /graphql and runs GraphQL operations through the gateway's own Apollo server (see
 * graphql-pipeline.ts), so FHIR and GraphQL are one data path under one policy and one security log.
 */
export function fhirRoute(apollo: ApolloServer<GatewayContext>, session: SessionDoor, policy: Policy, logger: Logger): GatewayRoute {
  return {
    matches: (path) => path === root || path.startsWith(`${root}/`),
    handle: async (req, res) => {
      const started = performance.now();
      const url = new URL(req.url ?? '/', baseUrl(req));
      const parts = url.pathname.slice(root.length).split('/').filter(Boolean).map(decodeURIComponent);
      try {
        if (req.method === 'GET' && parts.length === 1 && parts[0] === 'metadata')
          return sendFhir(res, 200, capabilityStatement(baseUrl(req)));
        if (req.method !== 'GET' && req.method !== 'POST')
          throw new FhirError(405, 'not-supported', 'This server reads with GET and writes Bundles with POST.');
        const context = await session.open(req, res, fhirRefusal);
        if (!context) return;
        const pipeline = pipelineFor(apollo, context);
        const answer =
          req.method === 'POST'
            ? await post(pipeline, parts, req, (activity) => roleGrants(policy, context.caller.jobRoleCode, activity))
            : { status: 200, resource: await get(pipeline, parts, url) };
        const status = answer.status;
        sendFhir(res, status, answer.resource, 'location' in answer ? { location: `${baseUrl(req)}/${answer.location}` } : {});
        context.logger.info(
          {
            status,
            ms: Math.round(performance.now() - started),
            userId: context.caller.userId,
            interaction: `${req.method} ${parts[0] ?? ''}`,
          },
          'fhir request',
        );
      } catch (error) {
        if (error instanceof FhirError) return sendError(res, error);
        logger.error({ err: error }, 'fhir request failed');
        sendError(res, new FhirError(500, 'exception', 'Internal server error'));
      }
    },
  };
}

async function get(pipeline: Pipeline, parts: string[], url: URL): Promise<Resource> {
  const [type, id, operation, ...rest] = parts;
  if (!type || rest.length > 0) throw unsupported(parts);
  if (operation !== undefined) {
    if (type === 'Patient' && operation === '$everything') return everything(pipeline, id!, url);
    throw unsupported(parts);
  }
  if (id !== undefined) {
    if (type in singleReads) return readResource(pipeline, type as keyof typeof singleReads, id);
    throw unsupported(parts);
  }
  if (type === 'Patient') return searchPatients(pipeline, url);
  if (type === 'AuditEvent') return searchAuditEvents(pipeline, url);
  if (type in patientLists) return searchByPatient(pipeline, type as keyof typeof patientLists, url);
  throw unsupported(parts);
}

/** A Bundle to the base URL; one resource (optionally conditional on `If-None-Exist`) to its type. */
async function post(
  pipeline: Pipeline,
  parts: string[],
  req: http.IncomingMessage,
  roleHolds: (activity: Activity) => boolean,
): Promise<{ status: number; resource: Resource; location?: string }> {
  const [type, ...rest] = parts;
  if (type === undefined) return { status: 200, resource: await submitBundle(pipeline, await readFhirBody(req), roleHolds) };
  if (rest.length > 0 || !(writableTypes as readonly string[]).includes(type)) {
    throw new FhirError(
      405,
      'not-supported',
      `Create ${writableTypes.join(', ')} (POST /<type>), or POST a transaction or batch Bundle to the base URL.`,
    );
  }
  const ifNoneExist = req.headers['if-none-exist'];
  const created = await createResource(
    pipeline,
    type,
    await readFhirBody(req),
    typeof ifNoneExist === 'string' ? ifNoneExist : undefined,
    roleHolds,
  );
  const [createdType, id] = created.location.split('/') as [SingleReadType, string];
  return { status: created.status, resource: await readResource(pipeline, createdType, id), location: created.location };
}

function unsupported(parts: string[]): FhirError {
  return new FhirError(404, 'not-supported', `${parts.join('/') || 'This path'} is not served here; see ${root}/metadata for what is.`);
}
