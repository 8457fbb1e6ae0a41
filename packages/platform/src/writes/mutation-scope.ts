import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import type { GraphQLResolveInfo } from 'graphql';
import type { IMiddleware } from 'graphql-middleware';

/** The mutation field a write happens under: which field (or alias) of the operation, with which arguments. */
export interface MutationScope {
  /** The field's response key (its alias, or its name): one operation may run the same mutation twice. */
  responseKey: string;
  /** SHA-256 of the field's name and arguments: the same idempotency key with other input is a client error. */
  requestHash: string;
}

const storage = new AsyncLocalStorage<MutationScope>();

/** The mutation field running now, if any (writes look it up to apply idempotency keys per field). */
export function currentMutation(): MutationScope | undefined {
  return storage.getStore();
}

/**
 * graphql-middleware for the Mutation type: runs each mutation field's resolver inside its scope, so the writes
 * under it know which field they serve without every resolver passing it down.
 */
export const mutationScopeMiddleware: IMiddleware = {
  Mutation: async (
    resolve,
    parent: unknown,
    args: Record<string, unknown>,
    context: unknown,
    info: GraphQLResolveInfo,
  ): Promise<unknown> => {
    const requestHash = createHash('sha256').update(info.fieldName).update(stableJson(args)).digest('hex');
    return storage.run(
      { responseKey: String(info.path.key), requestHash },
      async (): Promise<unknown> => (await resolve(parent, args, context, info)) as unknown,
    );
  },
};

/** JSON with object keys sorted, so the same arguments always hash the same whatever order a client sent them in. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
