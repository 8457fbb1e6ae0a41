import { allow, deny, rule, shield, type IRule, type IRules } from 'graphql-shield';
import { applyMiddleware } from 'graphql-middleware';
import { readFileSync } from 'node:fs';
import { isObjectType, parse, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import type { Activity } from '@epr/policy';
import type { SubgraphContext } from './context.js';
import { forbidden, isPublicError } from './errors.js';
import { benchmarkSwitch } from './benchmark-switches.js';
import { guardInputs, platformScalars } from './input-hygiene/index.js';

export { allow, deny, rule };
export type FieldRules = IRules;

/** A person signed in through the gateway, working in their selected role. */
export const isUserSession: IRule = rule({ cache: 'contextual' })((_parent, _args, ctx: SubgraphContext) => ctx.caller.kind === 'user');

/** The gateway calling for itself (e.g. to check a session's role profile against the directory). */
export const isGatewaySystem: IRule = rule({ cache: 'contextual' })((_parent, _args, ctx: SubgraphContext) => ctx.caller.kind === 'system');

// One rule object per service: shield refuses two different rules under the same name in one schema.
const trustedServiceRules = new Map<string, IRule>();

/** Another subgraph calling in its own name with its own key (e.g. `isTrustedService('scheduling')`). */
export function isTrustedService(service: string): IRule {
  let trusted = trustedServiceRules.get(service);
  if (!trusted) {
    trusted = rule(`isTrustedService:${service}`, { cache: 'contextual' })(
      (_parent, _args, ctx: SubgraphContext) => ctx.caller.kind === 'service' && ctx.caller.userId === service,
    );
    trustedServiceRules.set(service, trusted);
  }
  return trusted;
}

/**
 * Thin shield rule over the policy engine: may the caller's job role do `activity` at all? Per-patient and
 * per-item decisions (relationships, seals, consent) happen in each subgraph's guarded data path.
 */
export function can(activity: Activity): IRule {
  // One rule object per activity: shield refuses two different rules under the same name.
  let activityRule = activityRules.get(activity);
  if (!activityRule) {
    activityRule = rule(`can:${activity}`, { cache: 'contextual' })((_parent, _args, ctx: SubgraphContext) => ctx.policy.holds(activity));
    activityRules.set(activity, activityRule);
  }
  return activityRule;
}

const activityRules = new Map<Activity, IRule>();

/** Any one of several activities (e.g. a privacy officer's log review, or a patient's own access log). */
export function canAny(...activities: Activity[]): IRule {
  return rule(`canAny:${activities.join(',')}`, { cache: 'contextual' })((_parent, _args, ctx: SubgraphContext) =>
    activities.some((activity) => ctx.policy.holds(activity)),
  );
}

/**
 * The federation plumbing every subgraph must expose for the gateway to plan and join. `_entities` only
 * dispatches to `__resolveReference`; the entity's own fields and its guarded loader decide what is returned.
 */
const federationRules = {
  Query: { _entities: allow, _service: allow },
  _Service: { sdl: allow },
};

/**
 * Wraps a subgraph schema in graphql-shield, deny by default: a field without an explicit rule is refused.
 * With `allowExternalErrors: false` shield hands every error thrown below it to `fallbackError`: a denial
 * (null) becomes FORBIDDEN, an error we raised on purpose (BAD_USER_INPUT, CONFLICT, ...) passes unchanged,
 * and anything else becomes a bare internal error whose details are logged, never returned.
 */
export function protectSchema(schema: GraphQLSchema, rules: FieldRules): GraphQLSchema {
  if (benchmarkSwitch('EPR_BENCHMARK_DISABLE_RULES')) return schema;
  const merged = mergeRules(federationRules, rules);
  const permissions = shield(merged, {
    fallbackRule: deny,
    fallbackError: (thrown, parent, _args, ctx, info) => {
      if (thrown === null || thrown === undefined) {
        recordRefusal(ctx as unknown as SubgraphContext, parent, info);
        return forbidden();
      }
      if (isPublicError(thrown)) return thrown;
      (ctx as unknown as SubgraphContext).logger.error({ err: thrown }, 'resolver failed');
      return new Error('Internal server error');
    },
    allowExternalErrors: false,
    debug: false,
  });
  return applyMiddleware(schema, permissions);
}

/**
 * A field refused by its rule is a decision like any other, so it goes to the audit trail — with the patient
 * when the refused field hangs off one (a Patient, or a record carrying its patientId).
 */
function recordRefusal(ctx: SubgraphContext, parent: unknown, info: GraphQLResolveInfo): void {
  if (!ctx?.audit) return;
  const record = (parent ?? {}) as { id?: unknown; patientId?: unknown };
  const patientId =
    info.parentType.name === 'Patient' && typeof record.id === 'string'
      ? record.id
      : typeof record.patientId === 'string'
        ? record.patientId
        : null;
  ctx.audit.record({
    action: 'field.read',
    outcome: 'DENIED',
    patientId,
    items: [`${info.parentType.name}.${info.fieldName}`],
    basis: { kind: 'DECISION', detail: 'role_lacks_activity' },
  });
}

function mergeRules(a: Record<string, object>, b: FieldRules): FieldRules {
  const out: Record<string, unknown> = { ...(b as Record<string, unknown>) };
  for (const [type, fields] of Object.entries(a)) {
    out[type] = { ...(fields as object), ...((out[type] as object | undefined) ?? {}) };
  }
  return out as FieldRules;
}

/**
 * Every `Type.field` of the schema that has no explicit rule (a type-wide rule counts for all its fields).
 * The deny-by-default test asserts this is empty for every subgraph, so a new field cannot ship unguarded.
 */
export function fieldsWithoutRule(schema: GraphQLSchema, rules: FieldRules): string[] {
  const merged = mergeRules(federationRules, rules) as Record<string, unknown>;
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const typeRules = merged[type.name];
    const typeWide = typeRules !== undefined && !isFieldMap(typeRules);
    for (const field of Object.keys(type.getFields())) {
      if (typeWide || (typeRules !== undefined && '*' in (typeRules as object))) continue;
      if (typeRules === undefined || !(field in (typeRules as object))) missing.push(`${type.name}.${field}`);
    }
  }
  return missing;
}

function isFieldMap(value: unknown): boolean {
  return typeof value === 'object' && value !== null && value.constructor === Object;
}

/**
 * A subgraph's executable schema: its SDL file (from the repo's schema/ folder, the contract the supergraph is
 * composed from), its resolvers with the platform's scalars, its rules applied on top, and every input checked
 * before anything else runs.
 */
export function buildProtectedSubgraphSchema(sdlFile: URL, resolvers: unknown, rules: FieldRules): GraphQLSchema {
  const typeDefs = parse(readFileSync(sdlFile, 'utf8'));
  const withScalars = { ...Object.fromEntries(platformScalars.map((scalar) => [scalar.name, scalar])), ...(resolvers as object) };
  return guardInputs(protectSchema(buildSubgraphSchema({ typeDefs, resolvers: withScalars as GraphQLResolverMap<unknown> }), rules));
}
