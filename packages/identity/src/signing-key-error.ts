/** A signing key is absent, unreadable or of the wrong kind. The message names its source, never its contents. */
export class SigningKeyError extends Error {
  override readonly name = 'SigningKeyError';
}
