import {
  defaultFieldResolver,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { badUserInput } from '../errors.js';
import { inputRuleOf, type InputRule } from './constraint-directive.js';
import { RefusedValue } from './date-scalars.js';
import { textProblem } from './text-rules.js';

/** Checks one value found at `path` (e.g. `input.sections[2].text`); throws BAD_USER_INPUT naming it. */
type Check = (value: unknown, path: string) => void;

const textScalars = new Set(['String', 'ID']);
const unchecked = new Set(['Int', 'Float', 'Boolean']);
// The gateway's entity fetches: representations are built by the gateway from subgraph data, not typed by clients.
const federationFields = new Set(['_entities', '_service']);

/**
 * Input hygiene for a whole subgraph, in one place: every argument of every field, and every field of every
 * input object, list element and nested input under it, is checked before the field's resolver (and its
 * rules) run. Text (String, ID) must be well-formed Unicode without control or text-direction override
 * characters and within its length (see text-rules.ts, `@constraint`); dates must be real and in range (see
 * date-scalars.ts); lists within their size. A refusal is BAD_USER_INPUT naming the argument path, and since
 * nothing has run, nothing was written. A new argument or input field is covered without further work.
 */
export function guardInputs(schema: GraphQLSchema): GraphQLSchema {
  for (const [field, check] of argumentChecks(schema)) {
    const resolve = field.resolve ?? defaultFieldResolver;
    field.resolve = (source, args, context, info) => {
      check(args, '');
      return resolve(source, args, context, info);
    };
  }
  return schema;
}

/** Each field that takes an argument needing a check, with the check of all its arguments. */
export function argumentChecks(schema: GraphQLSchema): Map<GraphQLField<unknown, unknown>, Check> {
  const checks = new Map<GraphQLField<unknown, unknown>, Check>();
  const inputChecks = new Map<string, Check | undefined>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
      if (federationFields.has(field.name)) continue;
      const perArgument = field.args.flatMap((arg) => {
        const check = checkOf(arg.type, inputRuleOf(arg), inputChecks);
        return check ? [[arg.name, check] as const] : [];
      });
      if (perArgument.length === 0) continue;
      checks.set(field, (args) => {
        for (const [name, check] of perArgument) check((args as Record<string, unknown>)[name], name);
      });
    }
  }
  return checks;
}

function checkOf(type: GraphQLInputType, rule: InputRule, inputChecks: Map<string, Check | undefined>): Check | undefined {
  if (isNonNullType(type)) return checkOf(type.ofType, rule, inputChecks);
  if (isListType(type)) {
    const item = checkOf(type.ofType, rule, inputChecks);
    return (value, path) => {
      if (!Array.isArray(value)) return item?.(value, path);
      if (value.length > rule.maxItems) throw refused(path, `has ${value.length} items; at most ${rule.maxItems} are allowed`);
      if (item) value.forEach((element, i) => item(element, `${path}[${i}]`));
    };
  }
  if (isInputObjectType(type)) {
    if (!inputChecks.has(type.name)) {
      // Placeholder first, so an input type that contains itself does not recurse for ever.
      inputChecks.set(type.name, undefined);
      const fields = Object.values(type.getFields()).flatMap((field) => {
        const check = checkOf(field.type, inputRuleOf(field), inputChecks);
        return check ? [[field.name, check] as const] : [];
      });
      inputChecks.set(
        type.name,
        fields.length === 0
          ? undefined
          : (value, path) => {
              if (value === null || typeof value !== 'object') return;
              for (const [name, check] of fields) check((value as Record<string, unknown>)[name], `${path}.${name}`);
            },
      );
    }
    const named = type.name;
    return (value, path) => inputChecks.get(named)?.(value, path);
  }
  if (isEnumType(type) || unchecked.has(type.name) || !isScalarType(type)) return undefined;
  if (textScalars.has(type.name)) {
    return (value, path) => {
      const problem = typeof value === 'string' ? textProblem(value, rule.text) : undefined;
      if (problem) throw refused(path, problem);
    };
  }
  // Any other scalar (Date, DateTime, …) may hand on a value it refused.
  return (value, path) => {
    if (value instanceof RefusedValue) throw refused(path, value.problem);
  };
}

/** BAD_USER_INPUT naming the input, in the words every check of the API uses: `This input (path) problem.` */
function refused(path: string, problem: string) {
  return badUserInput(`This input (${path}) ${problem}.`, path);
}
