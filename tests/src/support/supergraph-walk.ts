import { readFileSync } from 'node:fs';
import {
  getNamedType,
  isAbstractType,
  isCompositeType,
  isLeafType,
  isNonNullType,
  isObjectType,
  parse,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { Supergraph } from '@apollo/federation-internals';
import { readClassification } from '@epr/platform';
import type { DataClass } from '@epr/policy';

export const subgraphNames = ['patient', 'care-pathway', 'scheduling', 'audit'] as const;
const schemaDir = new URL('../../../schema/', import.meta.url);

/** The client-facing schema the gateway serves: the committed supergraph without its join and hidden members. */
export function apiSchema(): GraphQLSchema {
  return Supergraph.build(readFileSync(new URL('supergraph.graphql', schemaDir), 'utf8'))
    .apiSchema()
    .toGraphQLJSSchema();
}

/** One subgraph's schema as it serves it (`_entities` and `_service` included), from its committed SDL. */
export function subgraphSchema(name: string): GraphQLSchema {
  return buildSubgraphSchema({ typeDefs: parse(readFileSync(new URL(`${name}.graphql`, schemaDir), 'utf8')) });
}

/** `Type.field` of every field of the four subgraphs whose `@guard` class is `dataClass`. */
export function fieldsOfClass(dataClass: DataClass): Set<string> {
  const found = new Set<string>();
  for (const name of subgraphNames) {
    for (const [key, guard] of readClassification(subgraphSchema(name)).fields) {
      if (guard.class === dataClass) found.add(key);
    }
  }
  return found;
}

/**
 * Whether reaching `typeName` again would go round a cycle. A type that refers to itself directly (an item's
 * `previousVersions`, an appointment's `rescheduledTo`, a patient's `replacedBy`) is walked one step more, so what
 * such a field hands out is walked too; any other return to a type on the path ends it.
 */
function revisits(path: readonly string[], typeName: string): boolean {
  const seen = path.filter((name) => name === typeName).length;
  return seen > 1 || (seen === 1 && path.at(-1) !== typeName);
}

/**
 * Whether a subgraph only declares the field for `@requires`/`@key` (`@external`): it never resolves it — the gateway
 * sends its value in the representation — so a query selecting it is one the gateway would never send.
 */
function isExternal(field: GraphQLField<unknown, unknown>): boolean {
  return field.astNode?.directives?.some((directive) => directive.name.value === 'external') ?? false;
}

/** Argument text for fields that need arguments: `Type.field` → `(a: …, b: …)`. */
export type ArgumentTable = Record<string, string>;

export interface WalkQuery {
  rootField: string;
  query: string;
}

/**
 * For each root field of the schema's Query: one query selecting every path from it to a field in `targets`,
 * with the whole of each target selected (its own fields are in the same class) — or, with `everything`, every
 * field reachable at all, so that clinical text in a field classified as something else shows too. Types are
 * not revisited along a path (but for one step of a type's reference to itself), so cycles end; `__typename` is selected everywhere so a response can be walked
 * against the schema. A field that needs an argument not in `args` is reported, so a new root field cannot slip
 * past the walk.
 */
export function queriesReaching(
  schema: GraphQLSchema,
  targets: ReadonlySet<string>,
  args: ArgumentTable,
  options: { everything?: boolean; maxDepth?: number } = {},
): { queries: WalkQuery[]; missingArguments: string[] } {
  const walker = new SelectionWalker(schema, targets, args, options);
  const root = schema.getQueryType()!;
  const queries: WalkQuery[] = [];
  for (const field of Object.values(root.getFields())) {
    const argumentText = walker.argumentsOf(root.name, field);
    if (argumentText === null) continue;
    const named = getNamedType(field.type);
    const key = `${root.name}.${field.name}`;
    const sub = isLeafType(named)
      ? walker.everything || targets.has(key)
        ? ''
        : null
      : walker.selection(named, [named.name], targets.has(key));
    if (sub === null) continue;
    queries.push({ rootField: field.name, query: `{ ${field.name}${argumentText}${sub ? ` { ${sub} }` : ''} }` });
  }
  return { queries, missingArguments: walker.missingArguments() };
}

/** One `_entities` query of a subgraph: every path from one entity type to the targets (or to everything). */
export interface EntityQuery {
  typeName: string;
  query: string;
}

/**
 * For each entity type a subgraph resolves (its `_Entity` union): an `_entities(representations: $representations)`
 * query selecting, on that type, every path to a field of `targets` — or every field with `everything`. This is
 * what the gateway sends a subgraph to join one subgraph's types into another's, so a walk over it checks the
 * paths no client query names directly.
 */
export function entityQueriesReaching(
  subgraphSchema: GraphQLSchema,
  targets: ReadonlySet<string>,
  args: ArgumentTable,
  options: { everything?: boolean; maxDepth?: number } = {},
): { queries: EntityQuery[]; missingArguments: string[] } {
  const walker = new SelectionWalker(subgraphSchema, targets, args, options);
  const entity = subgraphSchema.getType('_Entity');
  const queries: EntityQuery[] = [];
  for (const type of entity && isAbstractType(entity) ? subgraphSchema.getPossibleTypes(entity) : []) {
    const selection = walker.selection(type, [type.name], false);
    if (!selection) continue;
    queries.push({
      typeName: type.name,
      query: `query ($representations: [_Any!]!) { _entities(representations: $representations) { __typename ... on ${type.name} { ${selection} } } }`,
    });
  }
  return { queries, missingArguments: walker.missingArguments() };
}

/** Builds selections over a schema: types are not revisited along a path, so cycles end. */
class SelectionWalker {
  readonly everything: boolean;
  private readonly maxDepth: number;
  private readonly missing = new Set<string>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly targets: ReadonlySet<string>,
    private readonly args: ArgumentTable,
    options: { everything?: boolean; maxDepth?: number },
  ) {
    this.everything = options.everything ?? false;
    this.maxDepth = options.maxDepth ?? 7;
  }

  missingArguments(): string[] {
    return [...this.missing];
  }

  /** The argument text for a field, `''` when it needs none, null (and noted) when it needs some the table lacks. */
  argumentsOf(typeName: string, field: GraphQLField<unknown, unknown>): string | null {
    const key = `${typeName}.${field.name}`;
    const needed = field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
    if (key in this.args) return this.args[key]!;
    if (needed.length === 0) return '';
    this.missing.add(key);
    return null;
  }

  /** The selection under `type` reaching the targets (all of it when `whole`), or null when nothing is reached. */
  selection(type: GraphQLNamedType, path: readonly string[], whole: boolean): string | null {
    if (isAbstractType(type)) {
      const parts = this.schema
        .getPossibleTypes(type)
        .map((possible) => [possible.name, this.selection(possible, path, whole)] as const)
        .filter(([, selection]) => selection)
        .map(([name, selection]) => `... on ${name} { ${selection} }`);
      return parts.length ? `__typename ${parts.join(' ')}` : null;
    }
    if (!isObjectType(type)) return null;
    const parts: string[] = [];
    for (const field of Object.values(type.getFields())) {
      if (isExternal(field)) continue;
      const key = `${type.name}.${field.name}`;
      const target = whole || this.everything || this.targets.has(key);
      const named = getNamedType(field.type);
      const argumentText = this.argumentsOf(type.name, field);
      if (argumentText === null) continue;
      if (isLeafType(named)) {
        if (target) parts.push(`${field.name}${argumentText}`);
        continue;
      }
      if (!isCompositeType(named) || revisits(path, named.name) || path.length >= this.maxDepth) continue;
      const sub = this.selection(named, [...path, named.name], target);
      if (sub) parts.push(`${field.name}${argumentText} { ${sub} }`);
    }
    return parts.length ? `__typename ${parts.join(' ')}` : null;
  }
}

/**
 * Every place in a response where a field of `targets` has a value that is not null, as `path (Type.field)`.
 * The response is walked with the `__typename`s it carries.
 */
export function valuesAt(targets: ReadonlySet<string>, data: unknown, path = ''): string[] {
  if (Array.isArray(data)) return data.flatMap((item, i) => valuesAt(targets, item, `${path}.${i}`));
  if (data === null || typeof data !== 'object') return [];
  const record = data as Record<string, unknown>;
  const typeName = typeof record.__typename === 'string' ? record.__typename : 'Query';
  const found: string[] = [];
  for (const [field, value] of Object.entries(record)) {
    if (field === '__typename') continue;
    const here = path ? `${path}.${field}` : field;
    if (targets.has(`${typeName}.${field}`) && value !== null && !(Array.isArray(value) && value.length === 0)) {
      found.push(`${here} (${typeName}.${field})`);
    }
    found.push(...valuesAt(targets, value, here));
  }
  return found;
}
