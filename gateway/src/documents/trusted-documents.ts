import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * Trusted documents: the operations first-party clients (the portals) were built with, known to the gateway by
 * id. The manifest is Apollo's persisted query format (`@apollo/generate-persisted-query-manifest` writes it
 * from a client's code: `{ "format": "apollo-persisted-query-manifest", "version": 1, "operations": [{ "id":
 * sha256 of body, "name", "type", "body" }] }`) or a plain map of ids to documents.
 */
export class TrustedDocuments {
  private constructor(private readonly bodies: ReadonlyMap<string, string>) {}

  static none(): TrustedDocuments {
    return new TrustedDocuments(new Map());
  }

  /**
   * From an Apollo persisted query manifest (ids checked against their bodies), or from a plain `{ "<id>":
   * "<document>" }` map as GraphQL Yoga, Hive and Relay tooling write (ids as the tool chose them).
   */
  static fromManifest(manifest: unknown, source: string): TrustedDocuments {
    if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest))
      throw new Error(`${source} must hold a persisted query manifest or a map of document ids to documents.`);
    const fields = manifest as { format?: unknown; version?: unknown; operations?: unknown };
    if (fields.format === undefined) return TrustedDocuments.fromMap(manifest as Record<string, unknown>, source);
    if (fields.format !== 'apollo-persisted-query-manifest' || fields.version !== 1 || !Array.isArray(fields.operations))
      throw new Error(`${source} is not a persisted query manifest (format "apollo-persisted-query-manifest", version 1).`);
    const bodies = new Map<string, string>();
    fields.operations.forEach((operation: { id?: unknown; body?: unknown }, i) => {
      if (typeof operation.id !== 'string' || typeof operation.body !== 'string')
        throw new Error(`${source}: operations[${i}] needs a string "id" and "body".`);
      // An id is the hash of its body, so a body cannot be swapped under a trusted id.
      if (operation.id !== sha256(operation.body)) throw new Error(`${source}: operations[${i}].id is not the SHA-256 of its body.`);
      bodies.set(operation.id, operation.body);
    });
    return new TrustedDocuments(bodies);
  }

  private static fromMap(map: Record<string, unknown>, source: string): TrustedDocuments {
    const bodies = new Map<string, string>();
    for (const [id, body] of Object.entries(map)) {
      if (typeof body !== 'string') throw new Error(`${source}: the document of "${id}" must be a string.`);
      bodies.set(id, body);
      // The exact text is trusted too, so it is also found by its own hash.
      bodies.set(sha256(body), body);
    }
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
    return this.bodies.get(sha256(query)) === query;
  }
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
