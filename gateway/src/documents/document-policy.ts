import type { TrustedDocuments } from './trusted-documents.js';

/** A request body the gateway may run, or why not (a 400 with a code the client can act on). */
export type DocumentDecision = { body: unknown } | { status: 400; code: string; message: string };

interface RequestBody {
  query?: unknown;
  documentId?: unknown;
  extensions?: { persistedQuery?: { sha256Hash?: unknown } } & Record<string, unknown>;
}

/**
 * Which documents a request may carry. A trusted document can be named by `documentId` or by an automatic
 * persisted query hash (what Apollo Client's persisted-query link sends): its text is put in the request.
 * With `requireTrusted` (production, for first-party clients only) nothing else runs: not a document of the
 * client's own, not a hash registered earlier; without it (partner development) any document may be sent,
 * and automatic persisted queries work as usual, in a bounded cache.
 */
export function documentPolicy(trusted: TrustedDocuments, requireTrusted: boolean) {
  return (method: string, body: unknown): DocumentDecision => {
    if (method !== 'POST') {
      return requireTrusted ? refuse('PERSISTED_QUERY_ID_REQUIRED', 'Send trusted documents by POST, with their documentId.') : { body };
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return { body };
    const request = body as RequestBody;
    const id = typeof request.documentId === 'string' ? request.documentId : request.extensions?.persistedQuery?.sha256Hash;
    if (typeof id === 'string' && request.query === undefined) {
      const text = trusted.body(id);
      if (text !== undefined) return { body: withQuery(request, text) };
      if (requireTrusted)
        return refuse(
          'PERSISTED_QUERY_NOT_IN_LIST',
          `No trusted document has the id ${id.slice(0, 80)}. Use an operation your client was built with.`,
        );
      return { body };
    }
    if (!requireTrusted) return { body };
    if (typeof request.query === 'string' && trusted.trusts(request.query)) return { body: withQuery(request, request.query) };
    return refuse(
      'PERSISTED_QUERY_ID_REQUIRED',
      'This service runs trusted documents only: send the documentId of an operation your client was built with.',
    );
  };
}

/** The request with the trusted text as its query, and no id left for Apollo to look up or register. */
function withQuery(request: RequestBody, query: string): unknown {
  const { documentId: _id, extensions, ...rest } = request;
  const { persistedQuery: _hash, ...otherExtensions } = extensions ?? {};
  return { ...rest, query, ...(Object.keys(otherExtensions).length > 0 ? { extensions: otherExtensions } : {}) };
}

function refuse(code: string, message: string): DocumentDecision {
  return { status: 400, code, message };
}
