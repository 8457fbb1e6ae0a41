import { Kind, type ASTVisitor, type GraphQLError, type SelectionSetNode, type ValidationContext, type ValidationRule } from 'graphql';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { OperationLimits } from './limits.js';
import { operationLimitExceeded, type LimitName } from './limit-error.js';

/**
 * Validation rules for the limits that depend on the document alone: depth, aliases and directives (counted by
 * graphql-armor, fragments included wherever they are spread) and root fields. They run in the same pass as
 * GraphQL's own validation, before any planning; the token limit has already been applied while parsing.
 */
export function operationLimitRules(limits: OperationLimits): ValidationRule[] {
  return [
    maxDepthRule({ n: limits.maxDepth, flattenFragments: true, ...reportAs('depth') }),
    maxAliasesRule({ n: limits.maxAliases, ...reportAs('aliases') }),
    maxDirectivesRule({ n: limits.maxDirectives, ...reportAs('directives') }),
    maxRootFieldsRule(limits.maxRootFields),
  ];
}

// graphql-armor words its refusal "… limit of <max> exceeded, found <found>."
const armorRefusal = /limit of (\d+) exceeded, found (-?\d+)\./;

/** graphql-armor's callbacks, reporting our own error (code, limit, numbers) instead of its generic one. */
function reportAs(limit: LimitName) {
  return {
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) => {
        const [, max, found] = armorRefusal.exec(error.message) ?? [];
        context?.reportError(operationLimitExceeded(limit, Number(max), Number(found)));
      },
    ],
  };
}

/** At most `max` distinct fields at the root of an operation (aliases and fragments included; `__typename` free). */
function maxRootFieldsRule(max: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      const found = rootResponseKeys(context, operation.selectionSet, new Set(), new Set()).size;
      if (found > max) context.reportError(operationLimitExceeded('rootFields', max, found));
    },
  });
}

function rootResponseKeys(context: ValidationContext, selections: SelectionSetNode, keys: Set<string>, seen: Set<string>): Set<string> {
  for (const selection of selections.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value !== '__typename') keys.add(selection.alias?.value ?? selection.name.value);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      rootResponseKeys(context, selection.selectionSet, keys, seen);
    } else if (!seen.has(selection.name.value)) {
      // A fragment spread twice adds its fields once; a cycle is refused by GraphQL's own NoFragmentCycles rule.
      seen.add(selection.name.value);
      const fragment = context.getFragment(selection.name.value);
      if (fragment) rootResponseKeys(context, fragment.selectionSet, keys, seen);
    }
  }
  return keys;
}
