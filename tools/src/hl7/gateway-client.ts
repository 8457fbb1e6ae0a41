/** A GraphQL error as the gateway returns it: a message a person can act on, and a code. */
export interface GatewayError {
  message: string;
  extensions?: { code?: string; field?: string };
}

export class GatewayCallFailed extends Error {
  constructor(
    readonly errors: GatewayError[],
    readonly status: number,
  ) {
    super(errors[0]?.message ?? `The gateway answered HTTP ${status}.`);
  }

  get code(): string | undefined {
    return this.errors[0]?.extensions?.code;
  }
}

/** Sends GraphQL operations to the gateway as one signed-in session (the interface engine's token). */
export class GatewayClient {
  constructor(
    private readonly url: string,
    private readonly token: string,
  ) {}

  async run<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
        body: JSON.stringify({ query, variables }),
      });
    } catch (error) {
      throw new GatewayCallFailed(
        [
          {
            message: `The gateway at ${this.url} cannot be reached (${(error as Error).message}).`,
            extensions: { code: 'SERVICE_UNAVAILABLE' },
          },
        ],
        0,
      );
    }
    const body = (await response.json().catch(() => ({}))) as { data?: T; errors?: GatewayError[] };
    if (body.errors?.length || !body.data) throw new GatewayCallFailed(body.errors ?? [], response.status);
    return body.data;
  }
}
