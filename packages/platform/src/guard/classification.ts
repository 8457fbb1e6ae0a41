import {
  getNamedType,
  isObjectType,
  Kind,
  type ConstDirectiveNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { isActivity, isDataClass, type Activity, type DataClass } from '@epr/policy';

/** The name of the SDL directive that classifies a field (or every field of a type). */
export const guardDirective = 'guard';

/** How one field is guarded, as its SDL says. */
export interface FieldGuard {
  type: string;
  field: string;
  class: DataClass;
  /** A root field's own activity, when the class alone does not say which (e.g. `relationship.grant`). */
  activity?: Activity;
  /** For `SERVICE`: the subgraph allowed to call it in its own name. */
  service?: string;
}

export interface Classification {
  /** `Type.field` → its guard, for every classified field. */
  fields: Map<string, FieldGuard>;
  /** What is wrong: unclassified fields, unknown classes or activities. Empty when the schema is fully classified. */
  problems: string[];
}

/** Types the federation runtime adds to every subgraph; their fields are plumbing, guarded separately. */
const federationTypes = new Set(['_Service']);
const federationRootFields = new Set(['Query._entities', 'Query._service']);

/**
 * Reads the `@guard` classification of every object field of a subgraph schema: a field's own directive wins,
 * otherwise its type's. A field with neither is a problem, so a new field cannot be added without saying what
 * it carries.
 */
export function readClassification(schema: GraphQLSchema): Classification {
  const fields = new Map<string, FieldGuard>();
  const problems: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || federationTypes.has(type.name)) continue;
    const typeGuard = guardOfType(type, problems);
    for (const field of Object.values(type.getFields())) {
      const key = `${type.name}.${field.name}`;
      if (federationRootFields.has(key)) continue;
      const own = guardOfNode(field.astNode?.directives, key, problems);
      const guard = own ?? typeGuard;
      if (!guard) {
        problems.push(`${key} has no @guard class (on the field or its type): say what data it carries.`);
        continue;
      }
      fields.set(key, { type: type.name, field: field.name, ...guard });
    }
  }
  return { fields, problems };
}

type GuardArguments = Omit<FieldGuard, 'type' | 'field'>;

function guardOfType(type: GraphQLObjectType, problems: string[]): GuardArguments | undefined {
  const nodes = [type.astNode, ...type.extensionASTNodes];
  let found: GuardArguments | undefined;
  for (const node of nodes) found = guardOfNode(node?.directives, type.name, problems) ?? found;
  return found;
}

function guardOfNode(directives: readonly ConstDirectiveNode[] | undefined, where: string, problems: string[]): GuardArguments | undefined {
  const directive = directives?.find((d) => d.name.value === guardDirective);
  if (!directive) return undefined;
  const argument = (name: string): string | undefined => {
    const value = directive.arguments?.find((a) => a.name.value === name)?.value;
    return value && (value.kind === Kind.ENUM || value.kind === Kind.STRING) ? value.value : undefined;
  };
  const dataClass = argument('class');
  if (!dataClass || !isDataClass(dataClass)) {
    problems.push(`${where}: @guard needs a known class (got ${dataClass ?? 'none'}).`);
    return undefined;
  }
  const activity = argument('activity');
  if (activity !== undefined && !isActivity(activity)) {
    problems.push(`${where}: @guard names unknown activity "${activity}".`);
    return undefined;
  }
  const service = argument('service');
  return { class: dataClass, ...(activity ? { activity } : {}), ...(service ? { service } : {}) };
}

/** The object types a field can return (unwrapping lists and non-null), for delegation checks. */
export function returnedObjectType(field: GraphQLField<unknown, unknown>): GraphQLObjectType | undefined {
  const named = getNamedType(field.type);
  return isObjectType(named) ? named : undefined;
}
