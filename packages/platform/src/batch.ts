/**
 * DataLoader wants one result per key, in key order. These turn the rows of one batched query into that.
 */

/** One row (or null) per key, for lookups by a unique key. */
export function orderByKeys<K, V>(keys: readonly K[], rows: readonly V[], keyOf: (row: V) => K): (V | null)[] {
  const index = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => index.get(key) ?? null);
}

/** All rows per key (possibly none), for one-to-many lookups such as a patient's referrals. */
export function groupByKeys<K, V>(keys: readonly K[], rows: readonly V[], keyOf: (row: V) => K): V[][] {
  const groups = new Map<K, V[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key) ?? []);
}
