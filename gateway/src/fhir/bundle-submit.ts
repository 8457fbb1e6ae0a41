import type http from 'node:http';
import type { Bundle } from '@medplum/fhirtypes';
import { FhirError } from './fhir-error.js';
import type { Pipeline } from './graphql-pipeline.js';

export async function submitBundle(_pipeline: Pipeline, _req: http.IncomingMessage): Promise<Bundle> {
  throw new FhirError(501, 'not-supported', 'Not yet.');
}
