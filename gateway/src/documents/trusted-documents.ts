import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * Trusted documents: the operations first-party clients (the portals) were built with, known to the gateway by
 * id, in the format of Apollo's persisted query manifests (`@apollo/generate-persisted-query-manifest` writes
 * them from a client's code): `{ "format": "apollo-persisted-query-manifest", "version": 1, "operations":
 * [{ "id": sha256 of body, "name", "type", "body" }] }`.
 */
export class TrustedDocuments {
  private constructor(private readonly bodies: ReadonlyMap<string, string>) {}

  static none(): TrustedDocuments {
    return new TrustedDocuments(new Map());
  }

  static fromManifest(manifest: unknown, source: string): TrustedDocuments {
    const operations = (manifest as { format?: unknown; version?: unknown; operations?: unknown }) ?? {};
    if (operations.format !== 'apollo-persisted-query-manifest' || operations.version !== 1 || !Array.isArray(operations.operations))
      throw new Error(`${source} is not a persisted query manifest (format "apollo-persisted-query-manifest", version 1).`);
    const bodies = new Map<string, string>();
    operations.operations.forEach((operation: { id?: unknown; body?: unknown }, i) => {
      if (typeof operation.id !== 'string' || typeof operation.body !== 'string')
        throw new Error(`${source}: operations[${i}] needs a string "id" and "body".`);
      // An id is the hash of its body, so a body cannot be swapped under a trusted id.
      if (operation.id !== sha256(operation.body)) throw new Error(`${source}: operations[${i}].id is not the SHA-256 of its body.`);
      bodies.set(operation.id, operation.body);
    });
    return new TrustedDocuments(bodies);
  }

  static fromFile(file: string): TrustedDocuments {
    return TrustedDocuments.fromManifest(JSON.parse(readFileSync(file, 'utf8')), file);
  }

  /** The body of a trusted document, by its id (`sha256:<hex>` or `<hex>`). */
  body(id: string): string | undefined {
    return this.bodies.get(id.startsWith('sha256:') ? id.slice('sha256:'.length) : id);
  }

  /** Whether this exact text is a trusted document (a client may send the text instead of the id). */
  trusts(query: string): boolean {
    return this.bodies.has(sha256(query));
  }
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
