import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { IMiddleware } from 'graphql-middleware';

/** The mutation field a write happens under: which field (or alias) of the operation, with which arguments. */
export interface MutationScope {
  /**
   * Which call of the operation this is: the field's name and how many calls of the same field come before it
   * (`createReferral#0`, `createReferral#1`). Not the alias, which a client may change between a request and its
   * retry; one operation may still run the same mutation twice under one idempotency key.
   */
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
      { responseKey: `${info.fieldName}#${earlierCallsOf(info)}`, requestHash },
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

/** How many root fields of the operation call the same mutation before this one (fragments included). */
function earlierCallsOf(info: GraphQLResolveInfo): number {
  let earlier = 0;
  const visit = (selections: SelectionSetNode): boolean => {
    for (const selection of selections.selections) {
      if (selection.kind === Kind.FIELD) {
        if ((selection.alias?.value ?? selection.name.value) === info.path.key) return true;
        if (selection.name.value === info.fieldName) earlier += 1;
      } else {
        const set = selection.kind === Kind.INLINE_FRAGMENT ? selection.selectionSet : info.fragments[selection.name.value]?.selectionSet;
        if (set && visit(set)) return true;
      }
    }
    return false;
  };
  visit(info.operation.selectionSet);
  return earlier;
}
