import { readFile } from 'node:fs/promises';
import type { JWK } from 'jose';
import { assertEd25519Jwk, type KeyVisibility } from './ed25519-jwk.js';
import { SigningKeyError } from './signing-key-error.js';

/** Reads an Ed25519 JWK held as JSON in an environment variable, e.g. EPR_GATEWAY_PRIVATE_JWK. */
export function loadKeyFromEnv(
  variable: string,
  visibility: KeyVisibility,
  env: Readonly<Record<string, string | undefined>> = process.env,
): JWK {
  const source = `environment variable ${variable}`;
  const json = env[variable];
  if (json === undefined || json.trim() === '') throw new SigningKeyError(`${source} is not set`);
  return parseSigningKey(json, visibility, source);
}

/** Reads an Ed25519 JWK from a JSON file. */
export async function loadKeyFromFile(path: string, visibility: KeyVisibility): Promise<JWK> {
  const source = `key file ${path}`;
  let json: string;
  try {
    json = await readFile(path, 'utf8');
  } catch (cause) {
    throw new SigningKeyError(`${source} could not be read`, { cause });
  }
  return parseSigningKey(json, visibility, source);
}

export function parseSigningKey(json: string, visibility: KeyVisibility, source: string): JWK {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    // JSON.parse quotes the text it choked on; for a private key that text is key material, so the
    // cause is deliberately dropped.
    throw new SigningKeyError(`${source} does not hold valid JSON`);
  }
  assertEd25519Jwk(value, visibility, source);
  return value;
}
