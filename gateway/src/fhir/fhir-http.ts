import type http from 'node:http';
import type { Resource } from '@medplum/fhirtypes';
import type { RefusalWriter } from '../http/session.js';
import { type FhirError, outcome } from './fhir-error.js';

export function sendFhir(res: http.ServerResponse, status: number, resource: Resource, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(resource);
  res.writeHead(status, { 'content-type': 'application/fhir+json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** The session door's refusals (401, 503) as OperationOutcomes. */
export const fhirRefusal: RefusalWriter = (res, refusal) =>
  sendFhir(
    res,
    refusal.status,
    outcome('error', refusal.status === 401 ? 'login' : refusal.status === 400 ? 'invalid' : 'transient', refusal.message, refusal.field),
    refusal.headers,
  );

export function sendError(res: http.ServerResponse, error: FhirError): void {
  sendFhir(res, error.status, error.toOutcome());
}

/** `https://host/fhir/R4`, as the client addressed this server: links in bundles point back the same way. */
export function baseUrl(req: http.IncomingMessage): string {
  const proto = req.headers['x-forwarded-proto'] === 'https' ? 'https' : 'http';
  return `${proto}://${req.headers.host ?? 'localhost'}/fhir/R4`;
}
