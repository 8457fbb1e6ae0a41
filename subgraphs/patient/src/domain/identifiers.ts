const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Record ids are UUIDs; anything else names no record (and must not reach a `uuid` column, which would fail). */
export function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}
