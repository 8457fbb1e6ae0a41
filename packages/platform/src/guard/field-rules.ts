import type { ShieldRule } from './shield-rule.js';
import type { GraphQLResolveInfo, GraphQLSchema } from 'graphql';
import { isObjectType } from 'graphql';
import { rule } from 'graphql-shield';
import { dataClasses, isPolicyDataClass, type PolicyDataClass } from '@epr/policy';
import type { SubgraphContext } from '../context.js';
import { forbidden } from '../errors.js';
import { readClassification, returnedObjectType, type FieldGuard } from './classification.js';
import { allowAnyCaller, canAny, isGatewaySystem, isTrustedService, isUserSession } from './caller-rules.js';

/** Names the patient an object of one type belongs to (a Patient: its id; a referral: its patientId). */
export type PatientLocator = (parent: never) => string | null | undefined;

/** For every type with patient-bound fields: how to find its patient. */
export type PatientLocators = Record<string, PatientLocator>;

export type FieldRules = Record<string, Record<string, ShieldRule>>;

export interface GuardedRules {
  rules: FieldRules;
  /** Why the schema cannot be served: unclassified fields, patient-bound fields with no way to name their patient. */
  problems: string[];
}

const rootTypes = new Set(['Query', 'Mutation']);

/**
 * The shield rules of a subgraph, derived from its field classification (no hand-written rule per field):
 * root fields need their activity; other fields the read activity of their class and, for patient-bound
 * classes, the per-patient decision for the patient the parent object belongs to. A patient-bound field on a
 * type that cannot name its patient is allowed only when it returns objects (whose own fields are decided for
 * their own patient); a scalar there is a problem and the subgraph does not start.
 */
export function deriveFieldRules(schema: GraphQLSchema, patientOf: PatientLocators): GuardedRules {
  const { fields, problems } = readClassification(schema);
  const rules: FieldRules = {};
  for (const guard of fields.values()) {
    const fieldRule = ruleFor(schema, guard, patientOf, problems);
    if (fieldRule) (rules[guard.type] ??= {})[guard.field] = fieldRule;
  }
  for (const typeName of Object.keys(patientOf)) {
    if (!isObjectType(schema.getType(typeName))) problems.push(`A patient locator names ${typeName}, which is not an object type here.`);
  }
  return { rules, problems };
}

function ruleFor(schema: GraphQLSchema, guard: FieldGuard, patientOf: PatientLocators, problems: string[]): ShieldRule | undefined {
  const key = `${guard.type}.${guard.field}`;
  if (guard.class === 'KEY') return allowAnyCaller;
  if (guard.class === 'SYSTEM') return isGatewaySystem;
  if (guard.class === 'SELF') return isUserSession;
  if (guard.class === 'SERVICE') {
    if (!guard.service) problems.push(`${key}: class SERVICE needs the calling service named (@guard(class: SERVICE, service: "…")).`);
    return guard.service ? isTrustedService(guard.service) : undefined;
  }
  if (!isPolicyDataClass(guard.class)) return undefined;
  const policy = dataClasses[guard.class];
  if (guard.type === 'Mutation') {
    const activity = guard.activity ?? policy.write;
    if (!activity) problems.push(`${key}: class ${guard.class} has no write activity; name one with @guard(activity: "…").`);
    return activity ? canAny([activity]) : undefined;
  }
  if (guard.activity) return canAny([guard.activity]);
  if (rootTypes.has(guard.type) || !policy.patientBound) return policy.read.length ? canAny(policy.read) : isUserSession;
  if (patientOf[guard.type]) return patientBound(guard.class, patientOf);
  // A container that cannot name one patient (a connection, a pathway key from another subgraph) may hand out
  // objects: each of their own fields is decided for its own patient.
  if (returnedObjectType(objectField(schema, guard))) return policy.read.length ? canAny(policy.read) : isUserSession;
  problems.push(`${key} is ${guard.class} (patient-bound) but ${guard.type} has no patient locator: give the type one, or return objects.`);
  return undefined;
}

function objectField(schema: GraphQLSchema, guard: FieldGuard) {
  const type = schema.getType(guard.type);
  if (!isObjectType(type)) throw new Error(`${guard.type} is not an object type`);
  return type.getFields()[guard.field]!;
}

// One rule object per class and subgraph: shield refuses two different rules under one name in a schema.
const patientRules = new WeakMap<PatientLocators, Map<PolicyDataClass, ShieldRule>>();

/**
 * The per-patient rule of one class: the caller's role must hold one of the class's read activities, then the
 * policy engine decides for the patient the parent object belongs to (relationship or emergency access for
 * clinical content, own record for a patient, consent) — memoised per request, so a list of fifty referrals
 * costs one decision. A refusal carries the engine's message (how to get a legitimate relationship).
 */
function patientBound(dataClass: PolicyDataClass, patientOf: PatientLocators): ShieldRule {
  let forSubgraph = patientRules.get(patientOf);
  if (!forSubgraph) patientRules.set(patientOf, (forSubgraph = new Map<PolicyDataClass, ShieldRule>()));
  let patientRule = forSubgraph.get(dataClass);
  if (!patientRule) {
    const policy = dataClasses[dataClass];
    patientRule = rule(`guard:${dataClass}:patient`, { cache: 'no_cache' })(
      async (parent: unknown, _args: unknown, ctx: SubgraphContext, info: GraphQLResolveInfo) => {
        const activity = policy.read.find((candidate) => ctx.policy.holds(candidate));
        if (!activity || !policy.readAction) return false;
        const patientId = locatePatient(patientOf, info.parentType.name, parent);
        if (!patientId) return false;
        const decision = await ctx.policy.forPatient(activity, patientId, policy.readAction);
        if (decision.effect === 'ALLOW' || decision.effect === 'PLACEHOLDER') return true;
        return decision.effect === 'DENY' ? forbidden(decision.message) : forbidden();
      },
    );
    forSubgraph.set(dataClass, patientRule);
  }
  return patientRule;
}

/** The patient of a parent object, or null when its type has no locator or the object names none. */
export function locatePatient(patientOf: PatientLocators, typeName: string, parent: unknown): string | null {
  const locate = patientOf[typeName] as ((parent: unknown) => string | null | undefined) | undefined;
  if (!locate || parent === null || typeof parent !== 'object') return null;
  const patientId = locate(parent);
  return typeof patientId === 'string' && patientId !== '' ? patientId : null;
}
