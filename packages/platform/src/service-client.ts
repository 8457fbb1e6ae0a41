import { createCredentialSigner, serviceCredentialIssuer, type CredentialSigner } from '@epr/identity';
import type { JWK } from 'jose';
import { serviceUnavailable } from './errors.js';
import { GraphQLCallUnreachable, postSignedGraphQL } from './signed-graphql.js';

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
    const caller = {
      kind: 'service',
      userId: this.service,
      roleProfileId: 'service',
      jobRoleCode: SERVICE_JOB_ROLE,
      organisationOds: 'EPR',
      requestId,
    } as const;
    let answer;
    try {
      answer = await postSignedGraphQL<T>({ url, audience: target, caller, signer: this.signer, query, variables, timeoutMs: 10_000 });
    } catch (error) {
      if (error instanceof GraphQLCallUnreachable) throw new ServiceCallError(error.message, true);
      throw error;
    }
    if (answer.errors?.length || !answer.data) {
      const codes = (answer.errors ?? []).map((e) => e.extensions?.code);
      // Refusals and bad input will not get better by retrying; anything else (5xx, unavailable) may.
      const permanent =
        answer.status < 500 &&
        codes.every((c) => c === 'BAD_USER_INPUT' || c === 'FORBIDDEN' || c === 'UNAUTHENTICATED' || c === 'NOT_FOUND');
      throw new ServiceCallError(
        `${target} answered ${answer.status}: ${(answer.errors ?? []).map((e) => e.message).join('; ')}`,
        !permanent,
      );
    }
    return answer.data;
  }

  /**
   * `request`, for a question a user's request depends on: if `target` cannot be reached (or may answer later), the
   * user gets SERVICE_UNAVAILABLE with `whenUnreachable` (what did not happen, and to try again); anything else — a
   * refusal, bad input — is thrown as it came.
   */
  async ask<T>(target: string, query: string, variables: Record<string, unknown>, requestId: string, whenUnreachable: string): Promise<T> {
    try {
      return await this.request<T>(target, query, variables, requestId);
    } catch (error) {
      if (error instanceof ServiceCallError && error.retryable) throw serviceUnavailable(whenUnreachable, error);
      throw error;
    }
  }
}
