// A stand-in OIDC issuer for tests: keys of each allowed algorithm, a JWKS file, and token builders
// that can leave out or corrupt any part of a session token.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { base64url, exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';

export const TEST_ISSUER = 'https://issuer.test';
export const TEST_AUDIENCE = 'epr-gateway';
/** The baseline policy's maximum session age (sessionMaxAgeHours: 12). */
export const TEST_MAX_SESSION_AGE_SECONDS = 12 * 60 * 60;

export interface IssuerKey {
  readonly alg: string;
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
}

export async function issuerKey(alg = 'EdDSA'): Promise<IssuerKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const kid = randomUUID();
  return { alg, kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

export function temporaryDirectory(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'epr-identity-'));
}

/** Writes a JWKS the way an issuer should: whole, then renamed into place. */
export async function publishJwks(path: string, keys: readonly IssuerKey[]): Promise<void> {
  const staging = `${path}.${randomUUID()}.tmp`;
  await writeFile(staging, JSON.stringify({ keys: keys.map((key) => key.publicJwk) }));
  await rename(staging, path);
}

/** Claims of a valid session, adjusted by `changes`; a change to `undefined` removes the claim. */
export function sessionPayload(changes: Record<string, unknown> = {}): JWTPayload {
  const now = Math.floor(Date.now() / 1000);
  const payload: Record<string, unknown> = {
    iss: TEST_ISSUER,
    aud: TEST_AUDIENCE,
    sub: 'user-555',
    selected_roleid: 'role-profile-123',
    sid: 'session-1',
    iat: now,
    exp: now + 3600,
    ...changes,
  };
  for (const [claim, value] of Object.entries(payload)) if (value === undefined) delete payload[claim];
  return payload;
}

export function sessionToken(key: IssuerKey, changes: Record<string, unknown> = {}): Promise<string> {
  return new SignJWT(sessionPayload(changes)).setProtectedHeader({ alg: key.alg, kid: key.kid }).sign(key.privateKey);
}

/** A compact JWS assembled by hand, so tests can present headers no honest library would produce. */
export function handmadeToken(header: Record<string, unknown>, payload: JWTPayload, signature = ''): string {
  const encode = (part: object) => base64url.encode(JSON.stringify(part));
  return `${encode(header)}.${encode(payload)}.${signature}`;
}
