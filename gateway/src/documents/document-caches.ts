import type { DocumentNode } from 'graphql';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';

const mib = 2 ** 20;

// A parsed document holds on to its tokens and AST: measured at about 64 bytes of heap per character of
// source, four times the size Apollo's default cache counts for it (its JSON). Counted by heap, a flood of
// unique documents can only ever take the memory set aside for them.
const heapBytesPerSourceCharacter = 64;

/** Parsed and validated documents, so a repeated operation is neither parsed nor validated again. */
export function documentCache(maxMiB: number): InMemoryLRUCache<DocumentNode> {
  return new InMemoryLRUCache<DocumentNode>({
    maxSize: maxMiB * mib,
    sizeCalculation: (document) => Math.max(1, (document.loc?.end ?? 1_000) * heapBytesPerSourceCharacter),
  });
}

/** Automatic persisted queries (hash → query text) registered by clients: strings, so counted as they are. */
export function persistedQueryCache(maxMiB: number): InMemoryLRUCache<string> {
  return new InMemoryLRUCache<string>({ maxSize: maxMiB * mib, sizeCalculation: (query) => Math.max(1, query.length * 2) });
}
