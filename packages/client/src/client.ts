import type { TypedDocumentString } from './__generated__/graphql.js';

/** One error of an answer. `extensions.code` says what to do about it (docs/partners.md lists every code). */
export interface ApiError {
  message: string;
  path?: readonly (string | number)[];
  extensions?: { code?: string; field?: string; [key: string]: unknown };
}

/** An answer as GraphQL gives it: data (possibly partial, with refused fields null) and errors beside it. */
export interface ApiResult<TResult> {
  data?: TResult | null;
  errors?: ApiError[];
  /** The HTTP status: 200, or 401 when the session token was refused (its error says why). */
  status: number;
  /** The gateway's id for this request (`x-request-id`): quote it when you report a problem. */
  requestId: string | null;
}

export interface EprClientOptions {
  /** The gateway's GraphQL endpoint, e.g. `https://epr.example.nhs.uk/graphql`; `/graphql` in a page the gateway serves. */
  url: string;
  /** The session token sent as `authorization: Bearer`; a function is asked on every request, so a renewed token is used. */
  token: string | (() => string | undefined);
  /** Another fetch (tests, a proxy); the platform's by default. */
  fetch?: typeof fetch;
}

/** Raised when the gateway did not answer with GraphQL at all (network failure, a proxy's error page). */
export class ApiUnavailableError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ApiUnavailableError';
  }
}

type VariablesArgument<TVariables> = Record<string, never> extends TVariables ? [variables?: TVariables] : [variables: TVariables];

export interface EprClient {
  /** Runs one of the typed operations (`MyRecordSummaryDocument`, …) with its variables. */
  request<TResult, TVariables>(
    document: TypedDocumentString<TResult, TVariables>,
    ...variables: VariablesArgument<TVariables>
  ): Promise<ApiResult<TResult>>;
}

/** A client for the gateway: typed operations in, typed answers out, over one fetch per operation. */
export function createEprClient(options: EprClientOptions): EprClient {
  const send = options.fetch ?? ((input, init) => fetch(input, init));
  return {
    async request(document, ...[variables]) {
      const token = typeof options.token === 'function' ? options.token() : options.token;
      let response: Response;
      try {
        response = await send(options.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify({ query: document.toString(), variables: variables ?? {} }),
        });
      } catch (error) {
        throw new ApiUnavailableError(`The record service could not be reached: ${(error as Error).message}`);
      }
      const body = (await response.json().catch(() => undefined)) as Omit<ApiResult<never>, 'status' | 'requestId'> | undefined;
      if (!body || (body.data === undefined && body.errors === undefined)) {
        throw new ApiUnavailableError(`The record service answered HTTP ${response.status} without a GraphQL result.`, response.status);
      }
      return { ...body, status: response.status, requestId: response.headers.get('x-request-id') };
    },
  };
}
