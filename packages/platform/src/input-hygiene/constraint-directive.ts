import { Kind, valueFromASTUntyped, type ConstDirectiveNode, type GraphQLArgument, type GraphQLInputField } from 'graphql';
import { defaultMaxItems, defaultTextRule, type TextRule } from './text-rules.js';

/**
 * The directive each subgraph SDL declares to set an input's limits where the defaults do not fit (running
 * text, longer reasons, longer lists). It is not composed into the supergraph: clients read the limits in the
 * field's description, and the platform enforces them.
 */
export const constraintDirectiveName = 'constraint';

/** The limits of one argument or input field: its `@constraint`, else the defaults. */
export interface InputRule {
  text: TextRule;
  maxItems: number;
}

export function inputRuleOf(input: GraphQLArgument | GraphQLInputField): InputRule {
  const directive = input.astNode?.directives?.find((d) => d.name.value === constraintDirectiveName);
  const given = directive ? argumentsOf(directive) : {};
  return {
    text: {
      maxLength: typeof given.maxLength === 'number' ? given.maxLength : defaultTextRule.maxLength,
      multiline: given.multiline === true,
    },
    maxItems: typeof given.maxItems === 'number' ? given.maxItems : defaultMaxItems,
  };
}

function argumentsOf(directive: ConstDirectiveNode): Record<string, unknown> {
  return Object.fromEntries(
    (directive.arguments ?? []).filter((a) => a.value.kind !== Kind.NULL).map((a) => [a.name.value, valueFromASTUntyped(a.value)]),
  );
}
