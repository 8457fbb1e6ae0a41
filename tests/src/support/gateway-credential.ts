import { randomUUID } from 'node:crypto';
import { createCredentialSigner, loadKeyFromFile } from '@epr/identity';
import { gatewayKeyFiles } from '@epr/tools/dev-issuer/index';
import { stackState } from './stack-state.js';

/** A credential signed with the test stack's gateway key, as the gateway would send it to a subgraph for this user. */
export async function gatewayCredential(caller: {
  userId: string;
  roleProfileId: string;
  jobRoleCode: string;
  organisationOds: string;
}): Promise<string> {
  const privateKey = await loadKeyFromFile(gatewayKeyFiles(stackState().keyDir).privateKey, 'private');
  const signer = await createCredentialSigner({ privateKey });
  return signer.sign({ kind: 'user', teamIds: [], requestId: randomUUID(), ...caller });
}
