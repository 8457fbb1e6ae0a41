import { Kind, type DocumentNode, type GraphQLFormattedError, type SelectionSetNode } from 'graphql';
import { ErrorCode } from '@epr/platform';
import type { SubgraphUnavailableError } from './subgraph-guard.js';

const message =
  'This part of the record could not be loaded: a service it comes from is unavailable. The rest of the answer is complete; try again shortly.';

/**
 * The answer the gateway gives itself for a subgraph call that got none: no data, and a SERVICE_UNAVAILABLE
 * error for each field that call was to fill. The gateway maps these paths onto the client's operation as it
 * does for a subgraph's own errors (`_entities` indexes become the entities' places in the response), so the
 * client gets everything else, with an error on exactly the parts that are missing.
 */
export function unavailableAnswer(
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  failure: SubgraphUnavailableError,
): { data: null; errors: GraphQLFormattedError[] } {
  const error = (path: (string | number)[]): GraphQLFormattedError => ({
    message,
    path,
    extensions: { code: ErrorCode.ServiceUnavailable, reason: failure.reason },
  });
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation) return { data: null, errors: [error([])] };
  const fragments = fragmentsOf(document);
  const entities = operation.selectionSet.selections.find((s) => s.kind === Kind.FIELD && s.name.value === '_entities');
  if (entities?.kind === Kind.FIELD && entities.selectionSet) {
    const representations = Array.isArray(variables?.representations) ? (variables.representations as { __typename?: string }[]) : [];
    return {
      data: null,
      errors: representations.flatMap((representation, index) =>
        [...responseKeys(entities.selectionSet!, fragments, representation.__typename)].map((key) => error(['_entities', index, key])),
      ),
    };
  }
  return { data: null, errors: [...responseKeys(operation.selectionSet, fragments, undefined)].map((key) => error([key])) };
}

type Fragments = Map<string, SelectionSetNode & { typeCondition: string }>;

function fragmentsOf(document: DocumentNode): Fragments {
  const fragments: Fragments = new Map();
  for (const d of document.definitions) {
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, { ...d.selectionSet, typeCondition: d.typeCondition.name.value });
  }
  return fragments;
}

/** The response keys a selection set fills (for an entity of `typename`, only its type's fragments). */
function responseKeys(
  selections: SelectionSetNode,
  fragments: Fragments,
  typename: string | undefined,
  keys = new Set<string>(),
): Set<string> {
  for (const selection of selections.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value !== '__typename') keys.add(selection.alias?.value ?? selection.name.value);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const condition = selection.typeCondition?.name.value;
      if (!condition || !typename || condition === typename) responseKeys(selection.selectionSet, fragments, typename, keys);
    } else {
      const fragment = fragments.get(selection.name.value);
      if (fragment && (!typename || fragment.typeCondition === typename)) responseKeys(fragment, fragments, typename, keys);
    }
  }
  return keys;
}
