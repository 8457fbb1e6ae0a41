import {
  getNamedType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import type { DocumentNode, OperationDefinitionNode } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';

/**
 * The estimated cost of an operation, from the schema and the variables (graphql-query-complexity walks the
 * operation, fragments and `@skip`/`@include` included): every field costs 1, and what is selected under a
 * field is counted once per item it returns —
 * - a field with a `first` (or `last`) argument: that many items (the argument's default when it is left out);
 * - the list on the page such a field returns (`edges`, `entries`): already counted by `first`, so once;
 * - `_entities` (the gateway's entity fetches to a subgraph): one per representation sent;
 * - any other list: `assumedListSize` items.
 * So `{ patient { referrals { patient { referrals { id } } } } }` costs about 10 × 10 times its leaves, and
 * each further level of fan-out multiplies again.
 */
export function estimateOperationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
  assumedListSize: number,
): number {
  return getComplexity({
    schema,
    query: document,
    ...(operation.name ? { operationName: operation.name.value } : {}),
    variables: variables ?? {},
    estimators: [listSizeEstimator(pagedTypesOf(schema), assumedListSize)],
    // Fragments spread inside fragments are walked once per spread; this bounds the walk whatever the nesting.
    maxQueryNodes: maxWalkedNodes,
  });
}

/** More selections than any operation within the token limit spells out, unless fragments multiply them. */
export const maxWalkedNodes = 50_000;

const slicingArguments = ['first', 'last'];

function listSizeEstimator(pagedTypes: ReadonlySet<string>, assumedListSize: number): ComplexityEstimator {
  return ({ type, field, args, childComplexity }) => {
    // Introspection (`__schema`, `__type`) is governed by the explorer switch, not by cost: an explorer asks for
    // the whole schema at once.
    if (field.name.startsWith('__')) return 0;
    const slice = slicingArguments.map((name): unknown => args[name]).find((value): value is number => typeof value === 'number');
    const representations: unknown = args.representations;
    const entities = field.name === '_entities' && Array.isArray(representations) ? representations.length : undefined;
    const items = slice ?? entities ?? (isList(field.type) ? (pagedTypes.has(type.name) ? 1 : assumedListSize) : 1);
    return 1 + Math.max(items, 0) * childComplexity;
  };
}

function isList(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

const pagedTypesCache = new WeakMap<GraphQLSchema, ReadonlySet<string>>();

/** Object types returned by a field that takes `first`: their lists are the page, already counted by `first`. */
function pagedTypesOf(schema: GraphQLSchema): ReadonlySet<string> {
  let paged = pagedTypesCache.get(schema);
  if (!paged) {
    const names = new Set<string>();
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type)) continue;
      for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
        const returned = getNamedType(field.type);
        if (field.args.some((arg) => slicingArguments.includes(arg.name)) && !isList(field.type) && isObjectType(returned))
          names.add(returned.name);
      }
    }
    paged = names;
    pagedTypesCache.set(schema, paged);
  }
  return paged;
}
