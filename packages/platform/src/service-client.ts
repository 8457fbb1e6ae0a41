import { injectTraceHeaders } from './telemetry/tracing.js';
import { createCredentialSigner, serviceCredentialIssuer, type CredentialSigner } from '@epr/identity';
import type { JWK } from 'jose';

/** The job role a subgraph's own calls carry: a service, not a person, so no access policy lists it. */
export const SERVICE_JOB_ROLE = 'SERVICE';

export class ServiceCallError extends Error {
  constructor(
    message: string,
    /** True when trying again later may succeed (the other service is down or overloaded). */
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/**
 * Lets a subgraph call another subgraph in its own name, with a credential signed by its own key. The callee
 * decides what a service may do (`isTrustedService`), so this is for system work such as event delivery,
 * never for acting on a user's behalf.
 */
export class ServiceClient {
  private constructor(
    private readonly service: string,
    private readonly signer: CredentialSigner,
    private readonly urls: Record<string, string>,
  ) {}

  static async create(service: string, privateKey: JWK, urls: Record<string, string>): Promise<ServiceClient> {
    return new ServiceClient(service, await createCredentialSigner({ privateKey, issuer: serviceCredentialIssuer(service) }), urls);
  }

  /** Runs one GraphQL operation on subgraph `target`; resolves to its `data` or throws a ServiceCallError. */
  async request<T>(target: string, query: string, variables: Record<string, unknown>, requestId: string): Promise<T> {
    const url = this.urls[target];
    if (!url) throw new ServiceCallError(`No URL configured for subgraph "${target}".`, false);
    const requestBody = JSON.stringify({ query, variables });
    // Bound like the gateway's: to the subgraph called and to this body, good for this one call.
    const credential = this.signer.sign(
      { kind: 'service', userId: this.service, roleProfileId: 'service', jobRoleCode: SERVICE_JOB_ROLE, organisationOds: 'EPR', requestId },
      { audience: target, body: requestBody },
    );
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      authorization: `Bearer ${credential}`,
      'x-request-id': requestId,
    };
    injectTraceHeaders(headers);
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers,
        body: requestBody,
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      throw new ServiceCallError(`${target} unreachable: ${(error as Error).message}`, true);
    }
    const body = (await response.json().catch(() => ({}))) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
    if (body.errors?.length || !body.data) {
      const codes = (body.errors ?? []).map((e) => e.extensions?.code);
      // Refusals and bad input will not get better by retrying; anything else (5xx, unavailable) may.
      const permanent =
        response.status < 500 &&
        codes.every((c) => c === 'BAD_USER_INPUT' || c === 'FORBIDDEN' || c === 'UNAUTHENTICATED' || c === 'NOT_FOUND');
      throw new ServiceCallError(
        `${target} answered ${response.status}: ${(body.errors ?? []).map((e) => e.message).join('; ')}`,
        !permanent,
      );
    }
    return body.data;
  }
}
