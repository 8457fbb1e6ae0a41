import type { Caller, CredentialBinding } from '@epr/identity';
import type { Logger } from 'pino';

/** Per-request gateway context: who is calling, and how to vouch for them to a subgraph. */
export interface GatewayContext {
  caller: Caller;
  requestId: string;
  logger: Logger;
  /** A credential for this caller, signed for one subgraph call (`binding`: the subgraph and the exact body). */
  credentialFor: (binding: CredentialBinding) => string;
  /**
   * The operation being run, once Apollo has resolved it (`name` null: an anonymous one); for the metrics. A holder,
   * because Apollo Server runs each operation with a shallow copy of the context.
   */
  operation?: { name?: string | null };
}
