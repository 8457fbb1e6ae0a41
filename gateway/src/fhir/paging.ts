import type { Bundle, BundleEntry, BundleLink, Resource } from '@medplum/fhirtypes';
import { badRequest } from './fhir-error.js';

/** Where the next page starts: an offset into a list read whole, or a GraphQL connection's cursor. */
export type Cursor = { offset: number } | { after: string };

export const maxCount = 100;
const defaultCount = 20;

/** `_cursor` values are opaque to clients: a server-side position, base64url encoded. */
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(text: string): Cursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (typeof value === 'object' && value !== null) {
      const { offset, after } = value as { offset?: unknown; after?: unknown };
      if (Number.isInteger(offset) && (offset as number) >= 0) return { offset: offset as number };
      if (typeof after === 'string') return { after };
    }
  } catch {
    // Falls through to the same answer as any other value this server did not make.
  }
  throw badRequest('_cursor is not a position this server gave; follow the `next` link of the previous page.', '_cursor');
}

export function parseCount(text: string | undefined): number {
  if (text === undefined) return defaultCount;
  if (!/^\d{1,3}$/.test(text) || Number(text) < 1 || Number(text) > maxCount) {
    throw badRequest(`_count is a whole number from 1 to ${maxCount}.`, '_count');
  }
  return Number(text);
}

/** The `_cursor` parameter, which must be of the kind this search pages with. */
export function cursorParam<K extends 'offset' | 'after'>(
  params: Map<string, string>,
  kind: K,
): Extract<Cursor, Record<K, unknown>> | null {
  const text = params.get('_cursor');
  if (text === undefined) return null;
  const cursor = decodeCursor(text);
  if (!(kind in cursor)) throw badRequest('_cursor belongs to another search; start this one again.', '_cursor');
  return cursor as Extract<Cursor, Record<K, unknown>>;
}

/** One page of a list read whole, and where the next starts. */
export function pageOf<T>(items: readonly T[], count: number, cursor: { offset: number } | null): { items: T[]; next: Cursor | null } {
  const start = cursor?.offset ?? 0;
  const end = start + count;
  return { items: items.slice(start, end), next: end < items.length ? { offset: end } : null };
}

/**
 * A searchset Bundle: `self` is the request, `next` the same request one page on. `total` only where it is the
 * exact number of resources the caller may see (it never counts what the policy hid).
 */
export function searchset(
  self: URL,
  resources: readonly Resource[],
  next: Cursor | null,
  total?: number,
  mode: (resource: Resource) => 'match' | 'include' = () => 'match',
): Bundle {
  const link: BundleLink[] = [{ relation: 'self', url: self.toString() }];
  if (next) {
    const nextUrl = new URL(self);
    nextUrl.searchParams.set('_cursor', encodeCursor(next));
    link.push({ relation: 'next', url: nextUrl.toString() });
  }
  const base = self.toString().slice(0, self.toString().indexOf('/fhir/R4') + '/fhir/R4'.length);
  const entry: BundleEntry[] = resources.map((resource) => ({
    fullUrl: `${base}/${resource.resourceType}/${resource.id}`,
    resource,
    search: { mode: mode(resource) },
  }));
  return { resourceType: 'Bundle', type: 'searchset', ...(total === undefined ? {} : { total }), link, entry };
}
